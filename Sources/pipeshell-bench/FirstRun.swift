import PipelineCore

/// The real run a rerun is decided against: recorded through the engine, exactly as
/// `run` records it (steps executed by `/bin/sh`, results and fingerprints stored).
struct FirstRun {
  var pipeline: Pipeline
  var store: RunStore
  var sources: LocalDynamicSources
  var environment: [String: String]

  /// Returns the newest successful run's id, running the pipeline first when there is none.
  func ensure() throws -> Int {
    if let last = try store.lastRunID(), try store.run(id: last)?.status == .ok { return last }
    let snapshot = Resolver(sources: sources).resolve(ResolutionInput(pipeline: pipeline, environment: environment))
    let plan = Planner(environment: environment, sources: sources).plan(pipeline, snapshot: snapshot)
    if let problem = plan.problems.first { throw BenchFailure("cannot plan: \(problem)") }
    let runID = try store.beginRun(
      NewRun(
        startedAt: SystemClock().now(), pipelineName: pipeline.name, pipelineHash: pipeline.sourceHash,
        command: "run", parameters: try records(snapshot)))
    let runner = StepRunner(
      launcher: PosixProcessLauncher(), secrets: snapshot.secretValues, baseEnvironment: environment, runID: runID,
      takesTerminal: false)
    let recorder = RunRecorder(store: store, runID: runID)
    let execution = RunExecution(
      runID: runID, plan: plan, snapshot: snapshot, runner: runner,
      cache: StoreStepCache(store: store, runID: runID, previous: nil), subscribers: [recorder])
    let (stop, milliseconds) = Measure.time { execution.proceed(jobs: 2) { _ in false } }
    guard case .finished(let summary) = stop, summary.status == .ok else {
      throw BenchFailure("the first run did not succeed: \(stop)")
    }
    Measure.report("decide.first_run", milliseconds, "ms")
    return runID
  }

  /// The parameter snapshot as `run` records it (secrets by keyed hash).
  private func records(_ snapshot: Snapshot) throws -> [ParameterRecord] {
    try snapshot.order.compactMap { name -> ParameterRecord? in
      guard let p = snapshot.parameters[name] else { return nil }
      let fingerprintValue =
        p.isSecret ? try store.secretFingerprint(of: Secret(p.value?.revealedText ?? "")) : p.value?.text ?? ""
      return ParameterRecord(
        name: name, value: p.value?.display ?? "", layer: p.winner?.layer.description ?? "-",
        source: p.winner?.source.description ?? "", isSecret: p.isSecret, fingerprintValue: fingerprintValue)
    }
  }
}
