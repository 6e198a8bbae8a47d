/// Decides whether a step's earlier result can be reused, and keeps successful outputs.
/// The engine asks it before each step; a run with no cache runs everything.
package protocol StepCache: Sendable {
  /// The step's fingerprint and, when a successful earlier step matches it and its outputs
  /// are on disk or restorable, that result to reuse.
  func decide(_ step: PlannedStep, upstream: [String: StepRecord]) -> CacheDecision
  /// Keeps a successful step's declared outputs (in the content-addressed cache).
  func keepOutputs(of step: PlannedStep, result: StepRecord)
  /// What could not be kept or recorded, for a warning after the run; the run goes on.
  var problems: [String] { get }
}

/// What the cache said about one step.
package struct CacheDecision: Sendable {
  package var fingerprint: String?
  /// The result to reuse instead of running, if any.
  package var reuse: StepRecord?
  /// Why the step runs or is reused, for people: `lr 0.01 -> 0.02`, `unchanged since run 7`.
  package var reason: String?

  package init(fingerprint: String?, reuse: StepRecord? = nil, reason: String? = nil) {
    self.fingerprint = fingerprint
    self.reuse = reuse
    self.reason = reason
  }
}

/// A cache that never reuses anything (`run --no-cache`, or no store).
package struct NoStepCache: StepCache {
  package init() {}
  package func decide(_ step: PlannedStep, upstream: [String: StepRecord]) -> CacheDecision {
    CacheDecision(fingerprint: nil, reason: "--no-cache")
  }
  package func keepOutputs(of step: PlannedStep, result: StepRecord) {}
  package var problems: [String] { [] }
}
