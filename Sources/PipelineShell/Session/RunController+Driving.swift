import PipelineCore

extension RunController {
  /// How the shell starts a run.
  struct Start {
    var request: RunRequest
    var debug = false
    /// Only the run's closing line (sweeps).
    var quiet = false
  }

  /// Starts a run and drives it: to the end or a breakpoint (`run`), or paused before its
  /// first step (`debug`). Returns the run's id once it has one.
  @discardableResult
  func begin(_ start: Start, context: CommandContext) throws(CommandError) -> Int {
    if active != nil {
      throw .usage("a run is paused", notes: ["finish it with 'continue', or end it with 'abort'"])
    }
    let service = try service(for: context)
    let console = RunConsole(output: context.output, style: context.style, jobs: start.request.jobs, quiet: start.quiet)
    let run: ActiveRun
    InterruptSignal.install()
    InterruptSignal.reset()
    do {
      run = try service.start(start.request, subscribers: [console]) { InterruptSignal.count > 0 }
    } catch {
      throw Self.commandError(error, waited: start.request.waitForWorkspace)
    }
    activate(run, isDebug: start.debug, session: SessionLayers(context.session))
    if start.debug {
      guard let first = run.nextStep else {
        try settle(.finished(run.execution.finishIfDone()), context: context)
        return run.runID
      }
      announcePause(before: first.name, breakpoint: false, context: context)
      return run.runID
    }
    try proceed(context: context, ignoringFirstStop: false)
    return run.runID
  }

  /// Runs the active run on to the next breakpoint or the end (`continue`).
  func proceed(context: CommandContext, ignoringFirstStop: Bool) throws(CommandError) {
    guard let run = active?.run else { throw .usage("no run is paused", notes: ["start one with 'debug' or 'run'"]) }
    try applySessionChanges(context)
    let points = breakpoints
    let snapshot = run.execution.snapshot
    let executors = try service(for: context).executors
    let stop = InterruptWatch.during({ for executor in executors.values { executor.interruptAll() } }) {
      run.proceed(ignoringFirstStop: ignoringFirstStop) { step in
        points.contains { $0.step == step.name && ((try? $0.condition?.evaluate { snapshot.value($0) }) ?? true) }
      }
    }
    try settle(stop, context: context)
  }

  /// Runs exactly the next step (`step`).
  func stepOnce(context: CommandContext) throws(CommandError) {
    guard let run = active?.run else { throw .usage("no run is paused", notes: ["start one with 'debug'"]) }
    try applySessionChanges(context)
    let executors = try service(for: context).executors
    let stop = InterruptWatch.during({ for executor in executors.values { executor.interruptAll() } }) {
      run.stepOnce()
    }
    try settle(stop, context: context, afterSingleStep: true)
  }

  /// Skips the next step (`skip`).
  func skipNext(context: CommandContext) throws(CommandError) {
    guard let run = active?.run, run.nextStep != nil else { throw .usage("no run is paused", notes: ["start one with 'debug'"]) }
    switch run.skipNext() {
    case .paused(let before): context.output.line("paused before \(before)")
    case let stop: try settle(stop, context: context)
    }
  }

  /// Gives the active run the values the session changed while it was paused.
  private func applySessionChanges(_ context: CommandContext) throws(CommandError) {
    guard let active, let input = try projectedInput(context) else { return }
    do {
      let changed = try active.run.update(input)
      if !changed.isEmpty {
        context.output.line(context.style.dim("values changed for the remaining steps: \(changed.joined(separator: ", "))"))
      }
    } catch {
      throw Self.commandError(error, waited: false)
    }
  }

  private func settle(_ stop: RunExecution.Stop, context: CommandContext, afterSingleStep: Bool = false) throws(CommandError) {
    if case .interrupted = stop { lastRunWasInterrupted = true } else { lastRunWasInterrupted = false }
    switch stop {
    case .paused(let before):
      announcePause(before: before, breakpoint: !afterSingleStep, context: context)
    case .finished(let summary):
      let incomplete = reportRecorderProblems(context)
      clear()
      if summary.status != .ok || incomplete { throw .failed("") }
    case .interrupted(let step):
      if active?.isDebug ?? false {
        context.output.line("interrupted \(step); paused before it (step to run it again, abort to end the run)")
        return
      }
      active?.run.interrupt()
      _ = reportRecorderProblems(context)
      clear()
      throw .failed("")
    }
  }

  private func announcePause(before step: String, breakpoint: Bool, context: CommandContext) {
    guard let run = active?.run else { return }
    let steps = run.execution.plan.steps.map(\.name)
    let index = (steps.firstIndex(of: step) ?? 0) + 1
    context.output.line("\(breakpoint ? "breakpoint: " : "")paused before \(step) (\(index)/\(steps.count))")
  }

  /// Warns when the store could not record everything; true then (the command fails).
  private func reportRecorderProblems(_ context: CommandContext) -> Bool {
    if let store = try? service(for: context).store, store.isGone {
      context.output.writeError("warning: the run store \(store.folder) was deleted during the run; the run is not recorded\n")
      return true
    }
    guard let problems = active?.run.problems, !problems.isEmpty else { return false }
    let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
    context.output.writeError("warning: the run store could not record everything: \(problems[0])\(more)\n")
    return true
  }

  /// The shell's error for a run that did not start.
  static func commandError(_ error: RunStartError, waited: Bool) -> CommandError {
    switch error {
    case .invalid(let diagnostics): return .invalid(diagnostics)
    case .interrupted: return .failed("interrupted while waiting for the other run to end")
    case .store(let error): return .failed("cannot record the run: \(error)")
    case .workspaceBusy(let holder):
      var what = holder.runID.map { "run \($0)" } ?? "a run"
      if let pid = holder.processID { what += " of the shell with pid \(pid)" }
      if let command = holder.command { what += " ('\(command)')" }
      return .failed(
        "\(what) is running in this pipeline's folder; one run at a time per folder"
          + " (wait for it with --wait; params, plan, runs, show, diff and logs keep working)")
    }
  }
}
