/// A snapshot's parameters as the run store keeps them: display text, typed value, winning
/// layer and source; a secret by its keyed hash only.
package enum ParameterRecords {
  /// Every parameter of `snapshot`, in declaration order.
  package static func make(_ snapshot: Snapshot, key: HashKey) -> [ParameterRecord] {
    snapshot.order.compactMap { name in snapshot.parameters[name].map { record($0, key: key) } }
  }

  /// One parameter's record.
  package static func record(_ p: ResolvedParameter, key: HashKey) -> ParameterRecord {
    let fingerprintValue =
      p.isSecret ? ContentHasher.keyedHash(p.value?.revealedText ?? "", key: key) : p.value?.text ?? ""
    return ParameterRecord(
      name: p.spec.name, value: p.isSecret ? (p.value == nil ? "" : Secret.mask) : p.value?.display ?? "",
      valueJSON: p.isSecret ? nil : p.value.map { JSONWriter.text($0.json) },
      layer: p.winner?.layer.description ?? "-", source: p.winner?.source.description ?? "", isSecret: p.isSecret,
      fingerprintValue: fingerprintValue)
  }

  /// The names whose values differ between two snapshots (a secret compares by value, never shown).
  package static func changedNames(from old: Snapshot, to new: Snapshot) -> [String] {
    new.order.filter { name in
      old.parameters[name]?.value != new.parameters[name]?.value
    }
  }
}
