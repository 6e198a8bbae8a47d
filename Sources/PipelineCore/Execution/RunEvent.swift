/// What happens during a run, as the engine reports it to its subscribers (the console, the
/// run store, logs). The engine never prints; subscribers never run anything.
package enum RunEvent: Sendable {
  case runStarted(runID: Int, steps: [String])
  /// A step will not run: its condition is false, a step it needs failed, or the user skipped it.
  case stepSkipped(StepRecord)
  /// A step's earlier result is reused instead of running it.
  case stepReused(StepRecord)
  /// An attempt of a step starts (`record` holds its masked command, folder and binding set).
  case stepStarted(StepRecord, attempt: Int)
  /// The step's attempt runs, here (after `stepStarted`; not when it could not be started).
  case stepPlaced(step: String, StepPlacement)
  /// Output of a step, already masked.
  case output(step: String, stream: OutputStream, bytes: [UInt8])
  case stepFinished(StepRecord)
  case runFinished(RunSummary)
}

/// How a run ended.
package struct RunSummary: Sendable, Hashable {
  /// How a run ended.
  package enum Status: String, Sendable, Hashable {
    case ok, failed, interrupted, aborted
  }

  package var runID: Int
  package var status: Status
  package var duration: Double
  /// Steps that ran and succeeded.
  package var ran: Int
  package var reused: Int
  package var skipped: Int
  /// Steps that ran and failed or timed out (each counted once, here only).
  package var failed: Int
}

/// Receives run events; called from worker threads, so implementations must be thread-safe.
package protocol RunEventSubscriber: Sendable {
  func handle(_ event: RunEvent)
  /// The run has nothing to report for a while: it waits for running steps, is about to hash
  /// or keep a step's files, or returns to its caller (paused, interrupted, finished). A
  /// subscriber that holds events back, to handle several together, must finish them here.
  func runIsWaiting()
}

extension RunEventSubscriber {
  package func runIsWaiting() {}
}
