import Glibc
import Testing

@testable import PipelineCore

/// Sweeps through the run service: points at once, each isolated, each recorded with its own
/// outputs; cancelled as a whole; stopped at the first failure.
@Suite struct SweepRunTests {
  static let writer = """
    name: p
    params:
      x: {type: int, default: 0}
    steps:
      work:
        run: sleep 0.4; echo "x=${x}" > out.txt
        outputs: [out.txt]
    """

  /// A sweep of x over `values`.
  static func sweep(_ project: ProjectFixture, _ values: [String], jobs: Int, failFast: Bool = false) throws -> (
    SweepRun, SweepEvents
  ) {
    let grid = SweepGrid(axes: [SweepGrid.Axis(name: "x", values: values)])
    let (id, ownership) = try project.store.beginSweep(
      NewSweep(
        startedAt: 0, pipelineName: "p", pipelineFile: nil, command: "sweep", grid: grid, profile: nil, bindings: nil,
        settings: SweepSettings()))
    withExtendedLifetime(ownership) {}
    let events = SweepEvents()
    let run = SweepRun(
      service: project.service, sweepID: id, grid: grid, points: .all(count: values.count),
      bindings: [values.map { ProjectFixture.binding("x", $0) }], base: project.request(),
      options: .init(jobs: jobs, failFast: failFast),
      events: events)
    return (run, events)
  }

  @Test func fourPointsWithTwoJobsRunTwoAtATimeEachWithItsOwnOutput() throws {
    let project = try ProjectFixture(Self.writer)
    let (sweep, events) = try Self.sweep(project, ["1", "2", "3", "4"], jobs: 2)
    let results = sweep.run()
    #expect(results.map(\.point.index) == [0, 1, 2, 3])
    #expect(results.allSatisfy { !$0.failed && !$0.wasInterrupted })
    #expect(events.finished.withLock { $0.count } == 4)
    var intervals: [(start: Double, end: Double)] = []
    for result in results {
      let id = try #require(result.runID)
      let run = try #require(try project.store.run(id: id))
      let step = try #require(run.steps.first)
      intervals.append((try #require(step.startedAt), try #require(step.finishedAt)))
      // Each run's recorded output holds its own value, and the run is a point of the sweep.
      let x = try #require(run.parameters.first { $0.name == "x" }?.value)
      #expect(try project.keptContent(run: run.id, step: "work", path: "out.txt") == "x=\(x)\n")
      #expect(run.sweep == SweepMembership(sweepID: sweep.sweepID, point: result.point.index))
      #expect(run.workspace == project.store.workspacePath(runID: run.id))
      #expect(!PosixFiles.exists(project.store.workspacePath(runID: run.id)), "the copy is removed after a good run")
    }
    // Every point overlapped another (two ran at once), and never more than two did.
    for (index, one) in intervals.enumerated() {
      #expect(
        intervals.indices.contains { $0 != index && intervals[$0].start < one.end && one.start < intervals[$0].end })
      let atOnce = intervals.filter { $0.start <= one.start && one.start < $0.end }.count
      #expect(atOnce <= 2)
    }
    #expect(project.text("out.txt") == nil, "isolated points never write the project's folder")
  }

  @Test func oneJobRunsThePointsInTheFolderOneAfterAnother() throws {
    let project = try ProjectFixture(Self.writer)
    let (sweep, _) = try Self.sweep(project, ["1", "2"], jobs: 1)
    let results = sweep.run()
    let runs = try results.map { result in
      let id = try #require(result.runID)
      return try #require(try project.store.run(id: id))
    }
    #expect(runs.allSatisfy { $0.workspace == nil })
    let firstEnd = try #require(runs[0].steps[0].finishedAt)
    #expect(try firstEnd <= #require(runs[1].steps[0].startedAt))
    #expect(project.text("out.txt") == "x=2\n")
  }

  @Test func cancelStartsNoMorePointsAndInterruptsTheRunningOnes() throws {
    let project = try ProjectFixture(
      """
      name: p
      params:
        x: {type: int, default: 0}
      steps:
        work: sleep 30
      """)
    let (sweep, events) = try Self.sweep(project, ["1", "2", "3", "4"], jobs: 2)
    let canceller = LauncherFixtures.Background {
      LauncherFixtures.wait { events.stepStarts.withLock { $0 } >= 2 }
      usleep(100_000)
      sweep.cancel()
    }
    let results = sweep.run()
    canceller.join()
    #expect(sweep.cancellation == .interrupted)
    #expect(results.count == 2, "the two points not started stay so")
    for result in results {
      #expect(result.wasInterrupted)
      let id = try #require(result.runID)
      #expect(try project.store.run(id: id)?.status == .interrupted)
    }
    #expect(try project.store.sweepPoints(sweep.sweepID).count == 2)
  }

  @Test func failFastStopsAtTheFirstFailure() throws {
    let project = try ProjectFixture(
      """
      name: p
      params:
        x: {type: int, default: 0}
      steps:
        work: test ${x} -ne 2
      """)
    let (sweep, _) = try Self.sweep(project, ["1", "2", "3", "4"], jobs: 1, failFast: true)
    let results = sweep.run()
    #expect(results.map(\.failed) == [false, true])
    #expect(sweep.cancellation == .failFast(point: 1))
  }

  @Test func aPointWhoseValuesAreRefusedIsReportedAndTheOthersRun() throws {
    let project = try ProjectFixture(
      """
      name: p
      params:
        x: {type: int, default: 0, max: 2}
      steps:
        work: echo ${x}
      """)
    let (sweep, _) = try Self.sweep(project, ["1", "3", "2"], jobs: 2)
    let results = sweep.run()
    #expect(results.map(\.failed) == [false, true, false])
    guard case .notStarted(.invalid) = results[1].outcome else {
      Issue.record("expected the point with x=3 not to start: \(results[1].outcome)")
      return
    }
  }
}
