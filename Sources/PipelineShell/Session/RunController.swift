import PipelineCore

/// Starts runs and keeps the one that is paused (the debugger): its execution, console,
/// recorder, breakpoints and the overrides it was started with.
package final class RunController: @unchecked Sendable {
  /// A run in progress (paused between steps, or running).
  package struct ActiveRun {
    package var execution: RunExecution
    package var recorder: RunRecorder?
    package var overrides: [Binding]
    package var jobs: Int
    package var isDebug: Bool
  }

  /// A breakpoint before a step, optionally only when a condition holds.
  package struct Breakpoint: Sendable {
    package var step: String
    package var condition: Expression?
  }

  package private(set) var active: ActiveRun?
  package var breakpoints: [Breakpoint] = []
  /// The last debugger command, repeated by an empty line while paused.
  package var lastDebuggerCommand: String?
  /// The store of the loaded pipeline, opened on first use.
  private var store: (path: String, store: RunStore)?

  package init() {}

  /// The step the active run is paused before.
  package var pausedStep: String? { active.flatMap { $0.execution.summary == nil ? $0.execution.nextStep()?.name : nil } }

  /// The run store beside the loaded pipeline; marks runs left `running` by a dead shell as interrupted.
  package func store(for context: CommandContext) throws(CommandError) -> RunStore {
    guard let path = context.session.pipelinePath else { throw .usage("no pipeline loaded") }
    let folder = RunStore.folder(besidePipeline: path)
    if let open = store, open.path == folder { return open.store }
    do {
      let opened = try RunStore(folder: folder)
      let marked = try opened.markAbandonedRunsInterrupted()
      if !marked.isEmpty {
        context.output.writeError("note: run\(marked.count == 1 ? "" : "s") \(marked.map(String.init).joined(separator: ", ")) ended without finishing; marked interrupted\n")
      }
      store = (folder, opened)
      return opened
    } catch {
      throw .failed("cannot open the run store in \(folder): \(error)")
    }
  }

  /// Forgets the active run (after it finished or was aborted).
  package func clear() { active = nil }

  /// Makes a run the active one.
  package func activate(_ run: ActiveRun) { active = run }
}
