import PipelineCore

/// `runs [N]`: recent runs with what changed against the run before and their metrics.
struct RunsCommand: ShellCommand {
  let name = "runs"
  let group = CommandGroup.history
  let usage = "runs [N]"
  let abstract = "recent runs: id, when, status, what changed, metrics"
  let example = "runs 20"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    let limit = try arguments.first.map { (t: String) throws(CommandError) -> Int in
      guard let n = Int(t), n > 0 else { throw .usage("usage: \(usage)") }
      return n
    } ?? 10
    let store = try controller.store(for: context)
    let runs: [RunRecord]
    do { runs = try store.recentRuns(limit: limit + 1) } catch { throw .failed("cannot read runs: \(error)") }
    guard !runs.isEmpty else {
      context.output.line("no runs yet; start one with 'run'")
      return
    }
    var table = TextTable(columns: [
      .init("RUN", alignment: .right), .init("WHEN"), .init("STATUS"), .init("COMMAND"), .init("CHANGED"), .init("METRICS"),
    ])
    for (index, run) in runs.prefix(limit).enumerated() {
      let earlier = index + 1 < runs.count ? runs[index + 1] : nil
      let changed = earlier.map { RunComparison.summary(RunComparison.parameterChanges(from: $0, to: run)) } ?? "(first)"
      table.append([
        String(run.id), TimeText.local(run.startedAt), run.status.rawValue, ParameterDisplay.truncated(run.command, limit: 24),
        changed.isEmpty ? "-" : ParameterDisplay.truncated(changed, limit: 48), MetricText.text(RunComparison.metrics(of: run)),
      ])
    }
    context.output.lines(table.render())
  }
}

/// `show run ID`: a run's parameters with their layers, its steps and metrics.
struct ShowCommand: ShellCommand {
  let name = "show"
  let group = CommandGroup.history
  let usage = "show run ID"
  let abstract = "a run's parameters with their layers, its steps and its metrics"
  let example = "show run 7"
  let controller: RunController

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .words(["run"]) : .none }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard arguments.count == 2, arguments[0] == "run" else { throw .usage("usage: \(usage)") }
    let run = try RunLookup(controller: controller, context: context).run(arguments[1])
    var lines = ["run \(run.id)  \(run.status.rawValue)  \(TimeText.local(run.startedAt))  \(run.command)"]
    if let finished = run.finishedAt { lines[0] += "  (\(Seconds.text(finished - run.startedAt)))" }
    if let profile = run.profile { lines.append("profile \(profile)") }
    if let parent = run.parentRunID { lines.append("rerun of run \(parent)") }
    lines.append("parameters:")
    var params = TextTable(columns: [.init("NAME"), .init("VALUE"), .init("LAYER"), .init("SOURCE")])
    params.indent = "  "
    for p in run.parameters { params.append([p.name, ParameterDisplay.truncated(p.value), p.layer, p.source]) }
    lines += params.render()
    lines.append("steps:")
    var steps = TextTable(columns: [.init("STEP"), .init("STATE"), .init("TIME", alignment: .right), .init("DETAIL")])
    steps.indent = "  "
    for s in run.steps {
      let time = s.startedAt.flatMap { start in s.finishedAt.map { Seconds.text($0 - start) } } ?? ""
      var detail = s.reason ?? ""
      if !s.metrics.isEmpty { detail += (detail.isEmpty ? "" : "  ") + MetricText.text(s.metrics) }
      steps.append([s.name, s.state.rawValue, time, detail])
    }
    lines += steps.render()
    context.output.lines(lines)
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
    let step = arguments.last!
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
