import PipelineCore

/// `runs [N] [--json]`: recent runs with what changed against the run before and their metrics.
struct RunsCommand: ShellCommand {
  let name = "runs"
  let group = CommandGroup.history
  let usage = "runs [N] [--json]"
  let abstract = "recent runs: id, when, status, what changed, metrics"
  let example = "runs 20"
  let controller: RunController
  /// The most runs one listing shows.
  static let maximumCount = 100_000

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [.json], usage: usage)
    guard flags.rest.count <= 1 else { throw .usage("usage: \(usage)") }
    let limit = try flags.rest.first.map { (word: Lexer.Word) throws(CommandError) -> Int in
      guard let n = Int(word.text), (1...Self.maximumCount).contains(n) else {
        throw .usage("expected a number of runs from 1 to \(Self.maximumCount), found '\(word.text)'", notes: ["usage: \(usage)"])
      }
      return n
    } ?? 10
    let store = try controller.store(for: context)
    let runs: [RunRecord]
    do { runs = try store.recentRuns(limit: limit + 1) } catch { throw .failed("cannot read runs: \(error)") }
    let shown = Array(runs.prefix(limit))
    let changes = shown.indices.map { index in
      index + 1 < runs.count ? RunComparison.parameterChanges(from: runs[index + 1], to: runs[index]) : nil
    }
    if flags.has(.json) {
      context.printJSON(.array(zip(shown, changes).map { run, changed in
        .object([
          ("id", .int(run.id)), ("startedAt", .double(run.startedAt)), ("status", .string(run.status.rawValue)),
          ("command", .string(run.command)), ("changed", changed.map { .array($0.map(RecordJSON.change)) } ?? .null),
          ("metrics", RecordJSON.metrics(RunComparison.metrics(of: run))),
        ])
      }))
      return
    }
    guard !runs.isEmpty else {
      context.output.line("no runs yet; start one with 'run'")
      return
    }
    var table = TextTable(columns: [
      .init("RUN", alignment: .right), .init("WHEN"), .init("STATUS"), .init("COMMAND"), .init("CHANGED"), .init("METRICS"),
    ])
    for (run, changed) in zip(shown, changes) {
      let text = changed.map { RunComparison.summary($0) } ?? "(first)"
      table.append([
        String(run.id), TimeText.local(run.startedAt), run.status.rawValue, ParameterDisplay.truncated(run.command, limit: 24),
        text.isEmpty ? "-" : ParameterDisplay.truncated(text, limit: 48), MetricText.text(RunComparison.metrics(of: run)),
      ])
    }
    context.output.lines(table.render())
  }
}

/// `show run ID [--json]`: a run's parameters with their layers, values changed while it was
/// paused, its steps (what each ran, where) and metrics.
struct ShowCommand: ShellCommand {
  let name = "show"
  let group = CommandGroup.history
  let usage = "show run ID [--json]"
  let abstract = "a run's parameters with their layers, its steps and its metrics"
  let example = "show run 7"
  let controller: RunController

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .words(["run"]) : .none }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [.json], usage: usage)
    let arguments = flags.rest.map(\.text)
    guard arguments.count == 2, arguments[0] == "run" else { throw .usage("usage: \(usage)") }
    let run = try RunLookup(controller: controller, context: context).run(arguments[1])
    if flags.has(.json) {
      context.printJSON(RecordJSON.run(run))
      return
    }
    context.output.lines(RunDetail.lines(run))
  }
}

/// `show run` as text.
enum RunDetail {
  static func lines(_ run: RunRecord) -> [String] {
    var lines = ["run \(run.id)  \(run.status.rawValue)  \(TimeText.local(run.startedAt))  \(run.command)"]
    if let finished = run.finishedAt { lines[0] += "  (\(Seconds.text(finished - run.startedAt)))" }
    if let profile = run.profile { lines.append("profile \(profile)") }
    if let parent = run.parentRunID { lines.append("rerun of run \(parent)") }
    lines.append("parameters:")
    var params = TextTable(columns: [.init("NAME"), .init("VALUE"), .init("LAYER"), .init("SOURCE")])
    params.indent = "  "
    for p in run.parameters { params.append([p.name, ParameterDisplay.truncated(p.shownValue), p.layer, p.source]) }
    lines += params.render()
    for epoch in run.epochs {
      let at = epoch.beforeStep.map { "before step \($0)" } ?? "while paused"
      lines.append("changed while paused, \(at):")
      let before = run.parameters(atEpoch: epoch.number - 1)
      for change in epoch.changes {
        let old = before[change.name]?.shownValue ?? "-"
        lines.append("  \(change.name)  \(old) -> \(change.shownValue)  (\(change.layer): \(change.source))")
      }
    }
    if !run.dynamicValues.isEmpty {
      lines.append("read at the start:")
      for value in run.dynamicValues { lines.append("  ${\(value.source)} -> \(Value.quoted(value.value))") }
    }
    lines.append("steps:")
    var steps = TextTable(columns: [.init("STEP"), .init("STATE"), .init("TIME", alignment: .right), .init("WHERE"), .init("DETAIL")])
    steps.indent = "  "
    for s in run.steps {
      let time = s.startedAt.flatMap { start in s.finishedAt.map { Seconds.text($0 - start) } } ?? ""
      var detail = s.reason ?? ""
      if !s.metrics.isEmpty { detail += (detail.isEmpty ? "" : "  ") + MetricText.text(s.metrics) }
      steps.append([s.name, s.state.rawValue, time, s.placement?.description ?? "", detail])
    }
    lines += steps.render()
    return lines
  }
}

/// `logs [RUN] STEP`: a step's captured, masked output.
struct LogsCommand: ShellCommand {
  let name = "logs"
  let group = CommandGroup.history
  let usage = "logs [RUN] STEP"
  let abstract = "a step's captured output (secrets masked)"
  let example = "logs 7 train"
  let controller: RunController

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .steps }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard (1...2).contains(arguments.count) else { throw .usage("usage: \(usage)") }
    let lookup = RunLookup(controller: controller, context: context)
    let run = try arguments.count == 2 ? lookup.run(arguments[0]) : lookup.run("last")
    let step = arguments[arguments.count - 1]
    guard let record = run.steps.first(where: { $0.name == step }) else {
      var notes: [String] = []
      if let match = Suggestion.closest(to: step, in: run.steps.map(\.name)) { notes.append("did you mean '\(match)'?") }
      throw .rejected("run \(run.id) has no step '\(step)'", notes: notes)
    }
    let path = try controller.store(for: context).logPath(runID: run.id, step: step)
    guard context.services.fileSystem.exists(path) else {
      context.output.line("(step \(step) of run \(run.id) printed nothing; it was \(record.state.rawValue))")
      return
    }
    let text = try context.services.fileSystem.read(path)
    context.output.write(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")
  }
}

/// Finds a recorded run by id (`7`, `last`).
@MainActor
struct RunLookup {
  let controller: RunController
  let context: CommandContext

  func run(_ text: String) throws(CommandError) -> RunRecord {
    let store = try controller.store(for: context)
    do {
      if text == "last" || text == "-1" {
        guard let id = try store.lastRunID(), let run = try store.run(id: id) else { throw CommandError.failed("no runs yet") }
        return run
      }
      guard let id = Int(text) else { throw CommandError.usage("expected a run number, found '\(text)'") }
      guard let run = try store.run(id: id) else { throw CommandError.rejected("no run \(id)") }
      return run
    } catch let error as CommandError {
      throw error
    } catch {
      throw .failed("cannot read the run store: \(error)")
    }
  }
}
