import PipelineCore

/// `rerun [RUN] [N=V ...] [--from STEP] [--force]`: runs an earlier run again with tweaks.
/// The run's bindings are replayed, each layer as it was (values changed while it was paused
/// included), with the tweaks on top; every derived value is derived again, its dynamic values
/// are pinned, and only steps whose fingerprint changed run; the rest are reused.
struct RerunCommand: ShellCommand {
  let name = "rerun"
  let group = CommandGroup.running
  let usage =
    "rerun [RUN] [N=V ...] [--from STEP] [--force] [--jobs N] [--isolated] [--executor local|slurm] [--wait] [--log-limit SIZE]"
    + " [--keep-going]"
  let abstract = "rerun the last (or a given) run with tweaks; unchanged steps are reused, not run"
  let example = "rerun lr=0.02"
  let controller: RunController
  static let from = Flag("--from", value: "STEP")
  static let force = Flag("--force")
  var flagNames: [String] { (RunFlags.flags + [Self.from, Self.force]).map(\.name) }

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    previous.last == "--from" ? .steps : .overrides
  }

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .current }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let pipeline = try context.session.requirePipeline()
    let (flags, parsed) = try RunFlags.parse(
      invocation.words, defaultJobs: RunFlags.cores, extra: [Self.from, Self.force], usage: usage)
    if let from = parsed.value(Self.from), pipeline.step(from) == nil { throw StepNames.unknown(from, in: pipeline) }
    var words = flags.rest
    var runText = "last"
    if let first = words.first, !first.quoted, Int(first.text) != nil {
      runText = first.text
      words.removeFirst()
    }
    let base = try RunLookup(controller: controller, context: context).run(runText)
    let (tweaks, rest) = try BindingParser(context: context).overrides(words, layer: .run)
    guard rest.isEmpty else { throw .usage("unexpected '\(rest[0])'", notes: ["usage: \(usage)"]) }
    let store = try controller.store(for: context)
    let epochs: [RunStore.RecordedEpoch]
    do { epochs = try store.epochs(runID: base.id) } catch { throw .failed("cannot read run \(base.id): \(error)") }
    var (request, notes) = RerunRequest.make(
      base: base, epochs: epochs, current: try context.session.resolutionInput(), tweaks: tweaks,
      command: context.session.commandText, jobs: flags.jobs)
    for note in notes { context.output.writeError("note: \(note)\n") }
    flags.apply(to: &request)
    if parsed.has(Self.force) {
      request.forced = Set(pipeline.steps.map(\.name))
    } else if let from = parsed.value(Self.from) {
      request.forced = Dependents.of(from, in: pipeline)
    }
    try controller.begin(.init(request: request), context: context)
  }
}

/// A step and every step that needs it, directly or not.
enum Dependents {
  static func of(_ step: String, in pipeline: Pipeline) -> Set<String> {
    var found: Set<String> = [step]
    var changed = true
    while changed {
      changed = false
      for s in pipeline.steps where !found.contains(s.name) && s.needs.contains(where: found.contains) {
        found.insert(s.name)
        changed = true
      }
    }
    return found
  }
}

extension String {
  func replacingOccurrences(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
