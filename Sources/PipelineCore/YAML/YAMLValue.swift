/// A YAML document to write (an exported manifest), as plain values: mappings keep their keys
/// in the order given. `YAMLEmitter` turns it into text through libyaml.
package indirect enum YAMLValue: Sendable, Hashable {
  case string(String)
  case integer(Int)
  case boolean(Bool)
  case sequence([YAMLValue])
  case mapping([Entry])

  /// One key of a mapping.
  package struct Entry: Sendable, Hashable {
    package var key: String
    package var value: YAMLValue

    package init(_ key: String, _ value: YAMLValue) {
      self.key = key
      self.value = value
    }
  }

  /// A mapping from `(key, value)` pairs, leaving out the pairs whose value is nil.
  package static func map(_ pairs: [(String, YAMLValue?)]) -> YAMLValue {
    .mapping(pairs.compactMap { key, value in value.map { Entry(key, $0) } })
  }

  /// The value under `key` of a mapping, or nil.
  package subscript(key: String) -> YAMLValue? {
    guard case .mapping(let entries) = self else { return nil }
    return entries.first { $0.key == key }?.value
  }

  /// The text of a string, or nil.
  package var text: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The items of a sequence (empty for anything else).
  package var items: [YAMLValue] {
    if case .sequence(let items) = self { return items }
    return []
  }
}
