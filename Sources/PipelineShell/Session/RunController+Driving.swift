import PipelineCore

extension RunController {
  /// Starts a run and drives it: to the end or a breakpoint (`run`), or paused before its
  /// first step (`debug`).
  func begin(_ options: RunStarter.Options, context: CommandContext) throws(CommandError) {
    let run = try RunStarter(context: context, controller: self).start(options)
    activate(run)
    if options.debug {
      guard let first = run.execution.nextStep() else {
        try settle(.finished(run.execution.finishIfDone()), context: context)
        return
      }
      announcePause(before: first.name, breakpoint: false, context: context)
      return
    }
    try proceed(context: context, ignoringFirstStop: false)
  }

  /// Runs the active run on to the next breakpoint or the end (`continue`).
  func proceed(context: CommandContext, ignoringFirstStop: Bool) throws(CommandError) {
    guard let run = active else { throw .usage("no run is paused", notes: ["start one with 'debug' or 'run'"]) }
    try refreshPlan(run, context: context)
    let snapshot = run.execution.snapshot
    let points = breakpoints
    let stop = InterruptWatch.during(context.services.launcher) {
      run.execution.proceed(jobs: run.jobs, ignoringFirstStop: ignoringFirstStop) { step in
        points.contains { $0.step == step.name && ((try? $0.condition?.evaluate { snapshot.value($0) }) ?? true) }
      }
    }
    try settle(stop, context: context)
  }

  /// Runs exactly the next step (`step`).
  func stepOnce(context: CommandContext) throws(CommandError) {
    guard let run = active else { throw .usage("no run is paused", notes: ["start one with 'debug'"]) }
    try refreshPlan(run, context: context)
    let stop = InterruptWatch.during(context.services.launcher) { run.execution.stepOnce() }
    try settle(stop, context: context, afterSingleStep: true)
  }

  /// Re-plans the remaining steps with the current bindings (after `set` while paused).
  private func refreshPlan(_ run: ActiveRun, context: CommandContext) throws(CommandError) {
    let (snapshot, plan) = try context.plan(runOverrides: run.overrides)
    if !plan.problems.isEmpty { throw .invalid(plan.problems) }
    run.execution.replan(plan, snapshot: snapshot)
  }

  private func settle(_ stop: RunExecution.Stop, context: CommandContext, afterSingleStep: Bool = false) throws(CommandError) {
    switch stop {
    case .paused(let before):
      announcePause(before: before, breakpoint: !afterSingleStep, context: context)
    case .finished(let summary):
      reportRecorderProblems(context)
      clear()
      if summary.status != .ok { throw .failed("") }
    case .interrupted(let step):
      if active?.isDebug ?? false {
        context.output.line("interrupted \(step); paused before it (step to run it again, abort to end the run)")
        return
      }
      active?.execution.finish(.interrupted)
      reportRecorderProblems(context)
      clear()
      throw .failed("")
    }
  }

  private func announcePause(before step: String, breakpoint: Bool, context: CommandContext) {
    guard let run = active else { return }
    let steps = run.execution.plan.steps.map(\.name)
    let index = (steps.firstIndex(of: step) ?? 0) + 1
    context.output.line("\(breakpoint ? "breakpoint: " : "")paused before \(step) (\(index)/\(steps.count))")
  }

  private func reportRecorderProblems(_ context: CommandContext) {
    let problems = (active?.recorder?.problems ?? []) + (active?.execution.cacheProblems ?? [])
    guard !problems.isEmpty else { return }
    context.output.writeError("warning: the run store could not record everything: \(problems[0])\n")
  }
}
