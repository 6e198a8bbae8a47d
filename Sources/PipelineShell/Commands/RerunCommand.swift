import PipelineCore

/// `rerun [RUN] [N=V ...] [--from STEP] [--force]`: runs an earlier run again with tweaks.
/// Its recorded values are pinned (dynamic values included), the tweaks go on top, and only
/// steps whose fingerprint changed run; the rest are reused.
struct RerunCommand: ShellCommand {
  let name = "rerun"
  let group = CommandGroup.running
  let usage = "rerun [RUN] [N=V ...] [--from STEP] [--force] [--jobs N]"
  let abstract = "rerun the last (or a given) run with tweaks; unchanged steps are reused, not run"
  let example = "rerun lr=0.02"
  let controller: RunController

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    previous.last == "--from" ? .steps : .overrides
  }

  func execute(_ arguments: [String], in context: CommandContext) throws(CommandError) {
    let pipeline = try context.session.requirePipeline()
    var flags = try RunFlags(arguments, defaultJobs: RunFlags.cores)
    var from: String?
    var force = false
    var words: [String] = []
    var iterator = flags.rest.makeIterator()
    while let word = iterator.next() {
      switch word {
      case "--from":
        guard let step = iterator.next() else { throw .usage("--from needs a step", notes: ["usage: \(usage)"]) }
        guard pipeline.step(step) != nil else { throw StepNames.unknown(step, in: pipeline) }
        from = step
      case "--force": force = true
      default: words.append(word)
      }
    }
    flags.rest = words
    var runText = "last"
    if let first = words.first, Int(first) != nil {
      runText = first
      words.removeFirst()
    }
    let base = try RunLookup(controller: controller, context: context).run(runText)
    let (tweaks, rest) = try BindingParser(context: context).overrides(words, layer: .run)
    guard rest.isEmpty else { throw .usage("unexpected '\(rest[0])'", notes: ["usage: \(usage)"]) }
    let pinned = try pinnedValues(of: base, except: Set(tweaks.map(\.name)), context: context)
    let forced: Set<String> =
      force ? Set(pipeline.steps.map(\.name)) : from.map { Dependents.of($0, in: pipeline) } ?? []
    try controller.begin(
      .init(
        overrides: pinned + tweaks, jobs: flags.jobs, useCache: flags.useCache, command: context.session.commandText,
        parentRunID: base.id, compareWith: base, forced: forced),
      context: context)
  }

  /// The base run's recorded values that differ from what the session resolves to now, as
  /// run-layer bindings, so the rerun sees the same values (secrets come from the session).
  private func pinnedValues(of run: RunRecord, except tweaked: Set<String>, context: CommandContext) throws(CommandError) -> [Binding] {
    let pipeline = try context.session.requirePipeline()
    let now = try context.snapshot()
    var pinned: [Binding] = []
    for record in run.parameters where !record.isSecret && !tweaked.contains(record.name) {
      guard let spec = pipeline.parameter(record.name), !spec.isSecret else { continue }
      if now.value(record.name)?.text == record.fingerprintValue { continue }
      if case .success = ValueParser.parse(record.fingerprintValue, as: spec.type) {
        pinned.append(Binding(
          name: record.name, raw: .text(record.fingerprintValue.replacingTemplateMarks), layer: .run,
          source: .command("as in run \(run.id)", context.session.origin)))
      }
    }
    return pinned
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
  /// Recorded values are final: a `${` in them is text, not a template.
  var replacingTemplateMarks: String { replacingOccurrences("${", with: "$${") }

  func replacingOccurrences(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
