import Synchronization

/// A run that has started and not ended: driven one step at a time (the debugger) or on to a
/// breakpoint or the end. Values changed while it is paused (`update`) are resolved with the
/// run's own dynamic values, recorded as a new binding set, and seen by the steps that run
/// after the change.
package final class ActiveRun: Sendable {
  private struct State {
    /// The binding set the remaining steps follow.
    var epoch: Int
    var input: ResolutionInput
  }

  package let execution: RunExecution
  package let recorder: RunRecorder
  package let jobs: Int
  private let store: RunStore
  private let key: HashKey
  private let planning: RunPlanning
  private let state: Mutex<State>
  private let runNotes: RunNotes

  init(
    execution: RunExecution, recorder: RunRecorder, store: RunStore, key: HashKey, planning: RunPlanning, epoch: Int,
    input: ResolutionInput, jobs: Int, notes: RunNotes = RunNotes()
  ) {
    self.execution = execution
    self.recorder = recorder
    self.store = store
    self.key = key
    self.planning = planning
    self.jobs = jobs
    self.runNotes = notes
    self.state = Mutex(State(epoch: epoch, input: input))
  }

  /// What the user should know once the run has ended: logs cut at their limit, an isolated
  /// copy kept (and why), an input shared with the folder that a step wrote into.
  package var notes: [String] { recorder.logNotes + runNotes.all + (execution.hooks?.notes ?? []) }

  package var runID: Int { execution.runID }

  /// The pipeline the run follows (a `load` while paused is refused, so it never changes).
  package var pipeline: Pipeline { state.withLock { $0.input.pipeline } }

  /// The bindings the remaining steps follow.
  package var input: ResolutionInput { state.withLock { $0.input } }

  /// The step the run would run next, nil when it has ended or nothing is left.
  package var nextStep: PlannedStep? { execution.summary == nil ? execution.nextStep() : nil }

  /// What the run store or the cache could not record (for a warning after the run).
  package var problems: [String] { recorder.problems + execution.cacheProblems }

  /// Applies the session's bindings now (after `set`, `unset`, `profile` while paused): when
  /// a value changed, the remaining steps are planned again with it and the change is recorded
  /// as a new binding set. Returns the names that changed; nothing is changed on a problem.
  @discardableResult
  package func update(_ input: ResolutionInput) throws(RunStartError) -> [String] {
    let current = execution.snapshot
    let (snapshots, plan) = planning.plan([input], stepEpochs: [:])
    let snapshot = snapshots[0]
    let changed = ParameterRecords.changedNames(from: current, to: snapshot)
    // Nothing changed: the remaining steps keep their plans (a rerun's later binding sets too).
    guard !changed.isEmpty else { return [] }
    let epoch = state.withLock { $0.epoch } + 1
    let remaining = Set(execution.plan.steps.map(\.name)).subtracting(execution.results.keys)
    let problems = plan.problems
    if !problems.isEmpty { throw .invalid(problems) }
    var next = plan
    for index in next.steps.indices { next.steps[index].epoch = epoch }
    let secretNames = Set(snapshot.order.filter { snapshot.parameters[$0]?.isSecret ?? false })
    let record = RunEpoch(
      number: epoch, beforeStep: execution.nextStep()?.name,
      changes: changed.compactMap { snapshot.parameters[$0].map { ParameterRecords.record($0, key: key) } })
    do {
      try store.recordEpoch(
        runID: runID, record,
        bindings: RecordedBindings.encode(input.bindingsAboveDefaultsInOrder, secretNames: secretNames))
    } catch {
      throw .store(error)
    }
    // Steps already settled keep their plan (and binding set) as they ran.
    let old = execution.plan
    for index in next.steps.indices where !remaining.contains(next.steps[index].name) {
      if let kept = old.step(next.steps[index].name) { next.steps[index] = kept }
    }
    execution.hooks?.use(snapshot, forEpoch: epoch)
    execution.replan(next, snapshot: snapshot)
    state.withLock {
      $0.epoch = epoch
      $0.input = input
    }
    return changed
  }

  /// `input` resolved with the run's own dynamic values (nothing is read again).
  package func snapshot(for input: ResolutionInput) -> Snapshot { Resolver(dynamic: planning.dynamic).resolve(input) }

  /// Runs exactly the next step (the debugger's `step`).
  package func stepOnce() -> RunExecution.Stop { execution.stepOnce() }

  /// Runs on to a step `stopBefore` picks (not checked for the first step when
  /// `ignoringFirstStop`), the end, or an interrupt.
  package func proceed(ignoringFirstStop: Bool, stopBefore: @escaping @Sendable (PlannedStep) -> Bool)
    -> RunExecution.Stop
  {
    execution.proceed(jobs: jobs, ignoringFirstStop: ignoringFirstStop, stopBefore: stopBefore)
  }

  /// Skips the next step; returns the step after it, or the summary when the run ended.
  package func skipNext() -> RunExecution.Stop {
    guard let next = execution.nextStep() else { return .finished(execution.finishIfDone()) }
    execution.skip(next.name)
    if let after = execution.nextStep() { return .paused(before: after.name) }
    return .finished(execution.finishIfDone())
  }

  /// Ends the run now; steps not run stay pending.
  @discardableResult
  package func abort() -> RunSummary { execution.abort() }

  /// Ends the run as interrupted (Ctrl-C outside the debugger, SIGTERM).
  @discardableResult
  package func interrupt() -> RunSummary { execution.finish(.interrupted) }
}
