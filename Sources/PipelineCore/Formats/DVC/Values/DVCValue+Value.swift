/// DVC's values as pipeshell's typed values and back. A date, and an integer beyond 64 bits,
/// are text to pipeshell (each keeps its kind when written back where the file had one, see
/// `init(_:shapedLike:)`); a secret
/// becomes its text (the caller knows it is secret).
extension DVCValue {
  /// The DVC value of a typed value.
  package init(_ value: Value) {
    switch value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .int(let i): self = .int(i)
    case .float(let f): self = .float(f)
    case .string(let s): self = .string(s)
    case .secret(let s): self = .string(s.revealed())
    case .list(let items): self = .list(items.map(DVCValue.init))
    case .dict(let entries): self = .dict(entries.map { Entry(key: $0.key, value: DVCValue($0.value)) })
    }
  }

  /// The DVC value of `value` as it is written over `original` (the file's value): text stays
  /// a date where the file had a date and the text reads as one, and the items of lists and
  /// dicts follow the same rule item by item.
  package init(_ value: Value, shapedLike original: DVCValue?) {
    switch (value, original) {
    // The file's own date text stays a date (a TOML local time is none of YAML's timestamps).
    case (.string(let s), .timestamp(let written)?) where s == written: self = .timestamp(s)
    case (.string(let s), .timestamp?) where YAMLScalarResolver.resolve(s) == .timestamp: self = .timestamp(s)
    case (.string(let s), .bigInt?):
      switch YAMLScalarResolver.resolve(s) {
      case .int(let i): self = .int(i)
      case .bigInt(let digits?): self = .bigInt(digits)
      default: self.init(value)
      }
    case (.list(let items), .list(let old)?):
      self = .list(items.enumerated().map { DVCValue($1, shapedLike: $0 < old.count ? old[$0] : nil) })
    case (.dict(let entries), .dict(let old)?):
      self = .dict(
        entries.map { entry in
          // A key keeps the type the file gave it (`0` stays a number).
          let previous = old.last { $0.key == entry.key }
          return Entry(
            key: entry.key, value: DVCValue(entry.value, shapedLike: previous?.value),
            keyIsString: previous?.keyIsString ?? true)
        })
    default: self.init(value)
    }
  }

  /// A dict made of values at key paths (the leaves of a section), in the order given.
  static func assembled(_ pieces: [(path: [String], value: DVCValue)]) -> DVCValue {
    var root = DVCValue.dict([])
    for piece in pieces { root.insert(piece.value, at: piece.path[...]) }
    return root
  }

  private mutating func insert(_ value: DVCValue, at path: ArraySlice<String>) {
    guard let key = path.first else {
      self = value
      return
    }
    guard case .dict(var entries) = self else { return }
    if let position = entries.lastIndex(where: { $0.key == key }) {
      entries[position].value.insert(value, at: path.dropFirst())
    } else {
      var child = path.count == 1 ? value : DVCValue.dict([])
      if path.count > 1 { child.insert(value, at: path.dropFirst()) }
      entries.append(Entry(key: key, value: child))
    }
    self = .dict(entries)
  }
}

extension Value {
  /// The typed value of a DVC value: a date becomes its text.
  package init(_ value: DVCValue) {
    switch value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .int(let i): self = .int(i)
    case .float(let f): self = .float(f)
    case .string(let s), .timestamp(let s), .bigInt(let s): self = .string(s)
    case .list(let items): self = .list(items.map(Value.init))
    case .dict(let entries): self = .dict(ValueDict(entries: entries.map { ($0.key, Value($0.value)) }))
    }
  }
}
