/// Starts, drives, pauses and records the runs of one pipeline folder: the one place where a
/// run's parts meet — one resolution per run, the plan, the engine, the executors, reuse, the
/// run store and the workspace lock. The shell only calls it and renders its events.
package final class RunService: Sendable {
  package let store: RunStore
  package let workspace: any Workspace
  /// Executors by name (`local`, `slurm`).
  package let executors: [String: any StepExecutor]
  package let sources: any DynamicSources
  /// The shell's environment: what steps inherit.
  package let environment: [String: String]
  package let clock: any Clock
  /// Reads the code a run uses (nil: nothing is recorded).
  package let git: GitProbe?
  /// Runs the commands a format's hooks need (see `RunHookContext`).
  package let launcher: (any ProcessLauncher)?

  /// A service; `launcher` (when given) runs git to record the code each run uses.
  package init(
    store: RunStore, workspace: (any Workspace)? = nil, executors: [String: any StepExecutor],
    sources: any DynamicSources, environment: [String: String], clock: any Clock = SystemClock(),
    launcher: (any ProcessLauncher)? = nil
  ) {
    self.store = store
    self.workspace = workspace ?? LocalWorkspace(cache: store.outputCache)
    self.executors = executors
    self.sources = sources
    self.environment = environment
    self.clock = clock
    self.git = launcher.map { GitProbe(launcher: $0, environment: environment) }
    self.launcher = launcher
  }

  /// Starts a run: takes the folder's lock (an isolated run works in a copy of the folder and
  /// takes none), resolves every binding set once (dynamic values read once, for the whole
  /// run), plans, records the run and the code it uses, and makes its copy of the folder when
  /// isolated. The run then waits to be driven (`ActiveRun.proceed`, `stepOnce`). Several runs
  /// may be started and driven at once, from several threads (a sweep's points).
  package func start(
    _ request: RunRequest, subscribers: [any RunEventSubscriber], shouldStop: () -> Bool = { false }
  ) throws(RunStartError) -> ActiveRun {
    if store.isReadOnly { throw .store(.readOnly) }
    guard let lastInput = request.epochs.last else { throw .invalid([Diagnostic("a run needs a set of bindings")]) }
    let lock =
      request.isolated
      ? nil : try WorkspaceLock.acquire(inFolder: store.folder, wait: request.waitForWorkspace, shouldStop: shouldStop)
    let input = request.input
    let dynamic = DynamicValues(
      sources: sources, environment: input.environment, folder: input.pipeline.folder,
      pinned: request.pinnedDynamicValues)
    let planning = RunPlanning(dynamic: dynamic, executor: request.executor)
    let (snapshots, plan) = planning.plan(request.epochs, stepEpochs: request.stepEpochs)
    guard let lastSnapshot = snapshots.last else { throw .invalid([Diagnostic("a run needs a set of bindings")]) }
    let unavailable = Set(plan.steps.filter(\.runs).map(\.executor)).sorted().compactMap { name in
      ExecutorSet.unavailable(name, in: executors).map { Diagnostic("steps run on '\(name)', but \($0)") }
    }
    if !plan.problems.isEmpty || !unavailable.isEmpty { throw .invalid(plan.problems + unavailable) }
    var policy: IsolationPolicy?
    if request.isolated {
      do { policy = try IsolationPolicy(plan: plan, root: input.pipeline.folder) } catch { throw .cannotIsolate(error) }
    }
    let code = git?.version(of: input.pipeline.folder)
    let key: HashKey
    let runID: Int
    do {
      key = try store.secretKey()
      let secretNames = Set(snapshots[0].order.filter { snapshots[0].parameters[$0]?.isSecret ?? false })
      runID = try store.beginRun(
        NewRun(
          startedAt: clock.now(), pipelineName: input.pipeline.name, pipelineHash: input.pipeline.sourceHash,
          profile: input.profile, command: request.command, parentRunID: request.parentRunID,
          parameters: ParameterRecords.make(snapshots[0], key: key), pipelineFile: input.pipeline.file,
          bindings: RecordedBindings.encode(input.bindingsAboveDefaultsInOrder, secretNames: secretNames),
          dynamicValues: dynamic.recorded, isolated: request.isolated, sweep: request.sweep, code: code))
      try recordLaterEpochs(request, snapshots: snapshots, runID: runID, key: key, plan: plan)
    } catch {
      throw .store(error)
    }
    lock?.describe(runID: runID, command: request.command)
    var previous = request.compareWith
    if previous == nil, !request.isolated {
      do { previous = try store.run(id: runID - 1) } catch { throw .store(error) }
    }
    let notes = RunNotes()
    let (workspace, release) = try isolate(
      runID: runID, policy: policy, plan: plan, folder: input.pipeline.folder, notes: notes)
    let recorder = RunRecorder(store: store, runID: runID, logLimit: request.logLimit)
    let runner = StepRunner(
      executors: executors, secrets: snapshots.flatMap(\.secretValues), baseEnvironment: environment, runID: runID,
      workspace: workspace, clock: clock)
    let cache: any StepCache =
      request.useCache
      ? StoreStepCache(
        store: store, workspace: workspace, runID: runID, previous: previous, forced: request.forced,
        secrets: snapshots.flatMap(\.secretValues), notes: notes)
      : NoStepCache()
    var context = RunHookContext(
      runID: runID, workspace: workspace, isolated: request.isolated, storeFolder: store.folder, launcher: launcher,
      environment: environment)
    context.forced = request.forced
    context.keepsGoing = request.keepGoing
    let hooks = input.pipeline.runSupport?.hooks(for: context)
    for (epoch, snapshot) in snapshots.enumerated() { hooks?.use(snapshot, forEpoch: epoch) }
    var ending: [any RunEventSubscriber] = [recorder]
    if let lock { ending.append(LockRelease(lock: lock)) }
    if let release { ending.append(release) }
    let execution = RunExecution(
      runID: runID, plan: plan, snapshot: lastSnapshot, runner: runner, cache: cache,
      subscribers: subscribers + ending, hooks: hooks)
    return ActiveRun(
      execution: execution, recorder: recorder, store: store, key: key, planning: planning,
      epoch: request.epochs.count - 1, input: lastInput, jobs: request.jobs, notes: notes)
  }

  /// The workspace a run works in: the service's own, or for an isolated run (`policy` set) a
  /// new copy of the folder, with what removes it when the run ends. A copy that cannot be
  /// made fails the run (recorded so) before any step.
  private func isolate(
    runID: Int, policy: IsolationPolicy?, plan: Plan, folder: String, notes: RunNotes
  ) throws(RunStartError) -> (any Workspace, WorkspaceRelease?) {
    guard let policy else { return (workspace, nil) }
    let location = store.workspacePath(runID: runID)
    do {
      let copy = try WorkspaceCopy.make(of: folder, at: location, mayLink: policy.mayLink)
      let isolated = IsolatedWorkspace(root: folder, copy: location, cache: store.outputCache)
      return (isolated, WorkspaceRelease(copy: copy, runID: runID, notes: notes))
    } catch {
      _ = try? FolderRemoval.remove(location)
      do { try store.finishRun(runID: runID, status: .failed, finishedAt: clock.now()) } catch {
        notes.add("the run store could not record run \(runID) as failed: \(error)")
      }
      throw .workspace(runID: runID, error)
    }
  }

  /// The binding sets after the first of a rerun that reproduces changes made while its base
  /// run was paused, recorded like the changes themselves.
  private func recordLaterEpochs(
    _ request: RunRequest, snapshots: [Snapshot], runID: Int, key: HashKey, plan: Plan
  ) throws(StoreError) {
    for index in request.epochs.indices.dropFirst() {
      let changed = ParameterRecords.changedNames(from: snapshots[index - 1], to: snapshots[index])
      let first = plan.steps.first { $0.epoch == index }?.name
      let secretNames = Set(snapshots[index].order.filter { snapshots[index].parameters[$0]?.isSecret ?? false })
      try store.recordEpoch(
        runID: runID,
        RunEpoch(
          number: index, beforeStep: first,
          changes: changed.compactMap { snapshots[index].parameters[$0].map { ParameterRecords.record($0, key: key) } }),
        bindings: RecordedBindings.encode(request.epochs[index].bindingsAboveDefaultsInOrder, secretNames: secretNames))
    }
  }
}

