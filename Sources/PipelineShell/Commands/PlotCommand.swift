import PipelineCore

/// `plot METRIC by PARAM [for PARAM2] [--sweep ID] [--last N]`: a chart in the terminal of a
/// metric against a parameter over the recorded runs of this pipeline (or of one sweep); with
/// `for PARAM2`, one series per value of PARAM2 (its own marker, a legend) instead of pooling
/// runs that differ in it.
struct PlotCommand: ShellCommand {
  let name = "plot"
  let group = CommandGroup.history
  let usage = "plot METRIC by PARAM [for PARAM2] [--sweep ID] [--last N]"
  let abstract = "chart a metric against a parameter over recorded runs (a series per value of PARAM2)"
  let example = "plot loss by lr for model --sweep last"
  let controller: RunController
  static let last = Flag("--last", value: "N")
  static let sweep = Flag("--sweep", value: "ID")
  var flagNames: [String] { [Self.last, Self.sweep].map(\.name) }
  /// The most runs a plot reads.
  static let maximumRuns = 100_000

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    switch argumentIndex {
    case 1: return .words(["by"])
    case 2, 4: return .parameters
    case 3: return .words(["for", "--sweep", "--last"])
    default: return .words(["--sweep", "--last"])
    }
  }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [Self.last, Self.sweep], usage: usage)
    let arguments = flags.rest.map(\.text)
    guard arguments.count == 3 || arguments.count == 5, arguments[1] == "by",
      arguments.count == 3 || arguments[3] == "for"
    else { throw .usage("usage: \(usage)") }
    let limit = try flags.number(Self.last, in: 1...Self.maximumRuns) ?? 200
    let pipeline = try context.session.requirePipeline()
    let parser = BindingParser(context: context)
    let metric = arguments[0]
    let spec = try parser.requireParameter(arguments[2])
    let parameter = spec.name
    let seriesParameter = try arguments.count == 5 ? parser.requireParameter(arguments[4]).name : nil
    for name in [parameter] + (seriesParameter.map { [$0] } ?? []) where try parser.requireParameter(name).isSecret {
      throw .rejected("'\(name)' is a secret; its values are never shown")
    }
    let store = try controller.store(for: context)
    let runs: [RunRecord]
    do {
      if let sweep = flags.value(Self.sweep) {
        let id = try SweepLookup.id(sweep, store: store, context: context)
        runs = try store.runs(ids: store.runIDs(RunStore.RunFilter(sweepID: id), limit: limit))
      } else {
        runs = try store.recentRuns(limit: limit)
      }
    } catch let error as CommandError {
      throw error
    } catch {
      throw .failed("cannot read runs: \(error)")
    }
    var points: [ChartPoint] = []
    var plotted: [RunRecord] = []
    var metricNames = Set<String>()
    for run in runs where run.pipelineName == pipeline.name {
      let metrics = RunComparison.metrics(of: run)
      metricNames.formUnion(metrics.keys)
      guard let y = metrics[metric], let record = run.parameters.first(where: { $0.name == parameter }) else {
        continue
      }
      let x =
        record.typedValue ?? (try? ValueParser.parse(record.fingerprintValue, as: spec.type).get())
        ?? .string(record.fingerprintValue)
      let series = seriesParameter.map { name in
        run.parameters.first { $0.name == name }.map { $0.typedValue?.text ?? $0.shownValue } ?? "<unset>"
      }
      points.append(ChartPoint(x: x, y: y, series: series))
      plotted.append(run)
    }
    guard !points.isEmpty else {
      var notes: [String] = []
      if let match = Suggestion.closest(to: metric, in: metricNames) { notes.append("did you mean '\(match)'?") }
      if !metricNames.isEmpty { notes.append("metrics recorded: " + metricNames.sorted().joined(separator: ", ")) }
      throw .rejected("no recorded run of \(pipeline.name) has metric '\(metric)'", notes: notes)
    }
    let seriesCount = Set(points.map(\.series)).count
    if seriesCount > Chart.seriesMarkers.count {
      throw .rejected(
        "the runs have \(seriesCount) values of \(seriesParameter ?? ""); a chart draws at most \(Chart.seriesMarkers.count) series",
        notes: ["plot fewer runs: --sweep ID, --last N"])
    }
    var chart = Chart(metric: metric, parameter: parameter, points: points.reversed())
    chart.seriesParameter = seriesParameter
    context.output.lines(chart.render())
    if seriesParameter == nil, let other = Self.alsoVarying(plotted, besides: parameter) {
      context.output.line(
        context.style.dim(
          "note: the runs differ in \(other) too; 'plot \(metric) by \(parameter) for \(other)' separates them"))
    }
  }

  /// A parameter (other than `parameter`) whose value differs between the runs, with at most
  /// as many values as a chart has series.
  static func alsoVarying(_ runs: [RunRecord], besides parameter: String) -> String? {
    guard let first = runs.first else { return nil }
    for record in first.parameters where record.name != parameter && !record.isSecret {
      let values = Set(runs.map { run in run.parameters.first { $0.name == record.name }?.fingerprintValue ?? "" })
      if values.count > 1, values.count <= Chart.seriesMarkers.count { return record.name }
    }
    return nil
  }
}
