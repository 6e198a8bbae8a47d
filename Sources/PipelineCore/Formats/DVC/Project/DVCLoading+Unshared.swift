/// Copies that share no storage with the original. Threads that read the same strings and
/// arrays count references to them on the same cache lines, and on two cores that costs more
/// than the second core gains: each worker that resolves a run of a `matrix` group reads its
/// own copy of the stage's definition and of the context. (Locations hold no storage: their
/// file is a number, `SourceFileName`.)
extension String {
  /// The same text in storage of its own (a short string is stored inline and has none).
  var unshared: String { utf8.count <= 15 ? self : String(decoding: Array(utf8), as: UTF8.self) }
}

extension DVCNode {
  var unshared: DVCNode {
    let kind: Kind
    switch self.kind {
    case .string(let text): kind = .string(text.unshared)
    case .timestamp(let text): kind = .timestamp(text.unshared)
    case .bigInt(let text): kind = .bigInt(text.unshared)
    case .list(let items): kind = .list(items.map(\.unshared))
    case .dict(let entries): kind = .dict(entries.map(\.unshared))
    case .null, .bool, .int, .float: kind = self.kind
    }
    return DVCNode(kind, at: location, extent: extent)
  }
}

extension DVCNode.Entry {
  var unshared: DVCNode.Entry {
    DVCNode.Entry(key: key.unshared, keyIsString: keyIsString, keyLocation: keyLocation, value: value.unshared)
  }
}

extension DVCValueSource {
  var unshared: DVCValueSource {
    DVCValueSource(file: file.unshared, path: ParameterKeyPath(path.segments.map(\.unshared)))
  }
}

extension DVCContext.Origin {
  var unshared: DVCContext.Origin {
    switch self {
    case .file(let source): return .file(source.unshared)
    case .local(let source, let path): return .local(source: source.unshared, path: path.map(\.unshared))
    }
  }
}

extension DVCContext.Value {
  var unshared: DVCContext.Value {
    let kind: Kind
    switch self.kind {
    case .node(let node): kind = .node(node.unshared)
    case .list(let items): kind = .list(items.map(\.unshared))
    case .merged(let keys, let children):
      var copied: [String: DVCContext.Value] = [:]
      copied.reserveCapacity(children.count)
      for (key, child) in children { copied[key.unshared] = child.unshared }
      kind = .merged(keys: keys.map(\.unshared), children: copied)
    case .combination(let keys, let values):
      kind = .combination(keys: keys.map(\.unshared), values: values.map(\.unshared))
    }
    return DVCContext.Value(kind: kind, origin: origin.unshared, isNode: isNode)
  }
}

extension DVCNode {
  /// The number of values in the node, counted up to `limit`.
  func valueCount(upTo limit: Int) -> Int {
    var count = 1
    switch kind {
    case .list(let items):
      for item in items where count < limit { count += item.valueCount(upTo: limit - count) }
    case .dict(let entries):
      for entry in entries where count < limit { count += entry.value.valueCount(upTo: limit - count) }
    default: break
    }
    return min(count, limit)
  }
}

extension DVCContext.Value {
  /// The number of values in the value, counted up to `limit`.
  func valueCount(upTo limit: Int) -> Int {
    var count = 1
    switch kind {
    case .node(let node): return node.valueCount(upTo: limit)
    case .list(let items):
      for item in items where count < limit { count += item.valueCount(upTo: limit - count) }
    case .merged(_, let children):
      for child in children.values where count < limit { count += child.valueCount(upTo: limit - count) }
    case .combination(_, let values):
      for value in values where count < limit { count += value.valueCount(upTo: limit - count) }
    }
    return min(count, limit)
  }
}

extension DVCContext {
  /// The number of values in the context (`item` and `key` included), counted up to `limit`.
  func valueCount(upTo limit: Int) -> Int {
    var count = root.valueCount(upTo: limit)
    for value in [item, key].compactMap(\.self) where count < limit {
      count += value.valueCount(upTo: limit - count)
    }
    return min(count, limit)
  }

  var unshared: DVCContext {
    var copy = self
    copy.root = root.unshared
    copy.item = item?.unshared
    copy.key = key?.unshared
    return copy
  }
}
