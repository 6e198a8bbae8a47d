/// Differences between two recorded runs: parameters (compared by their recorded
/// fingerprint values, so secrets compare without being shown) and metrics.
package enum RunComparison {
  /// One parameter that differs.
  package struct ParameterChange: Sendable, Hashable {
    package var name: String
    package var old: ParameterRecord?
    package var new: ParameterRecord?
  }

  /// One metric of a step in either run.
  package struct MetricChange: Sendable, Hashable {
    package var name: String
    package var old: Double?
    package var new: Double?
    /// `new - old` when both exist.
    package var delta: Double? { old.flatMap { o in new.map { $0 - o } } }
  }

  /// Parameters whose values differ, in the newer run's order.
  package static func parameterChanges(from old: RunRecord, to new: RunRecord) -> [ParameterChange] {
    let before = Dictionary(old.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let after = Dictionary(new.parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var changes: [ParameterChange] = []
    for p in new.parameters where before[p.name]?.fingerprintValue != p.fingerprintValue {
      changes.append(ParameterChange(name: p.name, old: before[p.name], new: p))
    }
    for p in old.parameters where after[p.name] == nil {
      changes.append(ParameterChange(name: p.name, old: p, new: nil))
    }
    return changes
  }

  /// Every metric of either run, keyed `step.metric` when two steps share a name.
  package static func metrics(of run: RunRecord) -> [String: Double] {
    var out: [String: Double] = [:]
    var owners: [String: Int] = [:]
    for step in run.steps { for name in step.metrics.keys { owners[name, default: 0] += 1 } }
    for step in run.steps {
      for (name, value) in step.metrics { out[owners[name, default: 0] > 1 ? "\(step.name).\(name)" : name] = value }
    }
    return out
  }

  /// Metrics of both runs side by side, sorted by name.
  package static func metricChanges(from old: RunRecord, to new: RunRecord) -> [MetricChange] {
    let a = metrics(of: old), b = metrics(of: new)
    return Set(a.keys).union(b.keys).sorted().map { MetricChange(name: $0, old: a[$0], new: b[$0]) }
  }

  /// `lr 0.01 -> 0.02, epochs 10 -> 20` (secrets: `api_key changed`).
  package static func summary(_ changes: [ParameterChange], limit: Int = 3) -> String {
    let parts = changes.prefix(limit).map { c -> String in
      if c.new?.isSecret ?? c.old?.isSecret ?? false { return "\(c.name) changed" }
      return "\(c.name) \(c.old?.value ?? "-") -> \(c.new?.value ?? "-")"
    }
    return parts.joined(separator: ", ") + (changes.count > limit ? ", +\(changes.count - limit) more" : "")
  }
}
