import CYAML

/// Turns a stream of libyaml events into a tree of `YAMLNode`s, resolving aliases and
/// counting nodes so an alias bomb stops at a limit instead of exhausting memory.
struct YAMLTreeBuilder {
  /// An open collection. Children are appended in place (`stack[i].items.append`), so a
  /// long list or mapping is built in linear time rather than copied on every item.
  private struct Frame {
    let isMapping: Bool
    let location: SourceLocation
    let anchor: String?
    let tag: String?
    var items: [YAMLNode] = []
    var pairs: [YAMLNode.Pair] = []
    var pendingKey: YAMLNode?
  }

  /// The start of the file: every location is made from it.
  private let origin: SourceLocation
  let maximumDepth: Int
  let maximumNodes: Int
  private var stack: [Frame] = []
  private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
  private var nodeCount = 0
  private(set) var result: YAMLNode?
  private var documentDone = false

  init(file: String, maximumDepth: Int, maximumNodes: Int) {
    self.origin = SourceLocation(file: file, line: 1, column: 1)
    self.maximumDepth = maximumDepth
    self.maximumNodes = maximumNodes
  }

  /// Consumes one event; returns true when the first document is complete.
  mutating func consume(_ event: yaml_event_t) throws(DiagnosticError) -> Bool {
    let location = mark(event.start_mark)
    switch event.type {
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let text = Self.string(scalar.value, length: scalar.length)
      let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE && scalar.style != YAML_ANY_SCALAR_STYLE
      let tag = Self.optionalString(scalar.tag)
      // A quoted scalar's text starts after its quote, so offsets into the text (a template's
      // `${`, a condition's token) land on the right column; a tagged one starts at its tag,
      // where a problem with the tag is shown.
      var start = location
      if tag == nil, scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
      {
        start.column += 1
      }
      var node = YAMLNode(.scalar(text, quoted: quoted), at: start, tag: tag)
      node.extent = YAMLExtent(start: location, end: mark(event.end_mark))
      try add(node, weight: 1, anchor: Self.optionalString(scalar.anchor))
    case YAML_SEQUENCE_START_EVENT:
      try push(location)
      let start = event.data.sequence_start
      stack.append(
        Frame(
          isMapping: false, location: location, anchor: Self.optionalString(start.anchor),
          tag: Self.optionalString(start.tag)))
    case YAML_MAPPING_START_EVENT:
      try push(location)
      let start = event.data.mapping_start
      stack.append(
        Frame(
          isMapping: true, location: location, anchor: Self.optionalString(start.anchor),
          tag: Self.optionalString(start.tag)))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      try pop(end: mark(event.end_mark))
    case YAML_ALIAS_EVENT:
      let name = Self.optionalString(event.data.alias.anchor) ?? ""
      guard let target = anchors[name] else {
        throw DiagnosticError(Diagnostic("unknown alias '*\(name)'", at: location))
      }
      var node = target.node
      node.location = location
      node.extent = YAMLExtent(start: location, end: mark(event.end_mark))
      try add(node, weight: target.weight, anchor: nil)
    case YAML_DOCUMENT_END_EVENT:
      documentDone = true
      return true
    case YAML_STREAM_END_EVENT:
      return true
    default:
      break
    }
    return false
  }

  private mutating func push(_ location: SourceLocation) throws(DiagnosticError) {
    if stack.count >= maximumDepth {
      throw DiagnosticError(Diagnostic("nesting deeper than \(maximumDepth) levels", at: location))
    }
  }

  private mutating func pop(end: SourceLocation) throws(DiagnosticError) {
    guard let frame = stack.popLast() else { return }
    let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
    var node = YAMLNode(kind, at: frame.location, tag: frame.tag)
    node.extent = YAMLExtent(start: frame.location, end: end)
    try add(node, weight: 1, anchor: frame.anchor, counted: false)
  }

  private func mark(_ mark: yaml_mark_t) -> SourceLocation {
    origin.moved(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
  }

  private mutating func add(
    _ node: YAMLNode, weight: Int, anchor: String?, counted: Bool = true
  ) throws(DiagnosticError) {
    nodeCount += weight
    if nodeCount > maximumNodes {
      throw DiagnosticError(
        Diagnostic("document expands to more than \(maximumNodes) nodes (alias bomb?)", at: node.location))
    }
    if let anchor { anchors[anchor] = (node, max(weight, Self.weight(of: node))) }
    guard !stack.isEmpty else {
      result = node
      return
    }
    let top = stack.count - 1
    if !stack[top].isMapping {
      stack[top].items.append(node)
    } else if let key = stack[top].pendingKey {
      stack[top].pairs.append(.init(key: key, value: node))
      stack[top].pendingKey = nil
    } else {
      stack[top].pendingKey = node
    }
  }

  private static func weight(of node: YAMLNode) -> Int {
    switch node.kind {
    case .scalar: return 1
    case .sequence(let items): return items.reduce(1) { $0 + weight(of: $1) }
    case .mapping(let pairs): return pairs.reduce(1) { $0 + weight(of: $1.key) + weight(of: $1.value) }
    }
  }

  private static func string(_ pointer: UnsafeMutablePointer<UInt8>?, length: Int) -> String {
    guard let pointer else { return "" }
    return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
  }

  private static func optionalString(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }
}
