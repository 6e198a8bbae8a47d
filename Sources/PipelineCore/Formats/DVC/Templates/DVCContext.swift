/// DVC's templating context (`dvc/parsing/context.py`): the values `${...}` can read, merged
/// from `params.yaml`, `vars` files and inline `vars` (and `item`/`key` while a `foreach` or
/// `matrix` stage is expanded), each remembering where it came from.
struct DVCContext {
  /// Where a value of the context came from.
  enum Origin: Hashable {
    /// A params file (or `vars` file): DVC tracks these values; pipeshell keeps references.
    case file(DVCValueSource)
    /// Inline `vars`, `item` or `key`: DVC calls these local; pipeshell substitutes them.
    /// `source` names it in messages (`vars[0]`, `train.vars[1]`).
    case local(source: String, path: [String])

    /// The origin of a part of this value.
    func appending(_ segment: String) -> Origin {
      switch self {
      case .file(let s): return .file(DVCValueSource(file: s.file, path: s.path.appending(segment)))
      case .local(let source, var path):
        path.append(segment)
        return .local(source: source, path: path)
      }
    }

    /// The file or vars entry, as DVC's messages name it.
    var sourceName: String {
      switch self {
      case .file(let s): return s.file
      case .local(let source, _): return source
      }
    }

    /// The key path, dotted, as DVC's messages write it.
    var pathText: String {
      switch self {
      case .file(let s): return s.path.segments.joined(separator: ".")
      case .local(_, let path): return path.joined(separator: ".")
      }
    }
  }

  /// A value of the context.
  struct Value {
    enum Kind {
      /// A mapping built by merging several sources (the root, and mappings merged into).
      case merged(keys: [String], children: [String: Value])
      /// A value as read from one source.
      case node(DVCNode)
      /// A list built while resolving `foreach`/`matrix` data, whose items came from several
      /// places (`foreach: [${a}, b]`).
      case list([Value])
      /// One combination of a `matrix` (its `item`): a value for each of its few keys, looked up
      /// in place rather than in a table made and hashed for each of thousands of stages.
      case combination(keys: [String], values: [Value])
    }

    /// The kind and origin behind one reference: a value is copied at each step of every
    /// selection of a `matrix` of thousands of stages, and copying the two retained each of
    /// their parts (a node's text and location, a file name, a key path) one by one.
    private final class Storage: Sendable {
      let kind: Kind
      let origin: Origin

      init(kind: Kind, origin: Origin) {
        self.kind = kind
        self.origin = origin
      }
    }

    private var storage: Storage
    /// True for values reached by a reference or inside a referenced container: DVC then holds
    /// its own `Node` objects, whose text is Python's `str()` (`True`, not `true`) in names.
    var isNode: Bool

    var kind: Kind {
      get { storage.kind }
      set { storage = Storage(kind: newValue, origin: storage.origin) }
    }

    var origin: Origin {
      get { storage.origin }
      set { storage = Storage(kind: storage.kind, origin: newValue) }
    }

    init(kind: Kind, origin: Origin, isNode: Bool) {
      storage = Storage(kind: kind, origin: origin)
      self.isNode = isNode
    }

    /// The value as a plain value (keys that are not strings dropped, as DVC's context drops them).
    var plain: DVCValue {
      switch kind {
      case .merged(let keys, let children):
        return .dict(keys.compactMap { key in children[key].map { DVCValue.Entry(key: key, value: $0.plain) } })
      case .node(let node): return Self.plain(node)
      case .list(let items): return .list(items.map(\.plain))
      case .combination(let keys, let values):
        return .dict(zip(keys, values).map { DVCValue.Entry(key: $0, value: $1.plain) })
      }
    }

    /// The text of a string value, without making the value plain (nil for anything else).
    var plainString: String? {
      guard case .node(let node) = kind, case .string(let text) = node.kind else { return nil }
      return text
    }

    static func plain(_ node: DVCNode) -> DVCValue {
      switch node.kind {
      case .list(let items): return .list(items.map(plain))
      case .dict(let entries):
        return .dict(entries.filter(\.keyIsString).map { DVCValue.Entry(key: $0.key, value: plain($0.value)) })
      default: return node.value
      }
    }

    /// True for mappings.
    var isMapping: Bool {
      switch kind {
      case .merged, .combination: return true
      case .node(let node): return node.entries != nil
      case .list: return false
      }
    }

