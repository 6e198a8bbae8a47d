import PipelineCore

/// `export argo [FILE] [--image IMAGE] [--secret-name NAME] [--secret-key PARAM=KEY]...
/// [--claim NAME] [--mount PATH]`: the loaded pipeline as an Argo Workflow manifest, on
/// standard output or in FILE, with the session's current values as parameter values.
struct ExportCommand: ShellCommand {
  let name = "export"
  let group = CommandGroup.pipeline
  let usage =
    "export argo [FILE] [--image IMAGE] [--secret-name NAME] [--secret-key PARAM=KEY]... [--claim NAME] [--mount PATH]"
  let abstract = "write the pipeline as an Argo Workflow manifest (secrets as secretKeyRef, never values)"
  let example = "export argo workflow.yaml --image python:3.12-slim"

  static let flags = ["--image", "--secret-name", "--secret-key", "--claim", "--mount"]

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    if argumentIndex == 0 { return .words(["argo"]) }
    if let last = previous.last, Self.flags.contains(last) { return .none }
    return .paths
  }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard arguments.first == "argo" else { throw .usage("usage: \(usage)", notes: ["the only format is 'argo'"]) }
    var options = ArgoExportOptions()
    var file: String?
    var rest = arguments.dropFirst()
    while let word = rest.popFirst() {
      guard word.hasPrefix("--") else {
        guard file == nil else { throw .usage("usage: \(usage)", notes: ["one FILE at most; found '\(word)' too"]) }
        file = word
        continue
      }
      guard Self.flags.contains(word) else {
        var notes: [String] = []
        if let match = Suggestion.closest(to: word, in: Self.flags) { notes.append("did you mean '\(match)'?") }
        throw .usage("unknown option '\(word)' for export", notes: notes)
      }
      guard let value = rest.popFirst() else { throw .usage("\(word) needs a value", notes: ["usage: \(usage)"]) }
      try set(word, value, in: &options)
    }
    let pipeline = try context.session.requirePipeline()
    let snapshot = try context.snapshot()
    let exporter = ArgoWorkflowExporter(
      options: options, environment: context.session.environment, sources: context.services.dynamicSources)
    let text: String
    do { text = try exporter.yaml(pipeline, snapshot: snapshot) } catch { throw .invalid(error.diagnostics) }
    let unset = pipeline.parameters.filter { spec in
      guard let resolved = snapshot.parameters[spec.name] else { return false }
      return !resolved.isSecret && resolved.value == nil
    }
    if !unset.isEmpty {
      context.output.writeError(
        "note: without a value, so Argo asks for them at submission: \(unset.map(\.name).joined(separator: ", "))\n")
    }
    guard let file else {
      context.output.write(text)
      return
    }
    let path = context.path(file)
    try context.services.fileSystem.write(text, to: path)
    context.output.line(
      "wrote \(PipelineLoading(context: context).displayPath(path)) (Argo Workflow, \(pipeline.steps.count) steps)")
  }

  private func set(_ flag: String, _ value: String, in options: inout ArgoExportOptions) throws(CommandError) {
    switch flag {
    case "--image": options.image = value
    case "--secret-name": options.secretName = value
    case "--claim": options.claimName = value
    case "--mount": options.mountPath = value
    default:
      guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
        throw .usage("--secret-key takes PARAM=KEY, found '\(value)'")
      }
      options.secretKeys[String(value[..<equals])] = String(value[value.index(after: equals)...])
    }
  }
}
