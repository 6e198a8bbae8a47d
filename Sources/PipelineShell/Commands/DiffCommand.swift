import PipelineCore

/// `diff ID1 ID2`: parameter differences (with layers) and metric differences (with deltas).
struct DiffCommand: ShellCommand {
  let name = "diff"
  let group = CommandGroup.history
  let usage = "diff RUN1 RUN2"
  let abstract = "parameter and metric differences between two runs"
  let example = "diff 7 8"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard arguments.count == 2 else { throw .usage("usage: \(usage)") }
    let lookup = RunLookup(controller: controller, context: context)
    let old = try lookup.run(arguments[0]), new = try lookup.run(arguments[1])
    let changes = RunComparison.parameterChanges(from: old, to: new)
    context.output.line("parameters (run \(old.id) -> run \(new.id)):")
    if changes.isEmpty { context.output.line("  (none differ)") }
    var params = TextTable(columns: [.init("NAME"), .init("RUN \(old.id)"), .init("RUN \(new.id)")])
    params.indent = "  "
    for c in changes {
      params.append([c.name, c.old.map { "\($0.value) (\($0.layer))" } ?? "-", c.new.map { "\($0.value) (\($0.layer))" } ?? "-"])
    }
    if !changes.isEmpty { context.output.lines(params.render()) }
    let metrics = RunComparison.metricChanges(from: old, to: new)
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

/// `compare [ID ...]`: runs side by side (the last five by default): the parameters that
/// differ between them, then every metric.
struct CompareCommand: ShellCommand {
  let name = "compare"
  let group = CommandGroup.history
  let usage = "compare [RUN ...]"
  let abstract = "runs side by side: differing parameters and all metrics (default: last 5)"
  let example = "compare 3 4 5"
  let controller: RunController

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    let runs = try RunSelection.runs(arguments, default: 5, controller: controller, context: context)
    guard runs.count >= 1 else { throw .failed("no runs yet") }
    var table = TextTable(columns: [.init("")] + runs.map { .init("RUN \($0.id)", alignment: .right) })
    let names = runs.flatMap { $0.parameters.map(\.name) }.uniqued
    for name in names {
      let values = runs.map { run in run.parameters.first { $0.name == name } }
      guard Set(values.map { $0?.fingerprintValue ?? "" }).count > 1 else { continue }
      table.append([name] + values.map { $0?.value ?? "-" })
    }
    table.append(["status"] + runs.map(\.status.rawValue))
    let metrics = runs.map(RunComparison.metrics(of:))
    for name in metrics.flatMap(\.keys).uniqued.sorted() {
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
