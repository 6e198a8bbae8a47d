import PipelineCore

/// `plot METRIC by PARAM`: a chart in the terminal of a metric against a parameter over the
/// recorded runs of this pipeline.
struct PlotCommand: ShellCommand {
  let name = "plot"
  let group = CommandGroup.history
  let usage = "plot METRIC by PARAM [--last N]"
  let abstract = "chart a metric against a parameter over recorded runs"
  let example = "plot loss by lr"
  let controller: RunController

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    argumentIndex == 1 ? .words(["by"]) : (argumentIndex == 2 ? .parameters : .none)
  }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard arguments.count == 3 || arguments.count == 5, arguments[1] == "by" else { throw .usage("usage: \(usage)") }
    var limit = 200
    if arguments.count == 5 {
      guard arguments[3] == "--last", let n = Int(arguments[4]), n > 0 else { throw .usage("usage: \(usage)") }
      limit = n
    }
    let pipeline = try context.session.requirePipeline()
    let (metric, parameter) = (arguments[0], arguments[2])
    let spec = try BindingParser(context: context).requireParameter(parameter)
    guard !spec.isSecret else { throw .rejected("'\(parameter)' is a secret; its values are never shown") }
    let runs: [RunRecord]
    do { runs = try controller.store(for: context).recentRuns(limit: limit) } catch { throw .failed("cannot read runs: \(error)") }
    var points: [ChartPoint] = []
    var metricNames = Set<String>()
    for run in runs where run.pipelineName == pipeline.name {
      let metrics = RunComparison.metrics(of: run)
      metricNames.formUnion(metrics.keys)
      guard let y = metrics[metric], let record = run.parameters.first(where: { $0.name == parameter }) else { continue }
      let x = (try? ValueParser.parse(record.fingerprintValue, as: spec.type).get()) ?? .string(record.fingerprintValue)
      points.append(ChartPoint(x: x, y: y))
    }
    guard !points.isEmpty else {
      var notes: [String] = []
      if let match = Suggestion.closest(to: metric, in: metricNames) { notes.append("did you mean '\(match)'?") }
      if !metricNames.isEmpty { notes.append("metrics recorded: " + metricNames.sorted().joined(separator: ", ")) }
      throw .rejected("no recorded run of \(pipeline.name) has metric '\(metric)'", notes: notes)
    }
    context.output.lines(Chart(metric: metric, parameter: parameter, points: points.reversed()).render())
  }
}
