import PipelineCore

/// `sweep N=V1,V2 [N2=...] [A=.. ~ B=..]`: runs the grid of values (with `range(a,b[,step])` as
/// in Hydra; `~` pairs the values of the parameters on either side instead of crossing them),
/// `--jobs N` points at once (each in an isolated copy of the folder), reusing cached steps,
/// and prints a results table with the best value of each metric marked. The grid is walked
/// point by point, never built whole; one over `SweepGrid.confirmLimit` points asks for
/// `--yes`. The sweep is recorded as a group (`runs --sweep ID`); `--resume` runs what an
/// interrupted sweep left; `--dry` lists the points without running them.
struct SweepCommand: ShellCommand {
  let name = "sweep"
  let group = CommandGroup.running
  let usage =
    "sweep N=V1,V2,... [N2=range(a,b,step) ...] [A=.. ~ B=..] [--jobs N] [--fail-fast] [--dry] [--isolated] [--yes]"
    + " | sweep --resume [SWEEP] [--jobs N] [--fail-fast] [--dry]"
  let abstract = "run every combination of values (A=.. ~ B=.. pairs them), --jobs N at once; table of results"
  let example = "sweep lr=0.01,0.02,0.05 model=linear,quadratic --jobs 2"
  let controller: RunController
  static let yes = Flag("--yes")
  static let failFast = Flag("--fail-fast")
  static let dry = Flag("--dry")
  static let resume = Flag("--resume")
  var flagNames: [String] { (RunFlags.flags + [Self.yes, Self.failFast, Self.dry, Self.resume]).map(\.name) }

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .overrides }

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .current }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let (flags, parsed) = try RunFlags.parse(
      invocation.words, defaultJobs: 1, extra: [Self.yes, Self.failFast, Self.dry, Self.resume], usage: usage)
    if parsed.has(Self.resume) {
      try SweepResume(controller: controller, context: context, usage: usage).execute(flags: flags, parsed: parsed)
      return
    }
    var settings = SweepSettings()
    settings.jobs = flags.jobs
    settings.failFast = parsed.has(Self.failFast)
    settings.isolated = flags.isolated
    settings.useCache = flags.useCache
    settings.executor = flags.executor
    settings.logLimit = flags.logLimit
    guard !flags.rest.isEmpty else { throw .usage("usage: \(usage)") }
    let (grid, bindings) = try SweepAxes.parse(flags.rest, parser: BindingParser(context: context), usage: usage)
    guard let count = grid.count else { throw .usage("the grid has more points than can be counted") }
    if count > SweepGrid.confirmLimit, !parsed.has(Self.yes), !parsed.has(Self.dry) {
      throw .usage(
        "the sweep has \(count) points, more than \(SweepGrid.confirmLimit)",
        notes: ["add --yes to run them all, or sweep fewer values (--dry lists them)"])
    }
    if parsed.has(Self.dry) {
      SweepListing.show(grid, count: count, done: [:], settings: settings, all: parsed.has(Self.yes), context: context)
      return
    }
    let input = try context.session.resolutionInput()
    let pipeline = try context.session.requirePipeline()
    let secretNames = Set(pipeline.parameters.filter(\.isSecret).map(\.name))
    let record = NewSweep(
      startedAt: context.services.clock.now(), pipelineName: pipeline.name, pipelineFile: pipeline.file,
      command: context.session.commandText, grid: grid, profile: input.profile,
      bindings: RecordedBindings.encode(input.bindingsAboveDefaultsInOrder, secretNames: secretNames),
      settings: settings)
    try controller.sweep(
      RunController.SweepStart(
        grid: grid, bindings: bindings, points: .all(count: count), input: input, settings: settings,
        record: .new(record)
      ),
      context: context)
  }
}

