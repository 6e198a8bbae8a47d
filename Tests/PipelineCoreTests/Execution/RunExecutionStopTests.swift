import Synchronization
import Testing

@testable import PipelineCore

/// What the engine does for a format whose runs stop at the first failure (DVC's `dvc repro`)
/// and for steps whose command never runs but whose outputs are verified (a frozen DVC stage).
@Suite struct RunExecutionStopTests {
  /// Hooks that only stop at the first failure and answer `verify` with `verification`.
  final class StoppingHooks: RunHooks {
    let verification: Verification
    let verified = Mutex<[String]>([])
    init(verification: Verification = .verified("checked")) { self.verification = verification }
    func use(_ snapshot: Snapshot, forEpoch epoch: Int) {}
    func prepare(_ step: PlannedStep) -> String? { nil }
    func reuse(_ step: PlannedStep) -> StepRecord? { nil }
    func willRun(_ step: PlannedStep) -> String? { nil }
    func record(_ step: PlannedStep, result: StepRecord) -> String? { nil }
    func finished(_ step: PlannedStep, record: StepRecord) {}
    func verify(_ step: PlannedStep) -> Verification {
      verified.withLock { $0.append(step.name) }
      return verification
    }
    func runEnded() {}
    var stopsAtFirstFailure: Bool { true }
    var notes: [String] { [] }
  }

  let folder = TemporaryFolder()

  func execution(_ yaml: String, hooks: StoppingHooks, verifying: String? = nil) throws -> RunExecution {
    var (snapshot, plan) = try CoreFixtures.planned(yaml, in: folder.path)
    #expect(plan.problems.isEmpty)
    if let verifying, let index = plan.steps.firstIndex(where: { $0.name == verifying }) {
      plan.steps[index].decision = .verifies(reason: "frozen")
    }
    let runner = CoreFixtures.runner(secrets: snapshot.secretValues, in: folder.path)
    return RunExecution(
      runID: 1, plan: plan, snapshot: snapshot, runner: runner, cache: NoStepCache(), subscribers: [], hooks: hooks)
  }

  /// Without stopping at the first failure (a pipeshell pipeline, `run --keep-going`), what comes
  /// after a failure is not run however far down it is, while a step skipped by its condition
  /// lets the steps after it run.
  @Test func whatComesAfterAFailureIsNotRunHoweverFarDown() throws {
    let yaml = """
      steps:
        broken: exit 5
        child: {needs: [broken], run: touch child.txt}
        grandchild: {needs: [child], run: touch grandchild.txt}
        quiet: {when: "false", run: "true"}
        after_quiet: {needs: [quiet], run: touch after_quiet.txt}
      """
    let (snapshot, plan) = try CoreFixtures.planned(yaml, in: folder.path)
    let runner = CoreFixtures.runner(secrets: snapshot.secretValues, in: folder.path)
    let run = RunExecution(
      runID: 1, plan: plan, snapshot: snapshot, runner: runner, cache: NoStepCache(), subscribers: [])
    guard case .finished(let summary) = run.proceed(jobs: 1, stopBefore: { _ in false }) else {
      Issue.record("the run did not finish")
      return
    }
    #expect(summary.status == .failed)
    #expect(run.results["child"]?.reason == "not run: broken failed")
    #expect(run.results["grandchild"]?.state == .skipped)
    #expect(run.results["grandchild"]?.reason == "not run: broken failed")
    #expect(!PosixFiles.exists(folder.path + "/grandchild.txt"))
    #expect(run.results["quiet"]?.state == .skipped)
    #expect(run.results["after_quiet"]?.state == .ok)
  }

  @Test func aFailureEndsTheRunEvenForStepsThatDoNotNeedIt() throws {
    let run = try execution(
      """
      steps:
        first: "true"
        broken: exit 5
        after: {needs: [broken], run: "true"}
        other: touch other.txt
      """, hooks: StoppingHooks())
    guard case .finished(let summary) = run.proceed(jobs: 1, stopBefore: { _ in false }) else {
      Issue.record("the run did not finish")
      return
    }
    #expect(summary.status == .failed)
    #expect(run.results["first"]?.state == .ok)
    #expect(run.results["after"]?.reason == "not run: broken failed")
    #expect(run.results["other"]?.state == .skipped)
    #expect(run.results["other"]?.reason == "not run: the run stopped when broken failed")
    #expect(!PosixFiles.exists(folder.path + "/other.txt"))
  }

  @Test func withTwoJobsTheStepAlreadyRunningFinishes() throws {
    let run = try execution(
      """
      steps:
        slow: sleep 0.3 && touch slow.txt
        broken: exit 5
        later: touch later.txt
      """, hooks: StoppingHooks())
    _ = run.proceed(jobs: 2) { _ in false }
    #expect(run.results["slow"]?.state == .ok)
    #expect(PosixFiles.exists(folder.path + "/slow.txt"))
    #expect(run.results["later"]?.reason == "not run: the run stopped when broken failed")
    #expect(!PosixFiles.exists(folder.path + "/later.txt"))
  }

  @Test func aVerifiedStepIsSkippedWithWhatWasDoneAndItsCommandDoesNotRun() throws {
    let hooks = StoppingHooks(verification: .verified("frozen, outputs verified"))
    let run = try execution(
      """
      steps:
        frozen: touch ran.txt
        next: {needs: [frozen], run: "true"}
      """, hooks: hooks, verifying: "frozen")
    _ = run.proceed(jobs: 1) { _ in false }
    #expect(hooks.verified.withLock { $0 } == ["frozen"])
    #expect(run.results["frozen"]?.state == .skipped)
    #expect(run.results["frozen"]?.reason == "frozen, outputs verified")
    #expect(run.results["next"]?.state == .ok)
    #expect(!PosixFiles.exists(folder.path + "/ran.txt"))
  }

  @Test func aFailedVerificationFailsTheStepAndEndsTheRun() throws {
    let run = try execution(
      """
      steps:
        frozen: touch ran.txt
        other: "true"
      """, hooks: StoppingHooks(verification: .failed("missing data 'source': out.txt")), verifying: "frozen")
    guard case .finished(let summary) = run.proceed(jobs: 1, stopBefore: { _ in false }) else {
      Issue.record("the run did not finish")
      return
    }
    #expect(summary.status == .failed)
    #expect(run.results["frozen"]?.state == .failed)
    #expect(run.results["frozen"]?.reason == "missing data 'source': out.txt")
    #expect(run.results["frozen"]?.command == nil)
    #expect(run.results["other"]?.reason == "not run: the run stopped when frozen failed")
    #expect(!PosixFiles.exists(folder.path + "/ran.txt"))
  }
}
