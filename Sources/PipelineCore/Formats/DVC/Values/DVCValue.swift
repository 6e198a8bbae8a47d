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

  /// The same value, a float NaN the same as itself (as its text is): a `.nan` read twice from
  /// a file is one value. Python's `==`, which DVC compares params by, is `pythonEquals`.
  package static func == (a: DVCValue, b: DVCValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
    case (.string(let x), .string(let y)), (.timestamp(let x), .timestamp(let y)), (.bigInt(let x), .bigInt(let y)):
      return x == y
    case (.list(let x), .list(let y)): return x == y
    case (.dict(let x), .dict(let y)): return x == y
    default: return false
    }
  }

  package func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let x): hasher.combine(1); hasher.combine(x)
    case .int(let x): hasher.combine(2); hasher.combine(x)
    case .float(let x): hasher.combine(3); hasher.combine(x.isNaN ? Double.nan : x)  // every NaN alike
    case .string(let x): hasher.combine(4); hasher.combine(x)
    case .timestamp(let x): hasher.combine(5); hasher.combine(x)
    case .bigInt(let x): hasher.combine(6); hasher.combine(x)
    case .list(let x): hasher.combine(7); hasher.combine(x)
    case .dict(let x): hasher.combine(8); hasher.combine(x)
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

  /// True when `dvc status` finds the value unequal to itself as recorded in `dvc.lock` (see
  /// `pythonEquals`): a NaN, or, read from a file other than YAML, a value holding one.
  package func differsFromItsRecord(readFrom format: ParamsFormat) -> Bool {
    guard format == .yaml else { return holdsNaN }
    if case .float(let f) = self { return f.isNaN }
    return false
  }

  /// True when the value is, or holds, a float NaN, which Python finds unequal to itself.
  package var holdsNaN: Bool {
    switch self {
    case .float(let f): return f.isNaN
    case .list(let items): return items.contains { $0.holdsNaN }
    case .dict(let entries): return entries.contains { $0.value.holdsNaN }
    default: return false
    }
  }

  /// Equality as Python's `==` sees it, which `dvc status` uses to compare params with
  /// `dvc.lock`: `1 == 1.0`, `True == 1`, dicts equal whatever their order, `nan != nan`.
  /// Inside a list or dict Python first asks whether two items are one object: with
  /// `sameNaNObject` (both values read from YAML, whose loader gives every `.nan` as one
  /// object) a NaN item equals a NaN item.
  package func pythonEquals(_ other: DVCValue, sameNaNObject: Bool = false) -> Bool {
    func itemsEqual(_ a: DVCValue, _ b: DVCValue) -> Bool {
      if sameNaNObject, case .float(let x) = a, case .float(let y) = b, x.isNaN, y.isNaN { return true }
      return a.pythonEquals(b, sameNaNObject: sameNaNObject)
    }
    switch (self, other) {
    case (.list(let a), .list(let b)):
      return a.count == b.count && zip(a, b).allSatisfy(itemsEqual)
    case (.dict(let a), .dict(let b)):
      // Keys and text compare by code points, as Python's do: `café` composed or not differ.
      let left = Dictionary(a.map { ($0.pythonKey, $0.value) }, uniquingKeysWith: { _, last in last })
      let right = Dictionary(b.map { ($0.pythonKey, $0.value) }, uniquingKeysWith: { _, last in last })
      guard left.count == right.count else { return false }
      return left.allSatisfy { key, value in right[key].map { itemsEqual(value, $0) } ?? false }
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
