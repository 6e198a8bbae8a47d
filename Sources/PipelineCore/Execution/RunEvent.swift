/// What happens during a run, as the engine reports it to its subscribers (the console, the
/// run store, logs). The engine never prints; subscribers never run anything.
package enum RunEvent: Sendable {
  case runStarted(runID: Int, steps: [String])
  /// A step will not run: its condition is false, or a step it needs failed.
  case stepSkipped(step: String, reason: String)
  /// A step's earlier result is reused instead of running it.
  case stepReused(StepResult)
  case stepStarted(step: String, attempt: Int, command: String)
  /// The step's process runs (after `stepStarted`; not when it could not be started).
  case stepProcessStarted(step: String)
  /// Output of a step, already masked.
  case output(step: String, stream: OutputStream, bytes: [UInt8])
  case stepFinished(StepResult)
  case runFinished(RunSummary)
}

/// A step's result.
package struct StepResult: Sendable, Hashable {
  package var step: String
  package var state: StepRunState
  package var exitCode: Int32?
  package var startedAt: Double?
  package var finishedAt: Double?
  /// Why it ran, was skipped or was reused; for failures, what went wrong.
  package var reason: String?
  package var metrics: [String: Double]
  package var attempts: Int
  package var fingerprint: String?
  /// For a reused step: the run whose result was reused.
  package var reusedFromRun: Int?

  package init(step: String, state: StepRunState) {
    self.step = step
    self.state = state
    self.metrics = [:]
    self.attempts = 0
  }

  /// Seconds the step took, when it ran.
  package var duration: Double? {
    guard let startedAt, let finishedAt else { return nil }
    return finishedAt - startedAt
  }
}

/// A step's state within a run.
package enum StepRunState: String, Sendable, Hashable {
  case pending, running, ok, failed, skipped, reused, interrupted
  case timedOut = "timed-out"

  /// True when the step is over (whatever the result).
  package var isDone: Bool { self != .pending && self != .running }
  /// True when steps that need this one may run.
  package var letsDependentsRun: Bool { self == .ok || self == .skipped || self == .reused }
}

/// How a run ended.
package struct RunSummary: Sendable, Hashable {
  package enum Status: String, Sendable, Hashable {
    case ok, failed, interrupted, aborted
  }

  package var runID: Int
  package var status: Status
  package var duration: Double
  package var ran: Int
  package var reused: Int
  package var skipped: Int
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
