import PipelineCore

extension RunController {
  /// A sweep to run: its grid, each axis's values as bindings, which points, the bindings it
  /// starts from, how, and its record (new, or one being resumed).
  struct SweepStart {
    enum Record {
      case new(NewSweep)
      case resumed(SweepRecord, RunStore.SweepOwnership)
    }

    var grid: SweepGrid
    var bindings: [[Binding]]
    var points: SweepPoints
    var input: ResolutionInput
    var settings: SweepSettings
    var record: Record
  }

  /// Runs a sweep's points through the run service (several at once with `jobs` > 1), shows
  /// them as they go, records the sweep's end, and prints the results table. One Ctrl-C (or
  /// SIGTERM) cancels the whole sweep; what finished stays recorded for `sweep --resume`.
  func sweep(_ start: SweepStart, context: CommandContext) throws(CommandError) {
    if active != nil {
      throw .usage("a run is paused", notes: ["finish it with 'continue', or end it with 'abort'"])
    }
    let store = try store(for: context)
    let service = try service(for: context)
    let id: Int
    let ownership: RunStore.SweepOwnership
    switch start.record {
    case .new(let record):
      do { (id, ownership) = try store.beginSweep(record) } catch { throw .failed("cannot record the sweep: \(error)") }
    case .resumed(let record, let owned):
      (id, ownership) = (record.id, owned)
    }
    let count = start.grid.count ?? start.points.count
    let what =
      start.points.count == count ? "\(count) run\(count == 1 ? "" : "s")" : "\(start.points.count) of \(count) runs"
    context.output.line(
      "sweep \(id): \(what) over \(start.grid.axes.map(\.name).joined(separator: ", "))"
        + SweepListing.how(start.settings))
    var base = RunRequest(input: start.input, command: "sweep", jobs: start.settings.jobs > 1 ? 1 : RunFlags.cores)
    base.useCache = start.settings.useCache
    base.executor = start.settings.executor
    base.isolated = start.settings.isolated
    base.logLimit = start.settings.logLimit
    let options = SweepRun.Options(jobs: start.settings.jobs, failFast: start.settings.failFast)
    let console = SweepConsole(
      output: context.output, style: context.style, total: count, parallel: options.jobs > 1 && start.points.count > 1,
      terminal: context.services.interactive && context.session.environment["TERM"] != "dumb",
      columns: context.services.terminalColumns, clock: context.services.clock)
    let sweep = SweepRun(
      service: service, sweepID: id, grid: start.grid, points: start.points, bindings: start.bindings, base: base,
      options: options, events: console)
    let results = InterruptWatch.during({ sweep.cancel() }) { sweep.run { InterruptSignal.count > 0 } }
    console.finish()
    try finishSweep(
      id, start: start, results: results, cancellation: sweep.cancellation, store: store, context: context)
    withExtendedLifetime(ownership) {}
  }

  /// Records how the sweep ended, prints the table of every point that has a run, and says
  /// what is left.
  private func finishSweep(
    _ id: Int, start: SweepStart, results: [SweepPointResult], cancellation: SweepRun.Cancellation?, store: RunStore,
    context: CommandContext
  ) throws(CommandError) {
    let failed = results.contains(where: \.failed)
    // Every point ran to its end (or could not start for a reason of its own).
    let complete = results.count == start.points.count && !results.contains(where: \.wasInterrupted)
    let status: SweepRecord.Status = !complete ? .interrupted : (failed ? .failed : .ok)
    lastRunWasInterrupted = cancellation == .interrupted
    do { try store.finishSweep(id, status: status, at: context.services.clock.now()) } catch {
      context.output.writeError("warning: the run store could not record the end of sweep \(id): \(error)\n")
    }
    context.output.lines(
      try SweepResults.table(id, grid: start.grid, results: results, store: store, style: context.style))
    switch cancellation {
    case .interrupted?:
      let finished = results.filter { !$0.wasInterrupted }.count
      context.output.line(
        "sweep \(id) interrupted: \(finished) of \(start.points.count) point\(start.points.count == 1 ? "" : "s") finished;"
          + " continue it with 'sweep --resume \(id)'")
    case .failFast(let point)?:
      context.output.line(
        "sweep \(id) stopped at the first failure ([\(point + 1)/\(start.grid.count ?? 0)]); continue it with 'sweep --resume \(id)'"
      )
    case nil: break
    }
    if failed || !complete { throw .failed(failed ? "some runs of the sweep failed" : "") }
  }
}

/// The results table of a sweep: each point that has a run (the newest of each), in grid
/// order, and the points of this invocation that could not start.
enum SweepResults {
  static func table(
    _ id: Int, grid: SweepGrid, results: [SweepPointResult], store: RunStore, style: Style
  ) throws(CommandError) -> [String] {
    let points: [Int: (runID: Int, status: RunStatus)]
    let runs: [RunRecord]
    do {
      points = try store.sweepPoints(id)
      runs = try store.runs(ids: points.values.map(\.runID))
    } catch {
      throw .failed("cannot read sweep \(id): \(error)")
    }
    let byID = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var rows: [(index: Int, values: [String], run: RunRecord?)] = []
    for (index, point) in points { rows.append((index, grid.point(index), byID[point.runID])) }
    for result in results where result.runID == nil && points[result.point.index] == nil {
      rows.append((result.point.index, result.point.values, nil))
    }
    rows.sort { $0.index < $1.index }
    return SweepTable.lines(grid.axes.map(\.name), rows: rows.map { ($0.values, $0.run) }, style: style)
  }
}
