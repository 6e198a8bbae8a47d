import PipelineCore

/// `sweep N=V1,V2 [N2=...]`: runs the grid of values (with `range(a,b[,step])` as in
/// Hydra), reusing cached steps, and prints a results table with the best value of each
/// metric marked. The grid is walked point by point, never built whole; one over
/// `SweepGrid.confirmLimit` points asks for `--yes`.
struct SweepCommand: ShellCommand {
  let name = "sweep"
  let group = CommandGroup.running
  let usage = "sweep N=V1,V2,... [N2=range(a,b,step) ...] [--jobs N] [--yes]"
  let abstract = "run every combination of values; table of results with the best marked"
  let example = "sweep lr=0.01,0.02,0.05 model=linear,quadratic"
  let controller: RunController
  static let yes = Flag("--yes")

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .overrides }

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .current }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let (flags, parsed) = try RunFlags.parse(
      invocation.words, defaultJobs: RunFlags.cores, extra: [Self.yes], usage: usage)
    guard !flags.rest.isEmpty else { throw .usage("usage: \(usage)") }
    let parser = BindingParser(context: context)
    var axes: [SweepGrid.Axis] = []
    for word in flags.rest {
      guard !word.quoted, let eq = word.text.firstIndex(of: "="), eq != word.text.startIndex else {
        throw .usage("expected NAME=V1,V2,..., found '\(word.text)'", notes: ["usage: \(usage)"])
      }
      let name = String(word.text[..<eq])
      let values = try SweepValues.expand(String(word.text[word.text.index(after: eq)...]), parameter: name)
      for value in values { _ = try parser.binding(name: name, text: value, layer: .run) }
      axes.append(.init(name: name, values: values))
    }
    let grid = SweepGrid(axes: axes)
    guard let count = grid.count else { throw .usage("the grid has more points than can be counted") }
    if count > SweepGrid.confirmLimit, !parsed.has(Self.yes) {
      throw .usage(
        "the sweep has \(count) points, more than \(SweepGrid.confirmLimit)",
        notes: ["add --yes to run them all, or sweep fewer values"])
    }
    context.output.line("sweep: \(count) run\(count == 1 ? "" : "s") over \(axes.map(\.name).joined(separator: ", "))")
    var rows: [(values: [String], run: RunRecord?)] = []
    let lookup = RunLookup(controller: controller, context: context)
    for index in 0..<count {
      let combination = grid.point(index)
      var overrides: [Binding] = []
      for (axis, value) in zip(axes, combination) {
        overrides.append(try parser.binding(name: axis.name, text: value, layer: .run))
      }
      let label = zip(axes, combination).map { "\($0.name)=\($1)" }.joined(separator: " ")
      context.output.line("[\(index + 1)/\(count)] \(label)")
      var runID: Int?
      do {
        let request = try flags.request(overrides, command: "sweep " + label, context: context)
        runID = try controller.begin(.init(request: request, quiet: true), context: context)
      } catch {
        guard case .failed = error else { throw error }
        runID = controller.lastStartedRunID
      }
      rows.append((combination, try runID.map { (id) throws(CommandError) in try lookup.run(String(id)) }))
      if controller.lastRunWasInterrupted || TerminationSignal.received != nil {
        context.output.line("sweep interrupted after \(index + 1) of \(count) runs")
        break
      }
    }
    context.output.lines(SweepTable.lines(axes.map(\.name), rows: rows, style: context.style))
    if rows.contains(where: { $0.run?.status != .ok }) { throw .failed("some runs of the sweep failed") }
  }
}

/// The points of a crossed grid, walked by index (the first axis changing slowest) without
/// building them all.
struct SweepGrid {
  struct Axis {
    var name: String
    var values: [String]
  }

  /// A sweep over more points than this asks for `--yes`.
  static let confirmLimit = 1000

  var axes: [Axis]

  /// The number of points; nil when it would overflow.
  var count: Int? {
    var total = 1
    for axis in axes {
      let (product, overflow) = total.multipliedReportingOverflow(by: axis.values.count)
      if overflow { return nil }
      total = product
    }
    return total
  }

  /// The values of point `index`, one per axis.
  func point(_ index: Int) -> [String] {
    var rest = index
    var values = [String](repeating: "", count: axes.count)
    for position in axes.indices.reversed() {
      let size = axes[position].values.count
      values[position] = axes[position].values[rest % size]
      rest /= size
    }
    return values
  }
}

/// Expands sweep value lists and builds the grid.
enum SweepValues {
  /// `0.1,0.2`, `range(1,4)`, `range(0,1,0.25)`; commas inside brackets stay (`[1,2],[3]`).
  static func expand(_ text: String, parameter: String) throws(CommandError) -> [String] {
    if text.hasPrefix("range("), text.hasSuffix(")") {
      let parts = text.dropFirst(6).dropLast().split(separator: ",").map { String($0).trimmingSpaces }
      guard (2...3).contains(parts.count), let start = Double(parts[0]), let stop = Double(parts[1]) else {
        throw .usage("range needs numbers: range(start, stop[, step]), found '\(text)'")
      }
      let step = parts.count == 3 ? Double(parts[2]) ?? 0 : 1
      guard step != 0, (stop - start) / step <= 10_000 else { throw .usage("range step must move from start towards stop") }
      let integral = parts.allSatisfy { Int($0) != nil }
      var values: [String] = []
      var x = start
      var i = 0.0
      while step > 0 ? x < stop - 1e-12 : x > stop + 1e-12 {
        values.append(integral ? String(Int(x)) : Value.format(x))
        i += 1
        x = start + i * step
      }
      if values.isEmpty { throw .usage("range(\(parts.joined(separator: ","))) is empty") }
      return values
    }
    var values: [String] = []
    var depth = 0
    var current = ""
    for ch in text {
      if ch == "[" || ch == "{" { depth += 1 }
      if ch == "]" || ch == "}" { depth -= 1 }
      if ch == ",", depth == 0 {
        values.append(current)
        current = ""
      } else {
        current.append(ch)
      }
    }
    values.append(current)
    if values.contains(where: \.isEmpty) { throw .usage("empty value in '\(parameter)=\(text)'") }
    return values
  }
}

/// The results table of a sweep.
enum SweepTable {
  static func lines(_ names: [String], rows: [(values: [String], run: RunRecord?)], style: Style) -> [String] {
    let metrics = rows.map { $0.run.map(RunComparison.metrics(of:)) ?? [:] }
    let metricNames = metrics.flatMap(\.keys).uniqued.sorted()
    var table = TextTable(columns: [.init("RUN", alignment: .right)] + names.map { .init($0) } + [.init("STATUS")]
      + metricNames.map { .init($0, alignment: .right) })
    let best = Dictionary(uniqueKeysWithValues: metricNames.map { n in (n, BestMetric.best(n, among: metrics.compactMap { $0[n] })) })
    for (row, values) in zip(rows, metrics) {
      let cells = metricNames.map { n in
        values[n].map { MetricText.number($0) + ($0 == best[n] ?? nil ? "*" : "") } ?? "-"
      }
      table.append([row.run.map { String($0.id) } ?? "-"] + row.values + [row.run?.status.rawValue ?? "not started"] + cells)
    }
    return table.render() + [style.dim("* best value of each metric (lowest for losses and errors, else highest)")]
  }
}
