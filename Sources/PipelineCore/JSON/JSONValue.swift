/// A JSON document as data: what `--json` output and the run store's typed records are built
/// from. Objects keep their keys in the order they were added, so output is stable.
package indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  package static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y || (x.isNaN && y.isNaN)
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  package func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let b): hasher.combine(b)
    case .int(let i): hasher.combine(i)
    case .double(let d): hasher.combine(d)
    case .string(let s): hasher.combine(s)
    case .array(let items): hasher.combine(items)
    case .object(let pairs):
      for (key, value) in pairs {
        hasher.combine(key)
        hasher.combine(value)
      }
    }
  }

  /// The value of `key` in an object, or nil.
  package subscript(key: String) -> JSONValue? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.0 == key }?.1
  }

  /// The text of a string value.
  package var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The items of an array value.
  package var array: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  /// A number as an integer, when it is one.
  package var int: Int? {
    switch self {
    case .int(let i): return i
    case .double(let d) where d == d.rounded() && abs(d) < 9e15: return Int(d)
    default: return nil
    }
  }

  /// A number as a double.
  package var double: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }

  /// A boolean value.
  package var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// An optional string as JSON: the text, or null.
  package static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

  /// An optional number as JSON: the number, or null.
  package static func optional(_ number: Double?) -> JSONValue { number.map(JSONValue.double) ?? .null }

  /// An optional integer as JSON: the number, or null.
  package static func optional(_ number: Int?) -> JSONValue { number.map(JSONValue.int) ?? .null }
}
