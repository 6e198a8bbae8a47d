/// DVC values as the YAML nodes today's resolver reads bindings from: a string is a quoted
/// scalar (so it stays text), a number or bool a plain one written as pipeshell's value parser
/// reads it back, a list or dict a sequence or mapping.
enum DVCValueNodes {
  static func node(_ value: DVCValue, at location: SourceLocation) -> YAMLNode {
    switch value {
    case .null: return YAMLNode(.scalar("", quoted: false), at: location)
    case .bool(let b): return YAMLNode(.scalar(b ? "true" : "false", quoted: false), at: location)
    case .int(let i): return YAMLNode(.scalar(String(i), quoted: false), at: location)
    case .float(let f): return YAMLNode(.scalar(PythonText.float(f), quoted: false), at: location)
    case .string(let s), .timestamp(let s): return YAMLNode(.scalar(s, quoted: true), at: location)
    case .list(let items): return YAMLNode(.sequence(items.map { node($0, at: location) }), at: location)
    case .dict(let entries):
      let pairs = entries.map {
        YAMLNode.Pair(key: YAMLNode(.scalar($0.key, quoted: true), at: location), value: node($0.value, at: location))
      }
      return YAMLNode(.mapping(pairs), at: location)
    }
  }

  /// The type today's model gives a value: its own, a list of one item type (text when the items
  /// differ), text for null and dates.
  static func type(of value: DVCValue) -> ParameterType {
    switch value {
    case .bool: return .bool
    case .int: return .int
    case .float: return .float
    case .dict: return .dict
    case .list(let items):
      let types = Set(items.map(type(of:)))
      if types == [.int, .float] { return .list(items: .float) }
      return .list(items: types.count == 1 ? types.first ?? .string : .string)
    default: return .string
    }
  }
}
