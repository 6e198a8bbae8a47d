import PipelineCore

/// The real run a rerun is decided against: started, driven and recorded by the run service,
/// exactly as `run` does (steps executed by `/bin/sh`, results and fingerprints stored).
struct FirstRun {
  var pipeline: Pipeline
  var service: RunService
  var environment: [String: String]

  /// Returns the newest successful run's id, running the pipeline first when there is none.
  func ensure() throws -> Int {
    let store = service.store
    if let last = try store.lastRunID(), try store.run(id: last)?.status == .ok { return last }
    let request = RunRequest(
      input: ResolutionInput(pipeline: pipeline, environment: environment), command: "run", jobs: 2)
    let run: ActiveRun
    do { run = try service.start(request, subscribers: []) } catch {
      throw BenchFailure("cannot start the run: \(error)")
    }
    let (stop, milliseconds) = Measure.time { run.proceed(ignoringFirstStop: false) { _ in false } }
    guard case .finished(let summary) = stop, summary.status == .ok else {
      throw BenchFailure("the first run did not succeed: \(stop)")
    }
    Measure.report("decide.first_run", milliseconds, "ms")
    return run.runID
  }
}