    /// True for lists (DVC's `is_map_or_seq` is true for mappings and lists).
    var isList: Bool {
      switch kind {
      case .merged, .combination: return false
      case .node(let node): return node.items != nil
      case .list: return true
      }
    }

    /// The items of a list, each with its origin.
    var listItems: [Value] {
      switch kind {
      case .list(let items): return items
      case .node(let node):
        return (node.items ?? []).enumerated().map {
          Value(kind: .node($1), origin: origin.appending(String($0)), isNode: isNode)
        }
      case .merged, .combination: return []
      }
    }

    /// The child at a key or list index, as DVC's `Container.select` finds it: a mapping by key,
    /// a list by Python's `int()` of the segment (negative indexes count from the end).
    func child(_ segment: String) -> Value? {
      switch kind {
      case .merged(_, let children):
        return children[segment]
      case .combination(let keys, let values):
        return keys.lastIndex(of: segment).map { values[$0] }
      case .list(let items):
        guard let index = Self.pythonInt(segment) else { return nil }
        let position = index < 0 ? items.count + index : index
        return (0..<items.count).contains(position) ? items[position] : nil
      case .node(let node):
        switch node.kind {
        case .dict(let entries):
          guard let entry = entries.last(where: { $0.keyIsString && $0.key == segment }) else { return nil }
          return Value(kind: .node(entry.value), origin: childOrigin(segment), isNode: isNode)
        case .list(let items):
          guard let index = Self.pythonInt(segment) else { return nil }
          let position = index < 0 ? items.count + index : index
          guard (0..<items.count).contains(position) else { return nil }
          return Value(kind: .node(items[position]), origin: childOrigin(String(position)), isNode: isNode)
        default:
          return nil
        }
      }
    }

    /// A child's origin: a file value's key path grows (references name it); a local value's
    /// does not need to (only merges, which use `mappingChildren`, report it).
    private func childOrigin(_ segment: String) -> Origin {
      if case .file = origin { return origin.appending(segment) }
      return origin
    }

    /// The children of a mapping as (key, value), in order.
    var mappingChildren: [(String, Value)] {
      switch kind {
      case .merged(let keys, let children): return keys.compactMap { k in children[k].map { (k, $0) } }
      case .combination(let keys, let values): return Array(zip(keys, values))
      case .list: return []
      case .node(let node):
        return (node.entries ?? []).filter(\.keyIsString).map {
          ($0.key, Value(kind: .node($0.value), origin: origin.appending($0.key), isNode: isNode))
        }
      }
    }

    /// Python's `int()` of a stripped segment: a sign, then digits with single `_` between them.
    static func pythonInt(_ text: String) -> Int? {
      var body = Substring(text)
      var negative = false
      if let sign = body.first, sign == "-" || sign == "+" {
        negative = sign == "-"
        body = body.dropFirst()
      }
      guard TOMLParser.digitsWithUnderscores(Array(body.utf8), TOMLParser.isDecimal),
        let value = Int(body.filter { $0 != "_" })
      else { return nil }
      return negative ? -value : value
    }
  }

  var root = Value(kind: .merged(keys: [], children: [:]), origin: .local(source: "", path: []), isNode: false)
  /// Files loaded so far: nil for a whole file, or the keys taken from it (`file:a,b`).
  var imports: [String: [String]?] = [:]
  /// `item` and `key` while a generated stage is expanded (DVC's `set_temporarily`): they hide
  /// top-level values of the same name, and `vars` may not define them.
  var item: Value?
  var key: Value?

  /// Keys that a `vars` entry may not define.
  var reserved: Set<String> {
    var keys = Set<String>()
    if item != nil { keys.insert("item") }
    if key != nil { keys.insert("key") }
    return keys
  }

  /// The value at a key path, or nil.
  func select(_ segments: [String]) -> Value? {
    guard let first = segments.first else { return root }
    var current: Value
    if first == "item", let item {
      current = item
    } else if first == "key", let key {
      current = key
    } else {
      guard let top = root.child(first) else { return nil }
      current = top
    }
    for segment in segments.dropFirst() {
      guard let next = current.child(segment) else { return nil }
      current = next
    }
    return current
  }

  /// True when the top level holds `key`.
  func contains(_ name: String) -> Bool { select([name]) != nil }
}
