import Dispatch
import Glibc
import Testing

@testable import PipelineCore

/// The recorder commits a finished step together with the next record, and never later than
/// the moment the run waits: whoever reads the store then sees every finished step.
@Suite struct RunRecorderTests {
  let folder = TemporaryFolder()

  private func states(_ store: RunStore, _ runID: Int) throws -> [String: StepState] {
    let run = try #require(try store.run(id: runID))
    return Dictionary(uniqueKeysWithValues: run.steps.map { ($0.name, $0.state) })
  }

  private func finished(_ step: String, _ state: StepState = .ok) -> RunEvent {
    .stepFinished(StepRecord(name: step, state: state, exitCode: 0, attempts: 1))
  }

  private func started(_ step: String) -> RunEvent {
    .stepStarted(StepRecord(name: step, state: .running, command: "true", folder: "/"), attempt: 1)
  }

  @Test func heldRecordsAreCommittedTogetherSoonAfterWithoutAnyWait() throws {
    let store = try RunStore(folder: folder.path)
    let runID = try store.beginRun(sampleRun())
    let recorder = RunRecorder(store: store, runID: runID)
    recorder.handle(started("a"))
    recorder.handle(.stepPlaced(step: "a", StepPlacement(executor: "local", processID: 7)))
    recorder.handle(finished("a"))
    recorder.handle(started("b"))
    recorder.handle(.stepPlaced(step: "b", StepPlacement(executor: "local", processID: 8)))
    let start = MonotonicClock.now()
    var seen: [String: StepState] = [:]
    while MonotonicClock.now() - start < 2 {  // the timer commits after `commitDelay`
      seen = try states(store, runID)
      if seen == ["a": .ok, "b": .running] { break }
      usleep(2_000)
    }
    #expect(seen == ["a": .ok, "b": .running])
    #expect(recorder.problems.isEmpty)
    let steps = try #require(try store.run(id: runID)).steps
    #expect(steps.map(\.placement?.processID) == [7, 8])  // where each ran, the running one too
    #expect(steps.map(\.command) == ["true", "true"])
  }

  @Test func heldRecordsAreCommittedAtOnceWhenTheRunWaitsOrEnds() throws {
    let store = try RunStore(folder: folder.path)
    let runID = try store.beginRun(sampleRun())
    let recorder = RunRecorder(store: store, runID: runID)
    recorder.handle(finished("a"))
    recorder.runIsWaiting()
    #expect(try states(store, runID) == ["a": .ok])

    recorder.handle(finished("b", .failed))
    recorder.handle(.stepSkipped(StepRecord(name: "c", state: .skipped, reason: "not run: b failed")))
    recorder.runIsWaiting()
    #expect(try states(store, runID) == ["a": .ok, "b": .failed, "c": .skipped])

    recorder.handle(finished("d"))
    recorder.handle(.stepReused(StepRecord(name: "e", state: .reused)))
    recorder.handle(finished("f"))
    let summary = RunSummary(runID: runID, status: .ok, duration: 1, ran: 4, reused: 0, skipped: 1, failed: 1)
    recorder.handle(.runFinished(summary))
    #expect(try states(store, runID).filter { "def".contains($0.key) } == ["d": .ok, "e": .reused, "f": .ok])
    #expect(try store.run(id: runID)?.status == .ok)
  }

  /// A run through the engine with the store's cache and the recorder, as the shell wires it.
  private func execution(_ yaml: String) throws -> (RunExecution, RunStore) {
    let (snapshot, plan) = try CoreFixtures.planned(yaml, in: folder.path)
    let store = try RunStore(folder: folder.file(".pipeshell"))
    let runID = try store.beginRun(sampleRun())
    let runner = CoreFixtures.runner(secrets: [], in: folder.path, runID: runID)
    let execution = RunExecution(
      runID: runID, plan: plan, snapshot: snapshot, runner: runner,
      cache: StoreStepCache(store: store, workspace: runner.workspace, runID: runID, previous: nil),
      subscribers: [RunRecorder(store: store, runID: runID)])
    return (execution, store)
  }

  @Test func aStepIsInTheStoreWhenTheDebuggerPausesAfterIt() throws {
    let (run, store) = try execution(
      """
      steps:
        first: "true"
        second: {needs: [first], run: "true"}
      """)
    guard case .paused(let before) = run.stepOnce() else {
      Issue.record("the run did not pause")
      return
    }
    #expect(before == "second")
    #expect(try states(store, run.runID) == ["first": .ok])
  }

  @Test func aStepThatEndsWhileAnotherRunsIsInTheStoreAtOnce() throws {
    // `slow` runs until the test has seen `quick` in the store (or 30 s pass), so the check does
    // not depend on how fast a loaded machine schedules anything.
    let (run, store) = try execution(
      """
      steps:
        quick: "true"
        slow: "i=0; while [ ! -f go ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done"
      """)
    let done = DispatchSemaphore(value: 0)
    WorkerThread.start {
      _ = run.proceed(jobs: 2) { _ in false }
      done.signal()
    }
    var seen: StepState?
    let start = MonotonicClock.now()
    while MonotonicClock.now() - start < 25 {
      seen = try states(store, run.runID)["quick"]
      if seen == .ok { break }
      usleep(20_000)
    }
    #expect(seen == .ok)  // recorded while `slow` still runs
    _ = try folder.write([], to: "go")
    done.wait()
    #expect(try states(store, run.runID) == ["quick": .ok, "slow": .ok])
  }

  @Test func stepsThatDifferOnlyByNameBothRun() throws {
    let (run, store) = try execution(
      """
      steps:
        one: echo same
        two: echo same
      """)
    _ = run.proceed(jobs: 1) { _ in false }
    #expect(try states(store, run.runID) == ["one": .ok, "two": .ok])
    #expect(run.results["one"]?.fingerprint != run.results["two"]?.fingerprint)
  }
}
