import Dispatch
import Synchronization

/// One run of a plan: the state of every step, advanced one step at a time (the debugger)
/// or until a breakpoint or the end (`run`, `continue`), in parallel up to a number of jobs.
/// Everything it does is reported as `RunEvent`s; it never prints.
package final class RunExecution: Sendable {
  /// Why `proceed` returned.
  package enum Stop: Sendable {
    case paused(before: String)
    case interrupted(step: String)
    case finished(RunSummary)
  }

  struct State {
    var plan: Plan
    var snapshot: Snapshot
    var results: [String: StepRecord] = [:]
    var running: Set<String> = []
    var summary: RunSummary?
    /// The parameter values each executed step saw, to tell later which are stale.
    var valuesUsed: [String: [String: Value]] = [:]
    /// Which steps may be ready, so that picking the next step does not look at them all.
    var readiness: Readiness
    /// True when the first failure ends the run (see `RunHooks.stopsAtFirstFailure`).
    let stopsAtFirstFailure: Bool
    /// The failed step that ended the run, when `stopsAtFirstFailure`: no step starts after it.
    var stoppedBy: String?
    /// Steps not run because a step they need (or one before it) did not succeed, with the
    /// reason: what comes after them is not run either, as `dvc repro -k` skips every stage
    /// downstream of a failure. (A step skipped by its condition lets the steps after it run.)
    var blocked: [String: String] = [:]

    init(plan: Plan, snapshot: Snapshot, stopsAtFirstFailure: Bool) {
      self.plan = plan
      self.snapshot = snapshot
      self.readiness = Readiness(plan, settled: [:])
      self.stopsAtFirstFailure = stopsAtFirstFailure
    }

    /// Records a step's result and makes the steps that need it candidates.
    mutating func settle(_ result: StepRecord) {
      results[result.name] = result
      readiness.settled(result.name)
      if stopsAtFirstFailure, stoppedBy == nil, result.state.isFailure,
        !(plan.step(result.name)?.step.continueOnError ?? false)
      {
        stoppedBy = result.name
      }
    }
  }

  package let runID: Int
  let runner: StepRunner
  let cache: any StepCache
  let subscribers: [any RunEventSubscriber]
  /// What the pipeline's format adds around each step (see `PipelineRunSupport`).
  package let hooks: (any RunHooks)?
  let startedAt: Double
  let state: Mutex<State>

  package init(
    runID: Int, plan: Plan, snapshot: Snapshot, runner: StepRunner, cache: any StepCache,
    subscribers: [any RunEventSubscriber], hooks: (any RunHooks)? = nil
  ) {
    self.runID = runID
    self.runner = runner
    self.cache = cache
    self.subscribers = subscribers
    self.hooks = hooks
    self.startedAt = runner.clock.now()
    self.state = Mutex(State(plan: plan, snapshot: snapshot, stopsAtFirstFailure: hooks?.stopsAtFirstFailure ?? false))
    emit(.runStarted(runID: runID, steps: plan.steps.map(\.name)))
  }

  func emit(_ event: RunEvent) { for s in subscribers { s.handle(event) } }

  /// Tells the subscribers the run is waiting (see `RunEventSubscriber.runIsWaiting`).
  func emitWaiting() { for s in subscribers { s.runIsWaiting() } }

  /// Every step's result so far.
  package var results: [String: StepRecord] { state.withLock { $0.results } }
  /// The plan the remaining steps follow.
  package var plan: Plan { state.withLock { $0.plan } }
  /// The snapshot the remaining steps see.
  package var snapshot: Snapshot { state.withLock { $0.snapshot } }
  /// The parameter values each executed step saw.
  package var valuesUsed: [String: [String: Value]] { state.withLock { $0.valuesUsed } }
  /// What the step cache could not keep or record, for a warning after the run.
  package var cacheProblems: [String] { cache.problems }
  /// The summary, once the run has ended.
  package var summary: RunSummary? { state.withLock { $0.summary } }

  /// Replaces the plan for steps not yet run (after `set` while paused).
  package func replan(_ plan: Plan, snapshot: Snapshot) {
    state.withLock {
      $0.plan = plan
      $0.snapshot = snapshot
      $0.readiness = Readiness(plan, settled: $0.results)
    }
  }

  /// Settles steps that are ready but will not run (false conditions, failed upstream) and
  /// returns the next step that will run, in plan order; nil when none is left.
  package func nextStep() -> PlannedStep? {
    state.withLock { s in Self.settleAndPickReady(&s, emit: emit).first }
  }

  /// Skips the next step at the user's request.
  package func skip(_ name: String) {
    let result = state.withLock { s -> StepRecord in
      let r = StepRecord(
        name: name, state: .skipped, reason: "skipped by the user", epoch: s.plan.step(name)?.epoch ?? 0)
      s.settle(r)
      return r
    }
    emit(.stepSkipped(result))
  }

  /// Ends the run now; steps not run stay pending.
  @discardableResult
  package func abort() -> RunSummary { finish(.aborted) }

  /// Ready steps not yet started, in plan order (after settling skips), under the lock.
  /// Runs before every step, over the candidates only (see `Readiness`): looking at every
  /// step not yet settled made a 1,000-step chain spend a third of its CPU here. Candidates
  /// are visited in plan order, pass after pass, as a scan of all steps would.
  static func settleAndPickReady(_ s: inout State, emit: (RunEvent) -> Void) -> [PlannedStep] {
    var settledSomething = true
    while settledSomething {
      settledSomething = false
      var next = 0
      while next < s.readiness.candidates.count {
        let index = s.readiness.candidates[next]
        guard isReady(index, s) else {
          s.readiness.remove(at: next)
          continue
        }
        next += 1
        let planned = s.plan.steps[index]
        let block = blockReason(planned, s)
        if let reason = block ?? skipReason(planned) ?? stopReason(s) {
          let r = StepRecord(name: planned.name, state: .skipped, reason: reason, epoch: planned.epoch)
          if let block { s.blocked[planned.name] = block }
          s.settle(r)
          emit(.stepSkipped(r))
          settledSomething = true
        }
      }
    }
    return s.readiness.candidates.filter { isReady($0, s) }.map { s.plan.steps[$0] }
  }

  /// True when the step at `index` has not started and everything it needs is done. The
  /// needs come first: for most waiting steps one lookup says no.
  private static func isReady(_ index: Int, _ s: State) -> Bool {
    // Reached through the array each time: binding the `Step` to a local would copy it.
    s.plan.steps[index].step.needs.allSatisfy { s.results[$0]?.state.isDone ?? false }
      && s.results[s.plan.steps[index].step.name] == nil && !s.running.contains(s.plan.steps[index].step.name)
  }

  /// Why no step starts any more: an earlier step failed and the run stops at the first failure.
  private static func stopReason(_ s: State) -> String? {
    s.stoppedBy.map { "not run: the run stopped when \($0) failed" }
  }

  private static func skipReason(_ planned: PlannedStep) -> String? {
    if case .skipped(let reason) = planned.decision { return reason }
    return nil
  }

  private static func blockReason(_ planned: PlannedStep, _ s: State) -> String? {
    for need in planned.step.needs {
      if let reason = s.blocked[need] { return reason }
      guard let result = s.results[need], !result.state.letsDependentsRun else { continue }
      let tolerated = s.plan.step(need)?.step.continueOnError ?? false
      if !tolerated { return "not run: \(need) \(result.state == .skipped ? "was skipped" : result.state.rawValue)" }
    }
    return nil
  }
}
