import Glibc
import Synchronization
import Testing

@testable import PipelineCore

/// The engine on real `/bin/sh` steps in a temp folder: order, parallelism, skips, failures.
@Suite struct RunExecutionTests {
  final class Events: RunEventSubscriber {
    let list = Mutex<[RunEvent]>([])
    func handle(_ event: RunEvent) { list.withLock { $0.append(event) } }
    var started: [String] {
      list.withLock { $0.compactMap { if case .stepStarted(let s, _) = $0 { s.name } else { nil } } }
    }
  }

  /// Keeps each test's step folder until the suite value goes away.
  let folder = TemporaryFolder()

  func execution(_ yaml: String, overrides: [String: String] = [:]) throws -> (RunExecution, Events) {
    let (snapshot, plan) = try CoreFixtures.planned(yaml, in: folder.path, overrides: overrides)
    #expect(plan.problems.isEmpty)
    let events = Events()
    let runner = CoreFixtures.runner(secrets: snapshot.secretValues, in: folder.path)
    let execution = RunExecution(
      runID: 1, plan: plan, snapshot: snapshot, runner: runner, cache: NoStepCache(), subscribers: [events])
    return (execution, events)
  }

  @Test func stepsRunAfterWhatTheyNeed() throws {
    let (run, events) = try execution(
      """
      steps:
        c: {needs: [b], run: "true"}
        b: {needs: [a], run: "true"}
        a: "true"
      """)
    guard case .finished(let summary) = run.proceed(jobs: 1, stopBefore: { _ in false }) else {
      Issue.record("run did not finish")
      return
    }
    #expect(summary.status == .ok)
    #expect(events.started == ["a", "b", "c"])
  }

  @Test func independentStepsOverlapWithTwoJobs() throws {
    let (run, _) = try execution(
      """
      steps:
        left: sleep 0.5
        right: sleep 0.5
      """)
    _ = run.proceed(jobs: 2) { _ in false }
    let results = run.results
    let left = try #require(results["left"]), right = try #require(results["right"])
    // Each started before the other finished: they ran at the same time.
    #expect(try #require(left.startedAt) < #require(right.finishedAt))
    #expect(try #require(right.startedAt) < #require(left.finishedAt))
  }

  @Test func oneJobRunsOneStepAtATime() throws {
    let (run, _) = try execution(
      """
      steps:
        left: sleep 0.2
        right: sleep 0.2
      """)
    _ = run.proceed(jobs: 1) { _ in false }
    let left = try #require(run.results["left"]), right = try #require(run.results["right"])
    #expect(try #require(left.finishedAt) <= #require(right.startedAt))
  }

  @Test func aFailureStopsWhatNeedsItButNotTheRest() throws {
    let (run, _) = try execution(
      """
      steps:
        broken: exit 5
        after: {needs: [broken], run: "true"}
        other: "true"
      """)
    guard case .finished(let summary) = run.proceed(jobs: 1, stopBefore: { _ in false }) else { return }
    #expect(summary.status == .failed)
    #expect(run.results["broken"]?.exitCode == 5)
    #expect(run.results["after"]?.state == .skipped)
    #expect(run.results["after"]?.reason == "not run: broken failed")
    #expect(run.results["other"]?.state == .ok)
  }

  @Test func aFalseConditionSkipsWithItsReasonAndDependentsStillRun() throws {
    let (run, _) = try execution(
      """
      params:
        go: {type: bool, default: false}
      steps:
        maybe: {when: go, run: "true"}
        then: {needs: [maybe], run: "true"}
      """)
    _ = run.proceed(jobs: 1) { _ in false }
    #expect(run.results["maybe"]?.reason == "when: go is false")
    #expect(run.results["then"]?.state == .ok)
  }

  @Test func breakpointsPauseBeforeTheirStep() throws {
    let (run, events) = try execution(
      """
      steps:
        a: "true"
        b: {needs: [a], run: "true"}
      """)
    guard case .paused(let before) = run.proceed(jobs: 1, stopBefore: { $0.name == "b" }) else {
      Issue.record("expected a pause")
      return
    }
    #expect(before == "b")
    #expect(events.started == ["a"])
    guard case .finished = run.stepOnce() else {
      Issue.record("expected the end")
      return
    }
    #expect(events.started == ["a", "b"])
  }

  @Test func retriesRunAgainUntilSuccess() throws {
    let (run, events) = try execution(
      """
      steps:
        flaky: {run: "n=$(cat n 2>/dev/null || echo 0); echo $((n+1)) > n; [ $n -ge 2 ]", retries: 3}
      """)
    _ = run.proceed(jobs: 1) { _ in false }
    #expect(run.results["flaky"]?.state == .ok)
    #expect(run.results["flaky"]?.attempts == 3)
    #expect(events.started == ["flaky", "flaky", "flaky"])
  }

}
