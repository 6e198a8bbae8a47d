/// Reads values of the `any` type (DVC params values with no fixed type: a null, the items of a
/// mixed list): text is read as YAML 1.2 reads it, as DVC's loader reads its params files
/// (`YAMLScalarResolver`), so `0.1` is a float, `null` is null, `yes` stays a string and `[1, a]`
/// is a list; text that is not YAML is a string.
package enum AnyValueParser {
  /// The value typed text stands for.
  package static func parse(_ text: String) -> Value {
    let trimmed = text.trimmingSpaces
    guard let first = trimmed.utf8.first else { return .null }
    let last = trimmed.utf8.last
    let bracketed =
      (first == UInt8(ascii: "[") && last == UInt8(ascii: "]"))
      || (first == UInt8(ascii: "{") && last == UInt8(ascii: "}"))
    // Text that does not read as a flow collection is a string, as a YAML error would leave it.
    if bracketed, let node = try? YAMLReader().read(trimmed, file: "<value>") { return value(node) }
    return scalar(trimmed)
  }

  /// The value of a YAML node: quoted scalars are strings, plain ones typed as YAML 1.2 types them.
  package static func value(_ node: YAMLNode) -> Value {
    switch node.kind {
    case .scalar(let text, let quoted): return quoted ? .string(text) : scalar(text)
    case .sequence(let items): return .list(items.map(value))
    case .mapping(let pairs): return .dict(ValueDict(entries: pairs.map { ($0.key.scalar ?? "", value($0.value)) }))
    }
  }

  /// A plain scalar's value; a number too large for 64 bits, or malformed, stays text.
  static func scalar(_ text: String) -> Value {
    switch YAMLScalarResolver.resolve(text) {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .int(let i): return .int(i)
    case .float(let f): return .float(f)
    case .timestamp, .string, .bigInt, .malformed: return .string(text)
    }
  }
}
