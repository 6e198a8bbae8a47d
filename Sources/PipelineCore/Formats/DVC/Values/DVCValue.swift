/// A value as DVC holds it, without source locations: what a parameter is bound to, what a
/// template renders and what `dvc.lock` records.
package indirect enum DVCValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  /// A date or datetime kept as written (see `DVCNode.Kind.timestamp`).
  case timestamp(String)
  /// An integer beyond 64 bits, as Python's `str()` writes it (see `DVCNode.Kind.bigInt`).
  case bigInt(String)
  case list([DVCValue])
  case dict([Entry])

  /// One key and value of a dict, in order.
  package struct Entry: Sendable, Hashable {
    /// The key's text: Python's `str()` of a key that is not a string (`0`, `1.5`, `True`).
    package var key: String
    package var value: DVCValue
    /// False for a key YAML or Python read as a number, bool or null (`{0: w}`): DVC keeps its
    /// type, and `dvc.lock` records it unquoted (`0: w`, not `'0': w`).
    package var keyIsString: Bool

    package init(key: String, value: DVCValue, keyIsString: Bool = true) {
      self.key = key
      self.value = value
      self.keyIsString = keyIsString
    }

    /// The key as Python compares dict keys: `1`, `1.0` and `True` are one key, `'1'` another.
    var pythonKey: [UInt8] {
      guard !keyIsString else { return [0] + Array(key.utf8) }
      return [1] + Array(PythonKeys.numericText(key).utf8)
    }
  }

  /// The dict's entries, or nil.
  package var entries: [Entry]? {
    if case .dict(let entries) = self { return entries }
    return nil
  }

  /// True for lists and dicts.
  package var isCollection: Bool {
    switch self {
    case .list, .dict: return true
    default: return false
    }
  }

  /// Python's name of the value's type (`dict`, `list`, `str`, `NoneType`).
  package var pythonTypeName: String {
    switch self {
    case .null: return "NoneType"
    case .bool: return "bool"
    case .int: return "int"
    case .float: return "float"
    case .string: return "str"
    case .timestamp: return "date"
    case .bigInt: return "int"
    case .list: return "list"
    case .dict: return "dict"
    }
  }

  /// The value at a key of a dict (the last with that key), or nil.
  package subscript(key: String) -> DVCValue? {
    entries?.last { $0.key == key }?.value
  }

  /// Equality as Python's `==` sees it, which `dvc status` uses to compare params with
  /// `dvc.lock`: `1 == 1.0`, `True == 1`, dicts equal whatever their order.
  package func pythonEquals(_ other: DVCValue) -> Bool {
    switch (self, other) {
    case (.list(let a), .list(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.pythonEquals($1) }
    case (.dict(let a), .dict(let b)):
      // Keys and text compare by code points, as Python's do: `café` composed or not differ.
      let left = Dictionary(a.map { ($0.pythonKey, $0.value) }, uniquingKeysWith: { _, last in last })
      let right = Dictionary(b.map { ($0.pythonKey, $0.value) }, uniquingKeysWith: { _, last in last })
      guard left.count == right.count else { return false }
      return left.allSatisfy { key, value in right[key].map { value.pythonEquals($0) } ?? false }
    case (.string(let a), .string(let b)), (.timestamp(let a), .timestamp(let b)):
      return a.utf8.elementsEqual(b.utf8)
    case (.int(let a), .int(let b)):
      return a == b
    case (.bigInt(let a), .bigInt(let b)):
      return a == b
    case (.int, .bigInt), (.bigInt, .int):
      return false  // a big integer is one no `Int` holds
    default:
      if let x = numericValue, let y = other.numericValue { return x == y }
      return self == other
    }
  }

  /// The number Python compares with: bools are 0 and 1.
  private var numericValue: Double? {
    switch self {
    case .bool(let b): return b ? 1 : 0
    case .int(let i): return Double(i)
    case .bigInt(let digits): return Double(digits)
    case .float(let f): return f
    default: return nil
    }
  }
}
