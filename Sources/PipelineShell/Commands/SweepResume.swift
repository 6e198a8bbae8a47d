import PipelineCore

/// `sweep --resume [SWEEP]`: runs the points an interrupted sweep (the newest unfinished one
/// of this pipeline by default) did not finish, with the bindings it started from and its
/// settings (`--jobs`, `--fail-fast`, ... given again replace them). Points whose run ended
/// `ok` or `failed` are not run again; interrupted ones and those never started are.
@MainActor
struct SweepResume {
  let controller: RunController
  let context: CommandContext
  let usage: String

  func execute(flags: RunFlags, parsed: ParsedFlags) throws(CommandError) {
    guard flags.rest.count <= 1 else { throw .usage("usage: \(usage)") }
    let id = try flags.rest.first.map { (word) throws(CommandError) -> Int in
      guard let id = Int(word.text), id > 0 else { throw .usage("expected a sweep number, found '\(word.text)'") }
      return id
    }
    let pipeline = try context.session.requirePipeline()
    let store = try controller.store(for: context)
    if parsed.has(SweepCommand.dry) {
      let sweep = try find(id, pipeline: pipeline, store: store)
      let done = try points(of: sweep.id, store: store)
      SweepListing.show(
        sweep.grid, count: sweep.grid.count ?? 0, done: done, settings: settings(sweep.settings, flags, parsed),
        all: true,
        context: context)
      return
    }
    let taken: Result<(SweepRecord, RunStore.SweepOwnership), RunStore.ResumeRefusal>
    do { taken = try store.resumeSweep(id, pipelineName: pipeline.name) } catch {
      throw .failed("cannot resume: \(error)")
    }
    let (sweep, ownership): (SweepRecord, RunStore.SweepOwnership)
    switch taken {
    case .success(let found): (sweep, ownership) = found
    case .failure(let refusal): throw Self.error(refusal, pipeline: pipeline.name)
    }
    guard sweep.pipelineName == pipeline.name else {
      throw .rejected("sweep \(sweep.id) is a sweep of '\(sweep.pipelineName)', not of the loaded '\(pipeline.name)'")
    }
    let done = try points(of: sweep.id, store: store)
    let count = sweep.grid.count ?? 0
    let left = (0..<count).filter { index in done[index].map { $0.status != .ok && $0.status != .failed } ?? true }
    guard !left.isEmpty else {
      do {
        try store.finishSweep(
          sweep.id, status: done.values.contains { $0.status == .failed } ? .failed : .ok,
          at: context.services.clock.now())
      } catch {
        throw .failed("cannot record the end of sweep \(sweep.id): \(error)")
      }
      context.output.line("sweep \(sweep.id) has no points left to run")
      return
    }
    let parser = BindingParser(context: context)
    var bindings: [[Binding]] = []
    for axis in sweep.grid.axes {
      var values: [Binding] = []
      for value in axis.values { values.append(try parser.binding(name: axis.name, text: value, layer: .run)) }
      bindings.append(values)
    }
    var notes: [String] = []
    let entries = sweep.bindings.flatMap(RecordedBindings.decode) ?? []
    let input = RerunRequest.replay(
      entries, profile: sweep.profile, from: "sweep \(sweep.id)", current: try context.session.resolutionInput(),
      tweaks: [],
      notes: &notes)
    for note in notes { context.output.writeError("note: \(note)\n") }
    try controller.sweep(
      RunController.SweepStart(
        grid: sweep.grid, bindings: bindings, points: .these(left), input: input,
        settings: settings(sweep.settings, flags, parsed),
        record: .resumed(sweep, ownership)),
      context: context)
  }

  /// The sweep's settings, with those given on this command line instead.
  private func settings(_ recorded: SweepSettings, _ flags: RunFlags, _ parsed: ParsedFlags) -> SweepSettings {
    var settings = recorded
    if parsed.has(.jobs) { settings.jobs = flags.jobs }
    if parsed.has(SweepCommand.failFast) { settings.failFast = true }
    if parsed.has(.isolated) { settings.isolated = true }
    if parsed.has(.noCache) { settings.useCache = false }
    if parsed.has(.executor) { settings.executor = flags.executor }
    if parsed.has(.logLimit) { settings.logLimit = flags.logLimit }
    return settings
  }

  private func find(_ id: Int?, pipeline: Pipeline, store: RunStore) throws(CommandError) -> SweepRecord {
    do {
      if let id {
        guard let sweep = try store.sweep(id: id) else { throw CommandError.rejected("no sweep \(id)") }
        return sweep
      }
      guard let sweep = try store.sweeps(pipelineName: pipeline.name, limit: 50).first(where: { $0.status != .ok })
      else {
        throw CommandError.rejected("no sweep of \(pipeline.name) to resume")
      }
      return sweep
    } catch let error as CommandError {
      throw error
    } catch {
      throw .failed("cannot read sweeps: \(error)")
    }
  }

  private func points(of id: Int, store: RunStore) throws(CommandError) -> [Int: (runID: Int, status: RunStatus)] {
    do { return try store.sweepPoints(id) } catch { throw .failed("cannot read sweep \(id): \(error)") }
  }

  static func error(_ refusal: RunStore.ResumeRefusal, pipeline: String) -> CommandError {
    switch refusal {
    case .noSuchSweep(let id): return .rejected("no sweep \(id)")
    case .noSweep: return .rejected("no sweep of \(pipeline) to resume")
    case .running(let id, let pid): return .failed("sweep \(id) is running in the shell with pid \(pid)")
    case .finished(let id): return .rejected("sweep \(id) has finished")
    }
  }
}
