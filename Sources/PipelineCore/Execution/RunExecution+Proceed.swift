import Dispatch
import Synchronization

extension RunExecution {
  /// Runs exactly one step (the debugger's `step`); returns why it stopped.
  package func stepOnce() -> Stop {
    defer { emitWaiting() }
    guard let next = nextStep() else { return .finished(finishIfDone()) }
    if case .interrupted = execute(next) { return .interrupted(step: next.name) }
    guard let after = nextStep() else { return .finished(finishIfDone()) }
    return .paused(before: after.name)
  }

  /// Runs steps until one matches `stopBefore` (not checked for the first step when
  /// `ignoringFirstStop`), the run ends, or a step is interrupted; up to `jobs` at once.
  package func proceed(jobs: Int, ignoringFirstStop: Bool = false, stopBefore: @escaping (PlannedStep) -> Bool) -> Stop
  {
    defer { emitWaiting() }
    let completions = DispatchSemaphore(value: 0)
    let interrupted = Mutex<String?>(nil)
    var mayIgnore = ignoringFirstStop
    var stopAt: String?
    while true {
      let (toStart, runningCount) = state.withLock { s -> ([PlannedStep], Int) in
        guard stopAt == nil, interrupted.withLock({ $0 }) == nil else { return ([], s.running.count) }
        var ready = Self.settleAndPickReady(&s, emit: emit)
        if let hit = ready.firstIndex(where: { stopBefore($0) }), !(mayIgnore && hit == 0 && s.running.isEmpty) {
          if hit == 0 { stopAt = ready[0].name }
          ready = Array(ready[..<hit])
        }
        let slots = max(0, jobs - s.running.count)
        let chosen = Array(ready.prefix(slots))
        for p in chosen { s.running.insert(p.name) }
        return (chosen, s.running.count)
      }
      mayIgnore = false
      let runOne = { @Sendable (planned: PlannedStep) in
        if case .interrupted = self.execute(planned, alreadyMarked: true) {
          interrupted.withLock { $0 = planned.name }
        }
      }
      // A lone step (always so with --jobs 1) runs on this thread: nothing else can become
      // ready before it ends, and a thread per step cost a 1,000-step chain ~10% of its time.
      if toStart.count == 1, runningCount == 1 {
        runOne(toStart[0])
        continue
      }
      for planned in toStart {
        WorkerThread.start {
          runOne(planned)
          completions.signal()
        }
      }
      if runningCount == 0 { break }
      emitWaiting()
      completions.wait()
    }
    if let step = interrupted.withLock({ $0 }) { return .interrupted(step: step) }
    if let stopAt { return .paused(before: stopAt) }
    if let next = nextStep() { return .paused(before: next.name) }
    return .finished(finishIfDone())
  }

