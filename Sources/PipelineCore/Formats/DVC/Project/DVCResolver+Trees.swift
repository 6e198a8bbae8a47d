/// Resolving whole values (`meta`, flags, plot properties, top-level sections): every string,
/// keys included, as DVC's `recurse` does.
extension DVCResolver {
  mutating func resolveTree(_ node: DVCNode, context: DVCContext, field: @autoclosure () -> String, key: String?)
    throws(DiagnosticError)
    -> DVCNode
  {
    // Most trees (an output's `cache: false`, a `meta` block) hold no `${`: they are kept as
    // they are, not rebuilt for each of a group's thousands of stages.
    guard Self.mayHoldTemplate(node) else { return node }
    return try resolveEveryString(node, context: context, field: field(), key: key)
  }

  /// True unless the tree surely holds no `${` (and no tuple, which resolving makes a list).
  private static func mayHoldTemplate(_ node: DVCNode) -> Bool {
    if node.isTuple { return true }
    switch node.kind {
    case .string(let text): return ByteSearch.holds(UInt8(ascii: "$"), in: text)
    case .list(let items): return items.contains(where: mayHoldTemplate)
    case .dict(let entries):
      return entries.contains {
        ($0.keyIsString && ByteSearch.holds(UInt8(ascii: "$"), in: $0.key)) || mayHoldTemplate($0.value)
      }
    default: return false
    }
  }

  private mutating func resolveEveryString(
    _ node: DVCNode, context: DVCContext, field: @autoclosure () -> String, key: String?
  )
    throws(DiagnosticError) -> DVCNode
  {
    switch node.kind {
    case .string(let text):
      if !ByteSearch.holds(UInt8(ascii: "$"), in: text) { return node }
      let resolved = try resolve(
        text, at: node.location, context: context, field: field(), key: key, keepReferences: false)
      return DVCNode(value: resolved.value, at: node.location)
    case .list(let items):
      var out: [DVCNode] = []
      for item in items { out.append(try resolveEveryString(item, context: context, field: field(), key: key)) }
      return DVCNode(.list(out), at: node.location)
    case .dict(let entries):
      var out: [DVCNode.Entry] = []
      for entry in entries {
        var resolvedEntry = entry
        if entry.keyIsString, ByteSearch.holds(UInt8(ascii: "$"), in: entry.key) {
          let name = try resolve(
            entry.key, at: entry.keyLocation, context: context, field: field(), key: key, keepReferences: false)
          resolvedEntry.key = Self.keyText(name.value)
        }
        resolvedEntry.value = try resolveEveryString(entry.value, context: context, field: field(), key: key)
        out.append(resolvedEntry)
      }
      return DVCNode(.dict(out), at: node.location)
    default:
      return node
    }
  }

  /// A resolved key as text (`to_str`).
  static func keyText(_ value: DVCValue) -> String {
    if case .bool(let b) = value { return b ? "true" : "false" }
    return PythonText.str(value)
  }
}

extension DVCNode {
  /// A located node for a value, every part placed at `location`.
  init(value: DVCValue, at location: SourceLocation) {
    switch value {
    case .null: self.init(.null, at: location)
    case .bool(let b): self.init(.bool(b), at: location)
    case .int(let i): self.init(.int(i), at: location)
    case .float(let f): self.init(.float(f), at: location)
    case .string(let s): self.init(.string(s), at: location)
    case .timestamp(let t): self.init(.timestamp(t), at: location)
    case .bigInt(let digits): self.init(.bigInt(digits), at: location)
    case .list(let items): self.init(.list(items.map { DVCNode(value: $0, at: location) }), at: location)
    case .dict(let entries):
      self.init(
        .dict(
          entries.map {
            DVCNode.Entry(key: $0.key, keyLocation: location, value: DVCNode(value: $0.value, at: location))
          }),
        at: location)
    }
  }
}
