/// Evaluates the tokens of one assigned value as Python's `ast.literal_eval` would: numbers,
/// strings (adjacent ones joined), `True`, `False`, `None`, lists, tuples and dicts of literals.
struct PythonLiteralParser {
  enum Outcome {
    case literal(DVCNode)
    /// Not a literal (a name, a call, an f-string, arithmetic): DVC skips the statement.
    case notLiteral
    /// A literal pipeshell does not represent: a set, bytes, a complex number.
    case unsupported(String, SourceLocation)
  }

  private typealias NotLiteral = NotALiteral
  private typealias Unsupported = UnsupportedLiteral

  private let tokens: [PythonTokenizer.Token]
  private var index = 0

  init(tokens: [PythonTokenizer.Token]) {
    self.tokens = tokens
  }

  /// The whole value; a bare `1, 2` is a tuple.
  mutating func document() -> Outcome {
    do {
      let node = try sequence(closing: nil, at: tokens[0].location)
      guard index == tokens.count else { return .notLiteral }
      return .literal(node)
    } catch let error as Unsupported {
      return .unsupported(error.kind, error.location)
    } catch {
      return .notLiteral
    }
  }

  private var current: PythonTokenizer.Token? { index < tokens.count ? tokens[index] : nil }

  private mutating func take(_ op: String) -> Bool {
    guard current?.kind == .op(op) else { return false }
    index += 1
    return true
  }

  /// Items up to `closing` (or the end); one item without a comma is that item itself.
  private mutating func sequence(closing: String?, at location: SourceLocation) throws -> DVCNode {
    var items: [DVCNode] = []
    var sawComma = false
    while current != nil, closing.map({ current?.kind != .op($0) }) ?? true {
      items.append(try value())
      if take(",") { sawComma = true } else { break }
    }
    if let closing, !take(closing) { throw NotLiteral() }
    if items.count == 1, !sawComma { return items[0] }
    let end = index > 0 ? tokens[index - 1].end : location
    var tuple = DVCNode(.list(items), at: location, extent: YAMLExtent(start: location, end: end))
    tuple.isTuple = true
    return tuple
  }

  private mutating func value() throws -> DVCNode {
    guard let start = current?.location else { throw NotLiteral() }
    var node = try bareValue()
    node.extent = YAMLExtent(start: start, end: tokens[index - 1].end)
    return node
  }

  private mutating func bareValue() throws -> DVCNode {
    guard let token = current else { throw NotLiteral() }
    index += 1
    switch token.kind {
    case .number(let text):
      return DVCNode(try Self.number(text, at: token.location), at: token.location)
    case .string(let prefix, let body, let triple):
      var text = try Self.string(prefix: prefix, body: body, triple: triple, at: token.location)
      while case .string(let p, let b, let t)? = current?.kind {
        index += 1
        text += try Self.string(prefix: p, body: b, triple: t, at: token.location)
      }
      return DVCNode(.string(text), at: token.location)
    case .name("True"): return DVCNode(.bool(true), at: token.location)
    case .name("False"): return DVCNode(.bool(false), at: token.location)
    case .name("None"): return DVCNode(.null, at: token.location)
    case .name("set") where take("(") && take(")"):
      throw Unsupported(kind: "set", location: token.location)
    case .op("-"), .op("+"):
      // `ast.literal_eval` takes one sign on a number, not a sign on a sign (`--5`, `-(-5)`,
      // parentheses make no node of their own): DVC then skips the line.
      var next = index
      while next < tokens.count, tokens[next].kind == .op("(") { next += 1 }
      if next < tokens.count, tokens[next].kind == .op("-") || tokens[next].kind == .op("+") { throw NotLiteral() }
      let operand = try value()
      switch (operand.kind, token.kind == .op("-")) {
      case (.int(let i), true):
        let (negated, overflow) = 0.subtractingReportingOverflow(i)
        return DVCNode(overflow ? BigIntegerText.negated("-" + String(i.magnitude)) : .int(negated), at: token.location)
      case (.float(let f), true): return DVCNode(.float(-f), at: token.location)
      case (.bigInt(let digits), true): return DVCNode(BigIntegerText.negated(digits), at: token.location)
      case (.int, false), (.float, false), (.bigInt, false): return DVCNode(operand.kind, at: token.location)
      default: throw NotLiteral()
      }
    case .op("("):
      if take(")") {
        var empty = DVCNode(.list([]), at: token.location)
        empty.isTuple = true
        return empty
      }
      let inner = try sequence(closing: ")", at: token.location)
      return inner
    case .op("["):
      var items: [DVCNode] = []
      while !take("]") {
        items.append(try value())
        if !take(",") {
          guard take("]") else { throw NotLiteral() }
          break
        }
      }
      return DVCNode(.list(items), at: token.location)
    case .op("{"):
      return try braces(at: token.location)
    default:
      throw NotLiteral()
    }
  }

  private mutating func braces(at location: SourceLocation) throws -> DVCNode {
    var entries: [DVCNode.Entry] = []
    if take("}") { return DVCNode(.dict([]), at: location) }
    while true {
      let key = try value()
      guard take(":") else { throw Unsupported(kind: "set", location: location) }
      let item = try value()
      let entry: DVCNode.Entry
      switch key.kind {
      case .string(let text): entry = DVCNode.Entry(key: text, keyLocation: key.location, value: item)
      case .list, .dict: throw NotLiteral()
      default:
        entry = DVCNode.Entry(
          key: PythonText.str(key.value), keyIsString: false, keyLocation: key.location, value: item)
      }
      if let at = entries.firstIndex(where: { $0.key == entry.key && $0.keyIsString == entry.keyIsString }) {
        entries[at].value = item
      } else {
        entries.append(entry)
      }
      if take("}") { return DVCNode(.dict(entries), at: location) }
      guard take(",") else { throw NotLiteral() }
      if take("}") { return DVCNode(.dict(entries), at: location) }
    }
  }
}
