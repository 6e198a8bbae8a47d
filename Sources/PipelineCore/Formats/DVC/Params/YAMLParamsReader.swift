/// Reads YAML text (a params file, a vars file, `dvc.yaml`, `dvc.lock`) into `DVCNode`s typed
/// as DVC's ruamel.yaml loader types them (`YAMLScalarResolver`, and explicit tags in
/// `YAMLParamsReader+Tags`), with merge keys (`<<`) applied and duplicate keys refused, as DVC
/// refuses them.
package struct YAMLParamsReader: Sendable {
  package init() {}

  /// Parses `text` read from `file`; an empty document is an empty mapping, as in DVC.
  package func read(_ text: String, file: String) throws(DiagnosticError) -> DVCNode {
    let root = try YAMLReader().read(text, file: file)
    if let tab = YAMLTabs.firstRefused(in: text, file: file) {
      throw DiagnosticError(ParamsFileProblem.tab.diagnostic(at: tab))
    }
    if let second = Self.secondDocument(in: text, file: file) {
      throw DiagnosticError(ParamsFileProblem.severalDocuments.diagnostic(at: second))
    }
    var diagnostics: [Diagnostic] = []
    let node = convert(root, diagnostics: &diagnostics)
    if !diagnostics.isEmpty { throw DiagnosticError(diagnostics) }
    if case .null = node.kind { return DVCNode(.dict([]), at: node.location) }
    return node
  }

  /// Converts one node; problems are collected, and the node becomes null in their place.
  func convert(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> DVCNode {
    let tag = YAMLTag(node.tag)
    switch (node.kind, tag) {
    case (.scalar(let text, let quoted), .none(let nonSpecific)):
      if quoted, !nonSpecific { return DVCNode(.string(text), at: node.location, extent: node.extent) }
      return DVCNode(scalar(text, at: node.location, diagnostics: &diagnostics), at: node.location, extent: node.extent)
    case (.sequence(let items), .none), (.sequence(let items), .seq):
      let converted = items.map { convert($0, diagnostics: &diagnostics) }
      return DVCNode(.list(converted), at: node.location, extent: node.extent)
    case (.mapping(let pairs), .none), (.mapping(let pairs), .map):
      let entries = mapping(pairs, diagnostics: &diagnostics)
      return DVCNode(.dict(entries), at: node.location, extent: node.extent)
    default:
      return tagged(node, tag, diagnostics: &diagnostics)
    }
  }

  private func scalar(_ text: String, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> DVCNode.Kind {
    switch YAMLScalarResolver.resolve(text) {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .int(let i): return .int(i)
    case .float(let f): return .float(f)
    case .timestamp: return .timestamp(text)
    case .string: return .string(text)
    case .bigInt(let digits?): return .bigInt(digits)
    case .bigInt(nil):
      diagnostics.append(ParamsFileProblem.integerOutOfRange(text).diagnostic(at: location))
      return .null
    case .malformed:
      diagnostics.append(ParamsFileProblem.malformedNumber(text).diagnostic(at: location))
      return .null
    }
  }

  private func mapping(_ pairs: [YAMLNode.Pair], diagnostics: inout [Diagnostic]) -> [DVCNode.Entry] {
    var own: [DVCNode.Entry] = []
    own.reserveCapacity(pairs.count)
    var merged: [DVCNode.Entry] = []
    var seen = SeenKeys()
    for pair in pairs {
      if YAMLTag.isMergeKey(pair.key) {
        merged += mergeEntries(pair.value, diagnostics: &diagnostics)
        continue
      }
      guard let entry = entry(pair, diagnostics: &diagnostics) else { continue }
      if let first = seen.add(KeyIdentity(entry), at: entry.keyLocation) {
        diagnostics.append(ParamsFileProblem.duplicateKey(entry.key, first: first).diagnostic(at: entry.keyLocation))
        continue
      }
      own.append(entry)
    }
    guard !merged.isEmpty else { return own }
    // As ruamel's `flatten_mapping`: merged keys come first (the first mapping listed wins a
    // key), and a key written in the mapping itself keeps its merged position with its own value.
    var result: [DVCNode.Entry] = []
    var positions: [KeyIdentity: Int] = [:]
    for entry in merged where positions[KeyIdentity(entry)] == nil {
      positions[KeyIdentity(entry)] = result.count
      result.append(entry)
    }
    for entry in own {
      if let at = positions[KeyIdentity(entry)] {
        result[at] = entry
      } else {
        result.append(entry)
      }
    }
    return result
  }

  func entry(_ pair: YAMLNode.Pair, diagnostics: inout [Diagnostic]) -> DVCNode.Entry? {
    let key = convert(pair.key, diagnostics: &diagnostics)
    let value = convert(pair.value, diagnostics: &diagnostics)
    switch key.kind {
    case .string(let text):
      return DVCNode.Entry(key: text, keyLocation: key.location, value: value)
    case .list, .dict:
      diagnostics.append(Diagnostic("a mapping key must be a scalar, found \(pair.key.kindName)", at: key.location))
      return nil
    default:
      return DVCNode.Entry(
        key: PythonText.str(key.value), keyIsString: false, keyLocation: key.location, value: value)
    }
  }

  private func mergeEntries(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> [DVCNode.Entry] {
    let sources = node.items ?? [node]
    var out: [DVCNode.Entry] = []
    for source in sources {
      guard let pairs = source.pairs else {
        diagnostics.append(ParamsFileProblem.badMerge(found: source.kindName).diagnostic(at: source.location))
        continue
      }
      out += mapping(pairs, diagnostics: &diagnostics)
    }
    return out
  }

  /// Where a second document starts (`---` at the start of a line after content), if any.
  /// Read by bytes: every params file and `dvc.yaml` passes through here.
  static func secondDocument(in text: String, file: String) -> SourceLocation? {
    let bytes = Array(text.utf8)
    var sawContent = false
    var line = 0
    var start = 0
    while start <= bytes.count {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      defer { start = end + 1 }
      line += 1
      let raw = bytes[start..<end]
      if Self.startsDocument(raw) {
        if sawContent { return SourceLocation(file: file, line: line, column: 1) }
        let rest = Self.trimmed(raw.dropFirst(3))
        sawContent = rest.first.map { $0 != UInt8(ascii: "#") } ?? false
        continue
      }
      let content = Self.trimmed(raw)
      guard let first = content.first, first != UInt8(ascii: "#"), sawContent || first != UInt8(ascii: "%") else {
        continue
      }
      if raw.starts(with: "...".utf8) { continue }
      sawContent = true
    }
    return nil
  }

  /// `---` alone or followed by a space, tab or carriage return.
  private static func startsDocument(_ line: ArraySlice<UInt8>) -> Bool {
    guard line.starts(with: "---".utf8) else { return false }
    guard line.count > 3 else { return true }
    let next = line[line.startIndex + 3]
    return next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") || next == UInt8(ascii: "\r")
  }

  /// A line without the spaces, tabs and carriage returns around it.
  private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    func isSpace(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
    var line = line
    while let first = line.first, isSpace(first) { line.removeFirst() }
    while let last = line.last, isSpace(last) { line.removeLast() }
    return line
  }
}

/// The keys of one mapping so far, for duplicates: most mappings hold a few keys, looked
/// through in place; a table is made only for a long one.
private struct SeenKeys {
  private var keys: [(identity: KeyIdentity, location: SourceLocation)] = []
  private var table: [KeyIdentity: SourceLocation] = [:]
  private static let listedAtMost = 8

  /// Adds a key; where it was written first when it is already there.
  mutating func add(_ identity: KeyIdentity, at location: SourceLocation) -> SourceLocation? {
    if keys.count < Self.listedAtMost {
      if let first = keys.first(where: { $0.identity == identity }) { return first.location }
      keys.append((identity, location))
      return nil
    }
    if table.isEmpty { table = Dictionary(keys.map { ($0.identity, $0.location) }, uniquingKeysWith: { a, _ in a }) }
    if let first = table[identity] { return first }
    table[identity] = location
    return nil
  }
}

/// A mapping key as Python compares keys: `1`, `1.0` and `true` are the same key.
struct KeyIdentity: Hashable {
  var isString: Bool
  var text: String

  init(_ entry: DVCNode.Entry) {
    isString = entry.keyIsString
    switch entry.key {
    case "True": text = entry.keyIsString ? "True" : "1"
    case "False": text = entry.keyIsString ? "False" : "0"
    default:
      if !entry.keyIsString, let number = Double(entry.key), number == number.rounded(), abs(number) < 1e18 {
        text = String(Int(number))
      } else {
        text = entry.key
      }
    }
  }
}
