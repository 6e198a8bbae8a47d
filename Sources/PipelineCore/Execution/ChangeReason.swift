/// Why a step runs again, compared with an earlier run: the parameters it depends on that
/// changed, upstream steps that ran, or that nothing earlier matched.
package enum ChangeReason {
  /// An earlier run indexed for comparison: its parameters and steps by name, built once per
  /// run rather than once per step (pipelines may have thousands of each).
  package struct Baseline: Sendable {
    package let run: RunRecord
    let parameters: [String: ParameterRecord]
    let steps: [String: StepRecord]

    package init(_ run: RunRecord) {
      self.run = run
      parameters = Dictionary(run.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
      steps = Dictionary(run.steps.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }
  }

  package static func text(
    for step: PlannedStep, upstream: [String: StepResult], previous: RunRecord?,
    secretHash: (String) -> String? = { _ in nil }
  ) -> String {
    text(for: step, upstream: upstream, baseline: previous.map(Baseline.init), secretHash: secretHash)
  }

  package static func text(
    for step: PlannedStep, upstream: [String: StepResult], baseline: Baseline?,
    secretHash: (String) -> String? = { _ in nil }
  ) -> String {
    let ranUpstream = step.step.needs.filter { upstream[$0]?.state == .ok }
    guard let baseline else {
      return ranUpstream.isEmpty ? "no earlier result" : "upstream \(ranUpstream.joined(separator: ", ")) ran"
    }
    var changes: [String] = []
    for (name, value) in step.dependencies {
      guard let old = baseline.parameters[name] else {
        changes.append("\(name) is new")
        continue
      }
      if value.containsSecret {
        if secretHash(value.revealedText) != old.fingerprintValue { changes.append("\(name) changed") }
        continue
      }
      if old.fingerprintValue != value.text { changes.append("\(name) \(old.value) -> \(value.display)") }
    }
    if !changes.isEmpty { return changes.joined(separator: ", ") }
    if !ranUpstream.isEmpty { return "upstream \(ranUpstream.joined(separator: ", ")) changed" }
    if baseline.steps[step.name].map({ $0.state != .ok && $0.state != .reused }) ?? true {
      return "no successful result in run \(baseline.run.id)"
    }
    return "inputs or command changed"
  }
}
