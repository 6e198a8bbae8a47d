/// Where one step of a run stands: the one state type that the engine, the run store and the
/// shell share.
package enum StepState: String, Sendable, Hashable, CaseIterable {
  case pending, running, ok, failed, skipped, reused, interrupted
  case timedOut = "timed-out"

  /// True when the step is over (whatever the result).
  package var isDone: Bool { self != .pending && self != .running }
  /// True when steps that need this one may run.
  package var letsDependentsRun: Bool { self == .ok || self == .skipped || self == .reused }
  /// True for a step whose command ran and did not succeed.
  package var isFailure: Bool { self == .failed || self == .timedOut }
}
