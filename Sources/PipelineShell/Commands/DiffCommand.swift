import PipelineCore

/// `diff RUN1 RUN2 [--json]`: parameter differences (with layers), values changed while
/// either run was paused, and metric differences (with deltas).
struct DiffCommand: ShellCommand {
  let name = "diff"
  let group = CommandGroup.history
  let usage = "diff RUN1 RUN2 [--json]"
  let abstract = "parameter and metric differences between two runs"
  let example = "diff 7 8"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [.json], usage: usage)
    guard flags.rest.count == 2 else { throw .usage("usage: \(usage)") }
    let lookup = RunLookup(controller: controller, context: context)
    let old = try lookup.run(flags.rest[0].text), new = try lookup.run(flags.rest[1].text)
    let changes = RunComparison.parameterChanges(from: old, to: new)
    let metrics = RunComparison.metricChanges(from: old, to: new)
    if flags.has(.json) {
      context.printJSON(
        .object([
          ("from", .int(old.id)), ("to", .int(new.id)), ("parameters", .array(changes.map(RecordJSON.change))),
          ("changedWhilePaused", .object([
            (String(old.id), .array(old.epochs.map(RecordJSON.epoch))), (String(new.id), .array(new.epochs.map(RecordJSON.epoch))),
          ])),
          ("metrics", .array(metrics.map { m in
            .object([("name", .string(m.name)), ("from", .optional(m.old)), ("to", .optional(m.new)), ("delta", .optional(m.delta))])
          })),
        ]))
      return
    }
    context.output.line("parameters (run \(old.id) -> run \(new.id)):")
    if changes.isEmpty { context.output.line("  (none differ)") }
    var params = TextTable(columns: [.init("NAME"), .init("RUN \(old.id)"), .init("RUN \(new.id)")])
    params.indent = "  "
    for c in changes {
      params.append([c.name, c.old.map { "\($0.shownValue) (\($0.layer))" } ?? "-", c.new.map { "\($0.shownValue) (\($0.layer))" } ?? "-"])
    }
    if !changes.isEmpty { context.output.lines(params.render()) }
    for run in [old, new] where !run.epochs.isEmpty {
      context.output.line("changed while run \(run.id) was paused:")
      for epoch in run.epochs {
        let before = run.parameters(atEpoch: epoch.number - 1)
        for change in epoch.changes {
          let at = epoch.beforeStep.map { "before \($0)" } ?? "while paused"
          context.output.line("  \(at): \(change.name) \(before[change.name]?.shownValue ?? "-") -> \(change.shownValue) (\(change.layer))")
        }
      }
    }
    context.output.line("metrics:")
    if metrics.isEmpty { context.output.line("  (no metrics)") }
    var table = TextTable(columns: [
      .init("NAME"), .init("RUN \(old.id)", alignment: .right), .init("RUN \(new.id)", alignment: .right),
      .init("DELTA", alignment: .right),
    ])
    table.indent = "  "
    for m in metrics {
      let delta = m.delta.map { ($0 >= 0 ? "+" : "") + MetricText.number($0) } ?? ""
      table.append([m.name, m.old.map(MetricText.number) ?? "-", m.new.map(MetricText.number) ?? "-", delta])
    }
    if !metrics.isEmpty { context.output.lines(table.render()) }
  }
}

/// `compare [ID ...] [--json]`: runs side by side (the last five by default): the parameters
/// that differ between them, then every metric.
struct CompareCommand: ShellCommand {
  let name = "compare"
  let group = CommandGroup.history
  let usage = "compare [RUN ...] [--json]"
  let abstract = "runs side by side: differing parameters and all metrics (default: last 5)"
  let example = "compare 3 4 5"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [.json], usage: usage)
    let runs = try RunSelection.runs(flags.rest.map(\.text), default: 5, controller: controller, context: context)
    guard runs.count >= 1 else { throw .failed("no runs yet") }
    let names = runs.flatMap { $0.parameters.map(\.name) }.uniqued.filter { name in
      Set(runs.map { run in run.parameters.first { $0.name == name }?.fingerprintValue ?? "" }).count > 1
    }
    let metrics = runs.map(RunComparison.metrics(of:))
    let metricNames = metrics.flatMap(\.keys).uniqued.sorted()
    if flags.has(.json) {
      context.printJSON(
        .object([
          ("runs", .array(runs.map { .int($0.id) })), ("status", .array(runs.map { .string($0.status.rawValue) })),
          ("parameters", .object(names.map { name in
            (name, .array(runs.map { run in RecordJSON.value(run.parameters.first { $0.name == name }) }))
          })),
          ("metrics", .object(metricNames.map { name in (name, .array(metrics.map { .optional($0[name]) })) })),
        ]))
      return
    }
    var table = TextTable(columns: [.init("")] + runs.map { .init("RUN \($0.id)", alignment: .right) })
    for name in names {
      table.append([name] + runs.map { run in run.parameters.first { $0.name == name }?.shownValue ?? "-" })
    }
    table.append(["status"] + runs.map(\.status.rawValue))
    for name in metricNames {
      let best = BestMetric.best(name, among: metrics.compactMap { $0[name] })
      table.append([name] + metrics.map { m in
        m[name].map { MetricText.number($0) + ($0 == best && runs.count > 1 ? "*" : "") } ?? "-"
      })
    }
    context.output.lines(table.render())
    if runs.count > 1 { context.output.line(context.style.dim("* best value of each metric")) }
  }
}

/// Chooses runs for `compare` and `plot`: the ids given, or the most recent ones.
@MainActor
enum RunSelection {
  static func runs(_ ids: [String], default count: Int, controller: RunController, context: CommandContext) throws(CommandError) -> [RunRecord] {
    let lookup = RunLookup(controller: controller, context: context)
    if !ids.isEmpty {
      var runs: [RunRecord] = []
      for id in ids { runs.append(try lookup.run(id)) }
      return runs
    }
    do { return try controller.store(for: context).recentRuns(limit: count).reversed() } catch {
      throw .failed("cannot read runs: \(error)")
    }
  }
}

/// Which value of a metric is best: the smallest for losses and errors, else the largest.
enum BestMetric {
  static let lowerIsBetter = ["loss", "error", "err", "mse", "rmse", "mae", "time", "duration", "latency", "perplexity"]

  static func prefersLower(_ name: String) -> Bool {
    let last = name.split(separator: ".").last.map(String.init)?.lowercased() ?? name.lowercased()
    return lowerIsBetter.contains { last == $0 || last.hasSuffix("_" + $0) || last.hasPrefix($0 + "_") }
  }

  static func best(_ name: String, among values: [Double]) -> Double? {
    let finite = values.filter(\.isFinite)
    return prefersLower(name) ? finite.min() : finite.max()
  }
}

extension Array where Element: Hashable {
  /// The elements in order, without repeats.
  var uniqued: [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
