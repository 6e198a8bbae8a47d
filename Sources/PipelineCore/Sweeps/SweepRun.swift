import Dispatch
import Synchronization

/// Runs the points of a sweep, several at once: each point is a run of its own (its own
/// `ActiveRun`, from `RunService.start`), the executors are shared. Points are taken in
/// grid order as workers free up; with more than one job each runs isolated, in a copy of the
/// pipeline's folder. `cancel` (Ctrl-C, SIGTERM, or the first failure with `failFast`) starts
/// no more points and interrupts the running ones, which are recorded interrupted, so
/// `sweep --resume` runs them again. Everything is reported to the subscriber; nothing prints.
package final class SweepRun: Sendable {
  /// How the points run.
  package struct Options: Sendable, Hashable {
    /// Points at once.
    package var jobs: Int
    /// Cancel the sweep when a point fails.
    package var failFast: Bool

    /// Options: `jobs` points at once, cancelling at the first failure with `failFast`.
    package init(jobs: Int, failFast: Bool) {
      self.jobs = jobs
      self.failFast = failFast
    }
  }

  /// Why the sweep stopped before its end.
  package enum Cancellation: Sendable, Hashable {
    case interrupted
    case failFast(point: Int)
  }

  private struct State {
    var next = 0
    var results: [SweepPointResult] = []
    var cancellation: Cancellation?
  }

  /// Starts and records every point's run.
  package let service: RunService
  /// The sweep's record.
  package let sweepID: Int
  /// The grid the points come from.
  package let grid: SweepGrid
  /// How the points run.
  package let options: Options
  /// The request every point starts from; a point adds its values as run overrides.
  private let base: RunRequest
  /// Each axis's values as bindings, parsed once (`bindings[axis][value]`).
  private let bindings: [[Binding]]
  /// The points to run, in order.
  private let points: SweepPoints
  private let events: any SweepEventSubscriber
  private let state = Mutex(State())
  /// Held while a worker takes a point and starts its run.
  private let starting = Mutex(())

  /// A sweep `sweepID` over `grid` running `points`; `bindings[a][v]` is value `v` of axis `a`
  /// as a run binding.
  package init(
    service: RunService, sweepID: Int, grid: SweepGrid, points: SweepPoints, bindings: [[Binding]], base: RunRequest,
    options: Options, events: any SweepEventSubscriber
  ) {
    self.service = service
    self.sweepID = sweepID
    self.grid = grid
    self.points = points
    self.bindings = bindings
    self.base = base
    self.options = options
    self.events = events
  }

  /// True when points run at once (each isolated).
  package var isParallel: Bool { options.jobs > 1 && points.count > 1 }

  /// Why the sweep stopped early, if it did.
  package var cancellation: Cancellation? { state.withLock { $0.cancellation } }

  /// Runs the points; returns each point's result, in grid order. `shouldStop` is asked while
  /// a point waits for another shell's run in the folder.
  package func run(shouldStop: @escaping @Sendable () -> Bool = { false }) -> [SweepPointResult] {
    let workers = min(max(1, options.jobs), points.count)
    if workers <= 1 {
      work(shouldStop: shouldStop)
    } else {
      let finished = DispatchSemaphore(value: 0)
      for _ in 0..<workers {
        WorkerThread.start {
          self.work(shouldStop: shouldStop)
          finished.signal()
        }
      }
      var left = workers
      while left > 0 {
        if finished.wait(timeout: .now() + .milliseconds(100)) == .success {
          left -= 1
        } else if cancellation != nil {
          // A step that started just as the sweep was cancelled missed the first interrupt.
          interruptSteps()
        }
      }
    }
    return state.withLock { $0.results }.sorted { $0.point.index < $1.point.index }
  }

  /// Starts no more points and interrupts the running ones.
  package func cancel(_ why: Cancellation = .interrupted) {
    let first = state.withLock { s -> Bool in
      guard s.cancellation == nil else { return false }
      s.cancellation = why
      return true
    }
    if first || why == .interrupted { interruptSteps() }
  }

  private func interruptSteps() {
    for executor in service.executors.values { executor.interruptAll() }
  }

  /// Takes points until none is left or the sweep is cancelled.
  private func work(shouldStop: @escaping @Sendable () -> Bool) {
    while let (point, started) = startNext(shouldStop: shouldStop) {
      let result: SweepPointResult
      switch started {
      case .success(let run): result = drive(run, point: point)
      case .failure(let error):
        result = SweepPointResult(point: point, runID: nil, outcome: .notStarted(error), notes: [])
      }
      state.withLock { $0.results.append(result) }
      events.pointFinished(result)
      if options.failFast, result.failed { cancel(.failFast(point: point.index)) }
    }
  }

  /// Takes the next point and starts its run. Workers start their points one at a time, so
  /// runs are numbered in grid order; they then run at once.
  private func startNext(
    shouldStop: @escaping @Sendable () -> Bool
  ) -> (SweepPoint, Result<ActiveRun, RunStartError>)? {
    starting.withLock { _ -> (SweepPoint, Result<ActiveRun, RunStartError>)? in
      guard let index = take() else { return nil }
      let point = SweepPoint(index: index, label: grid.label(index), values: grid.point(index))
      let started = Result { () throws(RunStartError) -> ActiveRun in
        try service.start(request(for: point), subscribers: events.subscribers(for: point)) {
          shouldStop() || self.cancellation != nil
        }
      }
      if case .success(let run) = started { events.pointStarted(point, runID: run.runID) }
      return (point, started)
    }
  }

  private func take() -> Int? {
    state.withLock { s in
      guard s.cancellation == nil, s.next < points.count else { return nil }
      defer { s.next += 1 }
      return points[s.next]
    }
  }

  /// The point's request: the base one with the point's values as run values.
  private func request(for point: SweepPoint) -> RunRequest {
    var request = base
    let chosen = grid.valueIndices(point.index)
    let overrides = chosen.indices.map { bindings[$0][chosen[$0]] }
    let tweaked = Set(overrides.map(\.name))
    for epoch in request.epochs.indices {
      request.epochs[epoch].runOverrides =
        request.epochs[epoch].runOverrides.filter { !tweaked.contains($0.name) } + overrides
    }
    request.command = "sweep " + point.label
    request.sweep = SweepMembership(sweepID: sweepID, point: point.index)
    request.isolated = base.isolated || isParallel
    return request
  }

  /// Runs a started point to its end (interrupted when the sweep is cancelled).
  private func drive(_ run: ActiveRun, point: SweepPoint) -> SweepPointResult {
    let stop: RunExecution.Stop =
      cancellation != nil
      ? .paused(before: "") : run.proceed(ignoringFirstStop: false) { _ in self.cancellation != nil }
    let summary: RunSummary
    switch stop {
    case .finished(let done): summary = done
    case .paused, .interrupted: summary = run.interrupt()
    }
    var result = SweepPointResult(
      point: point, runID: run.runID, outcome: .finished(summary), notes: run.notes + run.problems)
    let plan = run.execution.plan.steps.map(\.name)
    let results = run.execution.results
    result.failedSteps = plan.compactMap { results[$0] }.filter { $0.state.isFailure }
    return result
  }
}

