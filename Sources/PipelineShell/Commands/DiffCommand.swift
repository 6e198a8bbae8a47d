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
          (
            "changedWhilePaused",
            .object([
              (String(old.id), .array(old.epochs.map(RecordJSON.epoch))),
              (String(new.id), .array(new.epochs.map(RecordJSON.epoch))),
            ])
          ),
          (
            "metrics",
            .array(
              metrics.map { m in
                .object([
                  ("name", .string(m.name)), ("from", .optional(m.old)), ("to", .optional(m.new)),
                  ("delta", .optional(m.delta)),
                ])
              })
          ),
          (
            "code",
            .object([
              (String(old.id), old.code.map(RecordJSON.code) ?? .null),
              (String(new.id), new.code.map(RecordJSON.code) ?? .null),
            ])
          ),
          (
            "sameCode",
            old.code == nil && new.code == nil
              ? .null : .bool(old.code.flatMap { a in new.code.map(a.isSameCode) } ?? false)
          ),
        ]))
      return
    }
    let code = CodeText.comparison(old, new)
    for line in code where line.hasPrefix("warning:") { context.output.writeError(line + "\n") }
    context.output.line("parameters (run \(old.id) -> run \(new.id)):")
    if changes.isEmpty { context.output.line("  (none differ)") }
    var params = TextTable(columns: [.init("NAME"), .init("RUN \(old.id)"), .init("RUN \(new.id)")])
    params.indent = "  "
    for c in changes {
      params.append([
        c.name, c.old.map { "\($0.shownValue) (\($0.layer))" } ?? "-",
        c.new.map { "\($0.shownValue) (\($0.layer))" } ?? "-",
      ])
    }
    if !changes.isEmpty { context.output.lines(params.render()) }
    for run in [old, new] where !run.epochs.isEmpty {
      context.output.line("changed while run \(run.id) was paused:")
      for epoch in run.epochs {
        let before = run.parameters(atEpoch: epoch.number - 1)
        for change in epoch.changes {
          let at = epoch.beforeStep.map { "before \($0)" } ?? "while paused"
          context.output.line(
            "  \(at): \(change.name) \(before[change.name]?.shownValue ?? "-") -> \(change.shownValue) (\(change.layer))"
          )
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
    context.output.lines(code.filter { !$0.hasPrefix("warning:") })
  }
}

/// `compare [ID ...] [--sweep ID] [--all] [--json]`: runs side by side (the last five by
/// default, or every run of a sweep): the parameters that differ between them (`--all`: every
/// parameter), then every metric. Runs that do not fit the terminal's width go on in another
/// block below, so no column is cut.
struct CompareCommand: ShellCommand {
  let name = "compare"
  let group = CommandGroup.history
  let usage = "compare [RUN ...] [--sweep ID] [--all] [--json]"
  let abstract = "runs side by side: differing parameters and all metrics (default: last 5)"
  let example = "compare 3 4 5"
  let controller: RunController
  static let sweep = Flag("--sweep", value: "ID")
  static let all = Flag("--all")
  var flagNames: [String] { [Flag.json, Self.sweep, Self.all].map(\.name) }
  /// The most runs of a sweep compared.
  static let maximumRuns = 1000

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [.json, Self.sweep, Self.all], usage: usage)
    var runs = try RunSelection.runs(flags.rest.map(\.text), default: 5, controller: controller, context: context)
    if let sweep = flags.value(Self.sweep) {
      guard flags.rest.isEmpty else { throw .usage("give runs or --sweep, not both", notes: ["usage: \(usage)"]) }
      let store = try controller.store(for: context)
      let id = try SweepLookup.id(sweep, store: store, context: context)
      do {
        let ids = try store.runIDs(RunStore.RunFilter(sweepID: id), limit: Self.maximumRuns)
        runs = try store.runs(ids: ids.reversed())
      } catch {
        throw .failed("cannot read sweep \(id): \(error)")
      }
    }
    guard runs.count >= 1 else { throw .failed(flags.has(Self.sweep) ? "the sweep has no runs" : "no runs yet") }
    let names = runs.flatMap { $0.parameters.map(\.name) }.uniqued.filter { name in
      flags.has(Self.all)
        || Set(runs.map { run in run.parameters.first { $0.name == name }?.fingerprintValue ?? "" }).count > 1
    }
    let metrics = runs.map(RunComparison.metrics(of:))
    let metricNames = metrics.flatMap(\.keys).uniqued.sorted()
    if flags.has(.json) {
      context.printJSON(
        .object([
          ("runs", .array(runs.map { .int($0.id) })), ("status", .array(runs.map { .string($0.status.rawValue) })),
          (
            "parameters",
            .object(
              names.map { name in
                (name, .array(runs.map { run in RecordJSON.value(run.parameters.first { $0.name == name }) }))
              })
          ),
          ("metrics", .object(metricNames.map { name in (name, .array(metrics.map { .optional($0[name]) })) })),
        ]))
      return
    }
    var rows: [[String]] = []
    for name in names {
      rows.append([name] + runs.map { run in run.parameters.first { $0.name == name }?.shownValue ?? "-" })
    }
    rows.append(["status"] + runs.map(\.status.rawValue))
    for name in metricNames {
      let best = BestMetric.best(name, among: metrics.compactMap { $0[name] })
      rows.append(
        [name]
          + metrics.map { m in
            m[name].map { MetricText.number($0) + ($0 == best && runs.count > 1 ? "*" : "") } ?? "-"
          })
    }
    let headers = runs.map { "RUN \($0.id)" }
    let blocks = SideBySide.blocks(headers: headers, rows: rows, width: context.services.terminalColumns())
    for (index, block) in blocks.enumerated() {
      if index > 0 { context.output.line() }
      var table = TextTable(columns: [.init("")] + block.map { .init(headers[$0], alignment: .right) })
      for row in rows { table.append([row[0]] + block.map { row[$0 + 1] }) }
      context.output.lines(table.render())
    }
    var notes: [String] = []
    if blocks.count > 1 {
      notes.append(
        "\(runs.count) runs in \(blocks.count) blocks to fit \(context.services.terminalColumns() ?? 0) columns")
    }
    if runs.count > 1 { notes.append("* best value of each metric") }
    if !notes.isEmpty { context.output.line(context.style.dim(notes.joined(separator: "; "))) }
  }
}

/// Columns side by side in blocks that fit a width: a block takes runs while they fit beside
/// the names column; the next run starts a block below (every block at least one run).
enum SideBySide {
  /// The run indices of each block; one block when the width is unknown.
  static func blocks(headers: [String], rows: [[String]], width: Int?) -> [[Int]] {
    guard let width else { return [Array(headers.indices)] }
    let names = rows.map { TerminalText.width($0[0]) }.max() ?? 0
    var blocks: [[Int]] = [[]]
    var used = names
    for index in headers.indices {
      let column = max(TerminalText.width(headers[index]), rows.map { TerminalText.width($0[index + 1]) }.max() ?? 0)
      if !blocks[blocks.count - 1].isEmpty, used + 2 + column > width {
        blocks.append([])
        used = names
      }
      blocks[blocks.count - 1].append(index)
      used += 2 + column
    }
    return blocks
  }
}

/// Chooses runs for `compare` and `plot`: the ids given, or the most recent ones.
@MainActor
enum RunSelection {
  static func runs(_ ids: [String], default count: Int, controller: RunController, context: CommandContext)
    throws(CommandError) -> [RunRecord]
  {
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
  static let lowerIsBetter = [
    "loss", "error", "err", "mse", "rmse", "mae", "time", "duration", "latency", "perplexity",
  ]

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
