import PipelineCore

/// The shell's side of runs: the run service of the loaded pipeline's folder, the run that is
/// active (paused between steps, the debugger), breakpoints, and the session as it was when the
/// run started (so values changed while paused reach the run, and nothing else).
@MainActor
package final class RunController {
  /// A run in progress and the shell's view of it.
  package struct Active {
    package var run: ActiveRun
    package var isDebug: Bool
    /// The session's bindings when the run started: what changed since is applied to the run.
    package var sessionAtStart: SessionLayers
  }

  /// A breakpoint before a step, optionally only when a condition holds.
  package struct Breakpoint: Sendable {
    package var step: String
    package var condition: Expression?
  }

  package private(set) var active: Active?
  package var breakpoints: [Breakpoint] = []
  /// The id of the last run this shell started (a sweep reports its own runs by it).
  package private(set) var lastStartedRunID: Int?
  /// True when the last run driven was interrupted (Ctrl-C, SIGTERM): a sweep stops there.
  package var lastRunWasInterrupted = false
  /// The last debugger command, repeated by an empty line while paused.
  package var lastDebuggerCommand: String?
  /// The service of the loaded pipeline's folder, opened on first use.
  private var opened: (folder: String, service: RunService)?

  package init() {}

  /// The step the active run is paused before.
  package var pausedStep: String? { active?.run.nextStep?.name }

  /// The run service beside the loaded pipeline; opening its store marks runs left `running` by
  /// a dead shell as interrupted.
  package func service(for context: CommandContext) throws(CommandError) -> RunService {
    guard let path = context.session.pipelinePath else { throw .usage("no pipeline loaded") }
    let folder = RunStore.folder(besidePipeline: path)
    if let opened, opened.folder == folder {
      guard opened.service.store.isGone, active == nil else { return opened.service }
      // Deleted or replaced under us: later runs would go to a file that no longer exists.
      context.output.writeError("note: the run store \(folder) was deleted or replaced; opening it anew\n")
    }
    do {
      let store = try RunStore(folder: folder)
      for note in store.openingNotes { context.output.writeError("note: \(note)\n") }
      let marked = try store.markAbandonedRunsInterrupted()
      if !marked.isEmpty {
        let ids = marked.map(String.init).joined(separator: ", ")
        context.output.writeError(
          "note: run\(marked.count == 1 ? "" : "s") \(ids) ended without finishing; marked interrupted\n")
      }
      let executors = ExecutorSet.make(
        store: store, launcher: context.services.launcher, environment: context.session.environment)
      cancelLeftoverJobs(of: marked, store: store, executors: executors, context: context)
      let service = RunService(
        store: store, executors: executors, sources: context.services.dynamicSources,
        environment: context.session.environment, clock: context.services.clock, launcher: context.services.launcher)
      opened = (folder, service)
      return service
    } catch {
      throw .failed("cannot open the run store in \(folder): \(error)")
    }
  }

  /// Cancels the cluster jobs that runs of a killed shell left queued or running.
  private func cancelLeftoverJobs(
    of runs: [Int], store: RunStore, executors: [String: any StepExecutor], context: CommandContext
  ) {
    guard let slurm = executors["slurm"] as? SlurmExecutor, !runs.isEmpty else { return }
    for id in runs {
      guard let run = try? store.run(id: id) else { continue }
      let jobs = run.steps.compactMap { $0.placement?.executor == "slurm" ? $0.placement?.jobID : nil }
      guard !jobs.isEmpty else { continue }
      do {
        let cancelled = try slurm.cancelLeftovers(jobs)
        if !cancelled.isEmpty {
          context.output.writeError(
            "note: cancelled Slurm job\(cancelled.count == 1 ? "" : "s") \(cancelled.map(\.jobID).joined(separator: ", ")) that run \(id) left\n"
          )
        }
      } catch {
        context.output.writeError("warning: cannot cancel the Slurm jobs run \(id) left: \(error)\n")
      }
    }
  }

  /// The run store beside the loaded pipeline.
  package func store(for context: CommandContext) throws(CommandError) -> RunStore {
    try service(for: context).store
  }

  /// Forgets the active run (after it finished or was aborted).
  package func clear() { active = nil }

  /// Makes a run the active one.
  func activate(_ run: ActiveRun, isDebug: Bool, session: SessionLayers) {
    active = Active(run: run, isDebug: isDebug, sessionAtStart: session)
    lastStartedRunID = run.runID
  }

  /// The active run's bindings with what the session changed since it started applied.
  func projectedInput(_ context: CommandContext) throws(CommandError) -> ResolutionInput? {
    guard let active else { return nil }
    return SessionLayers(context.session).applyingChanges(since: active.sessionAtStart, to: active.run.input)
  }
}

/// The layers a session controls: params files, the profile and session bindings.
@MainActor
package struct SessionLayers: Sendable {
  var fileBindings: [Binding]
  var profile: String?
  var sessionBindings: [Binding]

  init(_ session: ShellSession) {
    fileBindings = session.paramsFiles.flatMap(\.bindings)
    profile = session.profile
    sessionBindings = session.sessionBindings
  }

  /// `input` with the changes from `before` to these layers applied: a changed or new session
  /// binding replaces the input's, a removed one is removed; a changed profile or file layer
  /// replaces the input's.
  func applyingChanges(since before: SessionLayers, to input: ResolutionInput) -> ResolutionInput {
    var out = input
    let old = Dictionary(before.sessionBindings.map { ($0.name, $0) }, uniquingKeysWith: { _, b in b })
    let new = Dictionary(sessionBindings.map { ($0.name, $0) }, uniquingKeysWith: { _, b in b })
    for (name, binding) in new where old[name] != binding {
      out.sessionBindings.removeAll { $0.name == name }
      out.sessionBindings.append(binding)
    }
    for name in old.keys where new[name] == nil { out.sessionBindings.removeAll { $0.name == name } }
    if profile != before.profile {
      out.profile = profile
      out.recordedProfileBindings = nil
    }
    if fileBindings != before.fileBindings { out.fileBindings = fileBindings }
    return out
  }
}
