/// A value as DVC holds it after reading a params file or `dvc.yaml` (Python's `None`, `bool`,
/// `int`, `float`, `str`, dates, lists and dicts), with the place each part was written.
///
/// Mappings keep their order, as Python dicts do: the order decides `foreach` stage order,
/// dict unpacking in `cmd` and the order of params in DVC's messages.
package struct DVCNode: Sendable, Hashable {
  /// What the node holds.
  package indirect enum Kind: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// A YAML timestamp or a TOML date, time or datetime, kept as written: DVC's loaders
    /// return `date`/`datetime` objects, which its templating refuses and its lock file keeps.
    case timestamp(String)
    /// An integer beyond 64 bits, as Python's `str()` writes it: DVC reads integers of any
    /// length, and writes them to `dvc.lock` as they are.
    case bigInt(String)
    case list([DVCNode])
    case dict([Entry])
  }

  /// One key and value of a mapping.
  package struct Entry: Sendable, Hashable {
    /// The key as text: a string key as is, another key (YAML `1:`, `true:`) as Python's
    /// `str()` of it.
    package var key: String
    /// False for keys that are not strings in Python (YAML `1: a`): DVC's templating skips them.
    package var keyIsString: Bool
    package var keyLocation: SourceLocation
    package var value: DVCNode

    package init(key: String, keyIsString: Bool = true, keyLocation: SourceLocation, value: DVCNode) {
      self.key = key
      self.keyIsString = keyIsString
      self.keyLocation = keyLocation
      self.value = value
    }
  }

  package var kind: Kind
  package var location: SourceLocation
  /// Where the value's text starts and ends in its file (quotes and brackets included), when
  /// known: the rewriter changes exactly that text.
  package var extent: YAMLExtent?
  /// True for a list that Python holds as a tuple (a `.py` params file's `(1, 2)`, a YAML
  /// `!!pairs` item): DVC's templating refuses tuples, where its params and `dvc.lock` take
  /// them as lists.
  package var isTuple = false

  package init(_ kind: Kind, at location: SourceLocation, extent: YAMLExtent? = nil) {
    self.kind = kind
    self.location = location
    self.extent = extent
  }

  /// The mapping's entries, or nil.
  package var entries: [Entry]? {
    if case .dict(let entries) = kind { return entries }
    return nil
  }

  /// The list's items, or nil.
  package var items: [DVCNode]? {
    if case .list(let items) = kind { return items }
    return nil
  }

  /// The string, or nil for any other kind.
  package var string: String? {
    if case .string(let text) = kind { return text }
    return nil
  }

  /// The value of a string key of a mapping (the last one, as a Python dict keeps it).
  package subscript(key: String) -> DVCNode? {
    entries?.last { $0.key == key && $0.keyIsString }?.value
  }

  /// True for lists and dicts.
  package var isCollection: Bool {
    switch kind {
    case .list, .dict: return true
    default: return false
    }
  }

  /// Python's name of the value's type, as DVC's messages use it (`dict`, `list`, `str`).
  package var pythonTypeName: String {
    switch kind {
    case .null: return "NoneType"
    case .bool: return "bool"
    case .int: return "int"
    case .float: return "float"
    case .string: return "str"
    case .timestamp: return "date"
    case .bigInt: return "int"
    case .list: return isTuple ? "tuple" : "list"
    case .dict: return "dict"
    }
  }

  /// The value without locations.
  package var value: DVCValue {
    switch kind {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .int(let i): return .int(i)
    case .float(let f): return .float(f)
    case .string(let s): return .string(s)
    case .timestamp(let t): return .timestamp(t)
    case .bigInt(let digits): return .bigInt(digits)
    case .list(let items): return .list(items.map(\.value))
    case .dict(let entries):
      return .dict(entries.map { DVCValue.Entry(key: $0.key, value: $0.value.value, keyIsString: $0.keyIsString) })
    }
  }
}
