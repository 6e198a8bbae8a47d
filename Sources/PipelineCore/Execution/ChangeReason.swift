/// Why a step runs again, compared with an earlier run: the parameters it depends on that
/// changed, upstream steps that ran, or that nothing earlier matched.
package enum ChangeReason {
  /// An earlier run indexed for comparison: its parameters (as each of its steps saw them) and
  /// steps by name, built once per run rather than once per step (pipelines may have thousands
  /// of each).
  package struct Baseline: Sendable {
    package let run: RunRecord
    let parameters: [[String: ParameterRecord]]
    let steps: [String: StepRecord]

    package init(_ run: RunRecord) {
      self.run = run
      parameters = (0...run.lastEpoch).map { run.parameters(atEpoch: $0) }
      steps = Dictionary(run.steps.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The parameter as the earlier run's step of this name saw it.
    func parameter(_ name: String, step: String) -> ParameterRecord? {
      let epoch = min(steps[step]?.epoch ?? 0, parameters.count - 1)
      return parameters[epoch][name]
    }
  }

  package static func text(
    for step: PlannedStep, upstream: [String: StepRecord], baseline: Baseline?,
    secretHash: (String) -> String? = { _ in nil }
  ) -> String {
    let ranUpstream = step.step.needs.filter { upstream[$0]?.state == .ok }
    guard let baseline else {
      return ranUpstream.isEmpty ? "no earlier result" : "upstream \(ranUpstream.joined(separator: ", ")) ran"
    }
    var changes: [String] = []
    for dependency in step.dependencies {
      guard let old = baseline.parameter(dependency.name, step: step.name) else {
        changes.append("\(dependency.name) is new")
        continue
      }
      if dependency.isSecret {
        if secretHash(dependency.value.revealedText) != old.fingerprintValue {
          changes.append("\(dependency.name) changed")
        }
        continue
      }
      if old.fingerprintValue != dependency.value.text {
        changes.append("\(dependency.name) \(old.value) -> \(dependency.value.display)")
      }
    }
    if !changes.isEmpty { return changes.joined(separator: ", ") }
    if !ranUpstream.isEmpty { return "upstream \(ranUpstream.joined(separator: ", ")) changed" }
    if baseline.steps[step.name].map({ $0.state != .ok && $0.state != .reused }) ?? true {
      return "no successful result in run \(baseline.run.id)"
    }
    return "inputs or command changed"
  }
}