/// One point of a sweep.
package struct SweepPoint: Sendable, Hashable {
  /// The point's index in the grid.
  package var index: Int
  /// `lr=0.1 epochs=10`.
  package var label: String
  /// Its values, one per axis.
  package var values: [String]
}

/// How one point of a sweep ended.
package struct SweepPointResult: Sendable {
  /// What happened to the point.
  package enum Outcome: Sendable {
    case finished(RunSummary)
    case notStarted(RunStartError)
  }

  /// The point.
  package var point: SweepPoint
  /// The run of the point, once it started.
  package var runID: Int?
  /// How it ended.
  package var outcome: Outcome
  /// The run's notes and recording problems.
  package var notes: [String]
  /// The steps that failed, in plan order.
  package var failedSteps: [StepRecord] = []

  /// True when the point was cut off (or kept from starting) by an interrupt.
  package var wasInterrupted: Bool {
    switch outcome {
    case .finished(let summary): return summary.status == .interrupted || summary.status == .aborted
    case .notStarted(.interrupted): return true
    case .notStarted: return false
    }
  }

  /// True when the point failed (or could not start); an interrupted point did not fail.
  package var failed: Bool {
    switch outcome {
    case .finished(let summary): return summary.status == .failed
    case .notStarted(.interrupted): return false
    case .notStarted: return true
    }
  }
}

/// Receives a sweep's events (from worker threads).
package protocol SweepEventSubscriber: Sendable {
  /// The subscribers of a point's run (its live line).
  func subscribers(for point: SweepPoint) -> [any RunEventSubscriber]
  /// A point's run started.
  func pointStarted(_ point: SweepPoint, runID: Int)
  /// A point ended (or could not start).
  func pointFinished(_ result: SweepPointResult)
}

/// Which points of a grid a sweep runs, in order: all of them (never listed, however many),
/// or those an interrupted sweep left.
package enum SweepPoints: Sendable, Hashable {
  case all(count: Int)
  case these([Int])

  /// How many points.
  package var count: Int {
    switch self {
    case .all(let count): return count
    case .these(let list): return list.count
    }
  }

  /// The grid index of the `position`th point.
  package subscript(position: Int) -> Int {
    switch self {
    case .all: return position
    case .these(let list): return list[position]
    }
  }
}
