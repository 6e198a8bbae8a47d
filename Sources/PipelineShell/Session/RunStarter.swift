import PipelineCore

/// Starts a run of the loaded pipeline: plans it, records it in the store, and wires the
/// console and the recorder to the engine.
struct RunStarter {
  let context: CommandContext
  let controller: RunController

  /// Options of `run`, `debug` and `rerun`.
  struct Options {
    var overrides: [Binding] = []
    var jobs: Int
    var debug = false
    var useCache = true
    var command: String
    var parentRunID: Int?
    /// The run reasons compare with (the rerun's source); by default the one before.
    var compareWith: RunRecord?
    /// Steps that run whatever the cache says.
    var forced: Set<String> = []
    /// Show only the run's closing line (sweeps).
    var quiet = false
  }

  func start(_ options: Options) throws(CommandError) -> RunController.ActiveRun {
    if controller.active != nil {
      throw .usage("a run is paused", notes: ["finish it with 'continue', or end it with 'abort'"])
    }
    let pipeline = try context.session.requirePipeline()
    let (snapshot, plan) = try context.plan(runOverrides: options.overrides)
    if !plan.problems.isEmpty { throw .invalid(plan.problems) }
    let store = try controller.store(for: context)
    let runID: Int
    do {
      runID = try store.beginRun(NewRun(
        startedAt: context.services.clock.now(), pipelineName: pipeline.name, pipelineHash: pipeline.sourceHash,
        profile: context.session.profile, command: options.command, parentRunID: options.parentRunID,
        parameters: try parameterRecords(snapshot, store: store)))
    } catch {
      throw .failed("cannot record the run: \(error)")
    }
    let recorder = RunRecorder(store: store, runID: runID)
    let console = RunConsole(output: context.output, style: context.style, jobs: options.jobs, quiet: options.quiet)
    let runner = StepRunner(
      launcher: context.services.launcher, secrets: snapshot.secretValues, baseEnvironment: context.session.environment,
      runID: runID, takesTerminal: context.services.interactive && options.jobs == 1, clock: context.services.clock)
    let previous = options.compareWith ?? (try? store.run(id: runID - 1)) ?? nil
    let cache: any StepCache =
      options.useCache ? StoreStepCache(store: store, runID: runID, previous: previous, forced: options.forced) : NoStepCache()
    let execution = RunExecution(
      runID: runID, plan: plan, snapshot: snapshot, runner: runner, cache: cache, subscribers: [console, recorder])
    return RunController.ActiveRun(
      execution: execution, recorder: recorder, overrides: options.overrides, jobs: options.jobs, isDebug: options.debug)
  }

  private func parameterRecords(_ snapshot: Snapshot, store: RunStore) throws -> [ParameterRecord] {
    try snapshot.order.compactMap { name -> ParameterRecord? in
      guard let p = snapshot.parameters[name] else { return nil }
      let fingerprintValue: String
      if p.isSecret {
        fingerprintValue = try store.secretFingerprint(of: Secret(p.value?.revealedText ?? ""))
      } else {
        fingerprintValue = p.value?.text ?? ""
      }
      return ParameterRecord(
        name: name, value: p.value?.display ?? "", layer: p.winner?.layer.description ?? "-",
        source: p.winner?.source.description ?? "", isSecret: p.isSecret, fingerprintValue: fingerprintValue)
    }
  }
}
