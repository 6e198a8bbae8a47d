/// The kinds of value a condition tells apart when comparing: ints and floats are both
/// numbers; strings, choices and paths are all strings.
package enum ValueKind: String, Sendable, Hashable {
  case number, string, bool, list, dict, secret, null

  /// The kind of a runtime value.
  package init(of value: Value) {
    switch value {
    case .int, .float: self = .number
    case .string: self = .string
    case .bool: self = .bool
    case .list: self = .list
    case .dict: self = .dict
    case .secret: self = .secret
    case .null: self = .null
    }
  }

  /// The kind of a declared parameter's values; nil for `any` (known only from the value).
  package init?(of type: ParameterType) {
    switch type {
    case .int, .float: self = .number
    case .string, .choice, .path: self = .string
    case .bool: self = .bool
    case .list: self = .list
    case .dict: self = .dict
    case .secret: self = .secret
    case .any: return nil
    }
  }

  /// True when `==` between the two kinds can ever be true (secrets compare as strings).
  package func isComparable(with other: ValueKind) -> Bool {
    // `== null` asks whether a value is null, whatever its kind.
    self == .null || other == .null || textual == other.textual
  }

  /// True when `<` and friends apply to values of this kind.
  package var isOrdered: Bool { self == .number || self == .string }

  /// The kind with secrets counted as strings.
  private var textual: ValueKind { self == .secret ? .string : self }

  /// `a number`, `an int`-style wording for messages.
  var article: String { "a \(rawValue)" }

  /// Plural wording for messages: `numbers`, `strings`.
  var plural: String { rawValue + "s" }
}
