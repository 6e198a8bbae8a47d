/// Explicitly tagged nodes, built as ruamel.yaml's `SafeConstructor` builds them: the core
/// schema's tags type the value whatever its text (`!!str 1.50` is the text `1.50`), `!!omap`
/// is a mapping and `!!pairs` a list of pairs (Python tuples); every other tag is refused, as
/// DVC refuses the file.
extension YAMLParamsReader {
  /// Converts a node whose tag is not the plain typing of its kind; problems are collected and
  /// the node becomes null in their place.
  func tagged(_ node: YAMLNode, _ tag: YAMLTag, diagnostics: inout [Diagnostic]) -> DVCNode {
    func refuse(_ problem: ParamsFileProblem) -> DVCNode {
      diagnostics.append(problem.diagnostic(at: node.location))
      return DVCNode(.null, at: node.location, extent: node.extent)
    }
    switch tag {
    case .unknown, .merge:
      return refuse(.unknownTag(tag.name))
    case .unrepresentable(let name, let pythonType):
      return refuse(.unrepresentableTag(name, pythonType: pythonType))
    case .omap, .pairs:
      return pairs(node, tag, diagnostics: &diagnostics)
    case .seq, .map, .none:
      // Reached only when the node's kind is not the tag's (`!!seq {a: 1}`).
      return refuse(.tagNeedsNode(tag.name, expected: tag == .map ? "a mapping" : "a list", found: node.kindName))
    case .str, .int, .float, .bool, .null, .timestamp:
      guard case .scalar(let text, _) = node.kind else {
        return refuse(.tagNeedsNode(tag.name, expected: "a scalar", found: node.kindName))
      }
      switch Self.scalar(text, tag) {
      case .success(let kind): return DVCNode(kind, at: node.location, extent: node.extent)
      case .failure(let problem): return refuse(problem)
      }
    }
  }

  /// The value of a scalar with a scalar tag, or why ruamel fails on its text.
  private static func scalar(_ text: String, _ tag: YAMLTag) -> Result<DVCNode.Kind, ParamsFileProblem> {
    let kind: DVCNode.Kind?
    switch tag {
    case .str: kind = .string(text)
    case .null: kind = .null
    case .bool: kind = YAMLTaggedScalar.bool(text).map { .bool($0) }
    case .float: kind = YAMLTaggedScalar.float(text).map { .float($0) }
    case .timestamp: kind = YAMLTaggedScalar.timestamp(text).map { .timestamp($0) }
    case .int:
      switch YAMLTaggedScalar.int(text) {
      case .int(let i): kind = .int(i)
      case .bigInt(let digits?): kind = .bigInt(digits)
      case .bigInt(nil): return .failure(.integerOutOfRange(text))
      default: kind = nil
      }
    default: kind = nil
    }
    return kind.map { .success($0) } ?? .failure(.cannotConstruct(tag.name, text: text))
  }

  /// `!!omap` (an ordered mapping, its keys unique) and `!!pairs` (a list of key-value tuples):
  /// both are written as a list of one-key mappings.
  private func pairs(_ node: YAMLNode, _ tag: YAMLTag, diagnostics: inout [Diagnostic]) -> DVCNode {
    let expected = "a list of one-key mappings"
    guard let items = node.items else {
      diagnostics.append(
        ParamsFileProblem.tagNeedsNode(tag.name, expected: expected, found: node.kindName).diagnostic(at: node.location)
      )
      return DVCNode(.null, at: node.location, extent: node.extent)
    }
    var entries: [DVCNode.Entry] = []
    var tuples: [DVCNode] = []
    for item in items {
      guard let itemPairs = item.pairs, itemPairs.count == 1 else {
        let found = item.pairs.map { "a mapping of \($0.count) keys" } ?? item.kindName
        diagnostics.append(
          ParamsFileProblem.tagNeedsNode(tag.name, expected: expected, found: found).diagnostic(at: item.location))
        continue
      }
      if tag == .pairs {
        let key = convert(itemPairs[0].key, diagnostics: &diagnostics)
        let value = convert(itemPairs[0].value, diagnostics: &diagnostics)
        var tuple = DVCNode(.list([key, value]), at: item.location, extent: item.extent)
        tuple.isTuple = true
        tuples.append(tuple)
        continue
      }
      guard let entry = entry(itemPairs[0], diagnostics: &diagnostics) else { continue }
      if let first = entries.first(where: { KeyIdentity($0) == KeyIdentity(entry) }) {
        diagnostics.append(
          ParamsFileProblem.duplicateKey(entry.key, first: first.keyLocation).diagnostic(at: entry.keyLocation))
        continue
      }
      entries.append(entry)
    }
    let kind: DVCNode.Kind = tag == .omap ? .dict(entries) : .list(tuples)
    return DVCNode(kind, at: node.location, extent: node.extent)
  }
}
