/// Why a step runs again, compared with an earlier run: the parameters it depends on that
/// changed, upstream steps that ran, or that nothing earlier matched.
package enum ChangeReason {
  package static func text(
    for step: PlannedStep, upstream: [String: StepResult], previous: RunRecord?,
    secretHash: (String) -> String? = { _ in nil }
  ) -> String {
    let ranUpstream = step.step.needs.filter { upstream[$0]?.state == .ok }
    guard let previous else {
      return ranUpstream.isEmpty ? "no earlier result" : "upstream \(ranUpstream.joined(separator: ", ")) ran"
    }
    let before = Dictionary(previous.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var changes: [String] = []
    for (name, value) in step.dependencies {
      guard let old = before[name] else {
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
    if previous.steps.first(where: { $0.name == step.name }).map({ $0.state != .ok && $0.state != .reused }) ?? true {
      return "no successful result in run \(previous.id)"
    }
    return "inputs or command changed"
  }
}
