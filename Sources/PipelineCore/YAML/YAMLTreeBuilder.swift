import CYAML

/// Turns a stream of libyaml events into a tree of `YAMLNode`s, resolving aliases and
/// counting nodes so an alias bomb stops at a limit instead of exhausting memory.
struct YAMLTreeBuilder {
  /// An open collection. A struct with its own arrays (not an enum payload) so that adding
  /// a child through `stack[top]` appends in place instead of copying the collection.
  private struct Frame {
    enum Kind { case sequence, mapping }
    var kind: Kind
    var location: SourceLocation
    var anchor: String?
    var items: [YAMLNode] = []
    var pairs: [YAMLNode.Pair] = []
    var pendingKey: YAMLNode?
  }

  let file: String
  let maximumDepth: Int
  let maximumNodes: Int
  private var stack: [Frame] = []
  private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
  private var nodeCount = 0
  private(set) var result: YAMLNode?
  private var documentDone = false

  init(file: String, maximumDepth: Int, maximumNodes: Int) {
    self.file = file
    self.maximumDepth = maximumDepth
    self.maximumNodes = maximumNodes
  }

  /// Consumes one event; returns true when the first document is complete.
  mutating func consume(_ event: yaml_event_t) throws(DiagnosticError) -> Bool {
    let location = SourceLocation(
      file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
    switch event.type {
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let text = Self.string(scalar.value, length: scalar.length)
      let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE && scalar.style != YAML_ANY_SCALAR_STYLE
      try add(YAMLNode(.scalar(text, quoted: quoted), at: location), weight: 1,
              anchor: Self.optionalString(scalar.anchor))
    case YAML_SEQUENCE_START_EVENT:
      try push(location)
      stack.append(Frame(kind: .sequence, location: location, anchor: Self.optionalString(event.data.sequence_start.anchor)))
    case YAML_MAPPING_START_EVENT:
      try push(location)
      stack.append(Frame(kind: .mapping, location: location, anchor: Self.optionalString(event.data.mapping_start.anchor)))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      try pop()
    case YAML_ALIAS_EVENT:
      let name = Self.optionalString(event.data.alias.anchor) ?? ""
      guard let target = anchors[name] else {
        throw DiagnosticError(Diagnostic("unknown alias '*\(name)'", at: location))
      }
      var node = target.node
      node.location = location
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

  private mutating func pop() throws(DiagnosticError) {
    guard let frame = stack.popLast() else { return }
    let kind: YAMLNode.Kind = frame.kind == .sequence ? .sequence(frame.items) : .mapping(frame.pairs)
    try add(YAMLNode(kind, at: frame.location), weight: 1, anchor: frame.anchor, counted: false)
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
    switch stack[top].kind {
    case .sequence:
      stack[top].items.append(node)
    case .mapping:
      if let key = stack[top].pendingKey {
        stack[top].pairs.append(.init(key: key, value: node))
        stack[top].pendingKey = nil
      } else {
        stack[top].pendingKey = node
      }
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