  /// Runs (or reuses) one step and records its result.
  @discardableResult
  func execute(_ planned: PlannedStep, alreadyMarked: Bool = false) -> StepState {
    let upstream = state.withLock { s -> [String: StepRecord] in
      if !alreadyMarked { s.running.insert(planned.name) }
      s.valuesUsed[planned.name] = Dictionary(
        planned.dependencies.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
      return s.results
    }
    // Deciding hashes the step's inputs and may restore its outputs, which can take a while.
    if planned.step.cache, !planned.inputs.isEmpty || !planned.outputs.isEmpty { emitWaiting() }
    if let problem = hooks?.prepare(planned) {
      return settleWithoutRunning(planned, reason: problem)
    }
    if case .verifies(let reason) = planned.decision { return verify(planned, reason: reason) }
    var decision =
      planned.step.cache
      ? cache.decide(planned, upstream: upstream) : CacheDecision(fingerprint: nil, reason: planned.step.noCacheReason)
    var keepReused = false
    if decision.reuse == nil, planned.step.cache || planned.step.reusedOnlyByFormat, let known = hooks?.reuse(planned) {
      decision.reuse = known
      decision.reason = known.reason
      keepReused = true
    }
    var result: StepRecord
    if let problem = decision.reuse == nil ? hooks?.willRun(planned) : nil {
      return settleWithoutRunning(planned, reason: problem, fingerprint: decision.fingerprint)
    }
    if var reused = decision.reuse {
      reused.fingerprint = decision.fingerprint
      reused.reason = decision.reason
      reused.epoch = planned.epoch
      result = reused
      // A result from the run store, or one the format restored, is recorded where the format
      // looks, which may fail the step (the format leaves alone what is its own record already).
      if let problem = hooks?.record(planned, result: reused) {
        return settleWithoutRunning(planned, reason: problem, fingerprint: decision.fingerprint)
      }
      emit(.stepReused(reused))
      // A result the format knew (DVC ran the stage) is kept like a run's, for later reuse; its
      // row must be in the store first (see below).
      if keepReused, !planned.outputs.isEmpty {
        emitWaiting()
        cache.keepOutputs(of: planned, result: reused)
      }
    } else {
      result = runner.run(planned) { self.emit($0) }
      result.fingerprint = decision.fingerprint
      // A step the format cannot record fails before its outputs are kept for reuse.
      if result.state == .ok, let problem = hooks?.record(planned, result: result) {
        result.state = .failed
        result.reason = problem
      }
      if result.state.isFailure, planned.step.continueOnError {
        result.reason = (result.reason ?? "failed") + "; continuing (continue_on_error)"
      }
      if result.state == .ok {
        if result.reason == nil { result.reason = decision.reason }
        // Keeping outputs copies them into the cache, which can take a while, and records them
        // against the step's row in the store, so that row must be committed first.
        if !planned.outputs.isEmpty { emitWaiting() }
        cache.keepOutputs(of: planned, result: result)
      }
      emit(.stepFinished(result))
    }
    hooks?.finished(planned, record: result)
    state.withLock { s in
      s.running.remove(planned.name)
      if result.state == .interrupted {  // stays pending: the debugger may run it again
        s.readiness.mayBeReady(planned.name)
        return
      }
      s.settle(result)
    }
    return result.state
  }

  /// Checks and records the outputs of a step whose command never runs (a frozen DVC stage):
  /// the step is skipped with what was done, or fails when its format finds something missing.
  private func verify(_ planned: PlannedStep, reason: String) -> StepState {
    emitWaiting()  // verifying hashes the outputs, which can take a while
    let what: String
    switch hooks?.verify(planned) ?? .verified(reason) {
    case .failed(let problem): return settleWithoutRunning(planned, reason: problem, showingCommand: false)
    case .verified(let done): what = done
    }
    let result = StepRecord(name: planned.name, state: .skipped, reason: what, epoch: planned.epoch)
    emit(.stepSkipped(result))
    return finishWithoutRunning(planned, result)
  }

  /// Records a step that failed before its command ran (a format's hook refused it), or whose
  /// reuse the format could not record; its command is shown unless it was never going to run.
  private func settleWithoutRunning(
    _ planned: PlannedStep, reason: String, fingerprint: String? = nil, showingCommand: Bool = true
  ) -> StepState {
    var result = StepRecord(
      name: planned.name, state: .failed, reason: reason, epoch: planned.epoch,
      command: showingCommand ? StreamMasker.mask(planned.command.masked, secrets: runner.secrets) : nil,
      folder: planned.workingDirectory)
    result.fingerprint = fingerprint
    let now = runner.clock.now()
    result.startedAt = now
    result.finishedAt = now
    emit(.stepStarted(result, attempt: 1))
    emit(.stepFinished(result))
    return finishWithoutRunning(planned, result)
  }

  /// Ends the run with a status worked out from the results.
  package func finishIfDone() -> RunSummary {
    let failed = state.withLock { s in
      s.results.values.contains { r in r.state.isFailure && !(s.plan.step(r.name)?.step.continueOnError ?? false) }
    }
    return finish(failed ? .failed : .ok)
  }

  /// Records the end of the run (once) and emits `runFinished`.
  @discardableResult
  package func finish(_ status: RunSummary.Status) -> RunSummary {
    let (summary, isNew) = state.withLock { s -> (RunSummary, Bool) in
      if let done = s.summary { return (done, false) }
      let values = Array(s.results.values)
      let summary = RunSummary(
        runID: runID, status: status, duration: runner.clock.now() - startedAt,
        ran: values.filter { $0.state == .ok }.count,
        reused: values.filter { $0.state == .reused }.count,
        skipped: values.filter { $0.state == .skipped }.count,
        failed: values.filter { $0.state.isFailure }.count)
      s.summary = summary
      return (summary, true)
    }
    if isNew {
      hooks?.runEnded()
      emit(.runFinished(summary))
    }
    return summary
  }

  /// Ends a step whose command did not run: its format hears of it, and it is settled.
  private func finishWithoutRunning(_ planned: PlannedStep, _ result: StepRecord) -> StepState {
    hooks?.finished(planned, record: result)
    state.withLock { s in
      s.running.remove(planned.name)
      s.settle(result)
    }
    return result.state
  }
}