/// Reads a sweep's axes: `NAME=VALUES` words, crossed with each other, and `~` between two of
/// them to pair their values (the i-th value of each goes together).
@MainActor
enum SweepAxes {
  /// The grid, and each axis's values as checked run bindings (`bindings[axis][value]`).
  static func parse(
    _ words: [Lexer.Word], parser: BindingParser, usage: String
  ) throws(CommandError) -> (SweepGrid, [[Binding]]) {
    var groups: [SweepGrid.Group] = []
    var bindings: [[Binding]] = []
    var pairNext = false
    var seen = Set<String>()
    let misplaced = CommandError.usage("'~' goes between two NAME=VALUES to pair them", notes: ["usage: \(usage)"])
    for word in words {
      if !word.quoted, word.text == "~" {
        guard !groups.isEmpty, !pairNext else { throw misplaced }
        pairNext = true
        continue
      }
      guard !word.quoted, let eq = ParameterName.assignmentIndex(in: word.text), eq != word.text.startIndex else {
        throw .usage("expected NAME=V1,V2,..., found '\(word.text)'", notes: ["usage: \(usage)"])
      }
      let name = try parser.requireParameter(String(word.text[..<eq])).name
      let values = try SweepValues.expand(String(word.text[word.text.index(after: eq)...]), parameter: name)
      var parsed: [Binding] = []
      for value in values { parsed.append(try parser.binding(name: name, text: value, layer: .run)) }
      guard seen.insert(name).inserted else { throw .usage("'\(name)' is swept twice") }
      bindings.append(parsed)
      let axis = SweepGrid.Axis(name: name, values: values)
      if pairNext, let last = groups.indices.last {
        let other = groups[last].axes[0]
        guard other.values.count == values.count else {
          throw .usage(
            "paired values need as many values on each side: \(other.name) has \(other.values.count), "
              + "\(name) has \(values.count)")
        }
        groups[last].axes.append(axis)
        pairNext = false
      } else {
        groups.append(SweepGrid.Group(axes: [axis]))
      }
    }
    if pairNext { throw misplaced }
    return (SweepGrid(groups: groups), bindings)
  }
}

/// `sweep ... --dry`: every point, in order, without running anything (and, for `--resume`,
/// which are done).
@MainActor
enum SweepListing {
  static func show(
    _ grid: SweepGrid, count: Int, done: [Int: (runID: Int, status: RunStatus)], settings: SweepSettings, all: Bool,
    context: CommandContext
  ) {
    let finished = done.filter { $0.value.status == .ok || $0.value.status == .failed }
    let left = count - finished.count
    context.output.line(
      "sweep: \(count) point\(count == 1 ? "" : "s") over \(grid.axes.map(\.name).joined(separator: ", "))"
        + SweepListing.how(settings))
    let shown = all ? count : min(count, SweepGrid.confirmLimit)
    for index in 0..<shown {
      var line = "[\(index + 1)/\(count)] \(grid.label(index))"
      if let run = finished[index] { line += "  done: run \(run.runID) \(run.status.rawValue)" }
      context.output.line(line)
    }
    if shown < count { context.output.line("... and \(count - shown) more (--yes lists them all)") }
    context.output.line(context.style.dim("dry run: nothing ran; \(left) point\(left == 1 ? "" : "s") would run"))
  }

  /// `, 2 at a time, each in an isolated copy, stopping at the first failure`.
  static func how(_ settings: SweepSettings) -> String {
    var how =
      settings.jobs > 1
      ? ", \(settings.jobs) at a time, each in an isolated copy"
      : (settings.isolated ? ", each in an isolated copy" : "")
    if settings.failFast { how += ", stopping at the first failure" }
    return how
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
      guard step != 0, (stop - start) / step <= 10_000 else {
        throw .usage("range step must move from start towards stop")
      }
      // Whole numbers stay whole (within a double's exact range); others are rounded to the
      // decimals written, so range(0,1,0.001) gives 0.009, not 0.009000000000000001.
      let limit = 9_007_199_254_740_992.0
      let integral = parts.allSatisfy { Int($0) != nil } && abs(start) <= limit && abs(stop) <= limit
      let decimals = min(
        12,
        parts.map { $0.split(separator: ".").dropFirst().first.map { $0.prefix { $0.isNumber }.count } ?? 0 }.max() ?? 0
      )
      let scale = (0..<decimals).reduce(1.0) { value, _ in value * 10 }
      var values: [String] = []
      var x = start
      var i = 0.0
      while step > 0 ? x < stop - 1e-12 : x > stop + 1e-12 {
        values.append(integral ? String(Int(x)) : Value.format((x * scale).rounded() / scale))
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
    var table = TextTable(
      columns: [.init("RUN", alignment: .right)] + names.map { .init($0) } + [.init("STATUS")]
        + metricNames.map { .init($0, alignment: .right) })
    let best = Dictionary(
      uniqueKeysWithValues: metricNames.map { n in (n, BestMetric.best(n, among: metrics.compactMap { $0[n] })) })
    for (row, values) in zip(rows, metrics) {
      let cells = metricNames.map { n in
        values[n].map { MetricText.number($0) + ($0 == best[n] ?? nil ? "*" : "") } ?? "-"
      }
      table.append(
        [row.run.map { String($0.id) } ?? "-"] + row.values + [row.run?.status.rawValue ?? "not started"] + cells)
    }
    guard !metricNames.isEmpty else { return table.render() }
    return table.render() + [style.dim("* best value of each metric (lowest for losses and errors, else highest)")]
  }
}