/// Releases the workspace lock when the run ends.
private struct LockRelease: RunEventSubscriber {
  let lock: WorkspaceLock
  func handle(_ event: RunEvent) {
    if case .runFinished = event { lock.release() }
  }
}

/// Resolves and plans a run's binding sets with the run's one set of dynamic values.
package struct RunPlanning: Sendable {
  package let dynamic: DynamicValues
  package let executor: String?

  package init(dynamic: DynamicValues, executor: String?) {
    self.dynamic = dynamic
    self.executor = executor
  }

  /// The snapshot of each binding set, and the plan in which each step comes from its set's plan.
  package func plan(_ inputs: [ResolutionInput], stepEpochs: [String: Int]) -> ([Snapshot], Plan) {
    var snapshots: [Snapshot] = []
    var plans: [Plan] = []
    for input in inputs {
      let snapshot = Resolver(dynamic: dynamic).resolve(input)
      snapshots.append(snapshot)
      var plan = Planner(dynamic: dynamic, executorOverride: executor)
        .plan(input.pipeline, snapshot: snapshot, secretEnvironment: input.secretEnvironmentNames)
      plan.problems += input.pipeline.runSupport?.problems(of: plan, snapshot: snapshot) ?? []
      plans.append(plan)
    }
    guard plans.count > 1 else { return (snapshots, plans[0]) }
    var plan = plans[plans.count - 1]
    for index in plan.steps.indices {
      let epoch = min(stepEpochs[plan.steps[index].name] ?? plans.count - 1, plans.count - 1)
      plan.steps[index] = plans[epoch].steps[index]
      plan.steps[index].epoch = epoch
    }
    plan.problems = plans.flatMap(\.problems).uniquedByDescription
    return (snapshots, plan)
  }
}

extension Array where Element == Diagnostic {
  /// The diagnostics without repeats, in order.
  var uniquedByDescription: [Diagnostic] {
    var seen = Set<String>()
    return filter { seen.insert($0.description).inserted }
  }
}
