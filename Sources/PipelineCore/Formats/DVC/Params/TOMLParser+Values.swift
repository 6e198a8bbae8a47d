/// Keys and values of TOML 1.0: strings in their four forms, integers, floats, booleans,
/// dates and times, arrays and inline tables.
extension TOMLParser {
  // MARK: - Keys

  /// A dotted key: its parts and where each was written.
  mutating func key() throws(DiagnosticError) -> ([String], [SourceLocation]) {
    var parts: [String] = [], locations: [SourceLocation] = []
    while true {
      locations.append(cursor.location)
      parts.append(try simpleKey())
      skipBlanks()
      guard cursor.take(".") else { return (parts, locations) }
      skipBlanks()
    }
  }

  mutating func simpleKey() throws(DiagnosticError) -> String {
    if cursor.startsWith("\"\"\"") || cursor.startsWith("'''") { throw fail("a key cannot be a multi-line string") }
    if cursor.current == UInt8(ascii: "\"") { return try basicString() }
    if cursor.current == UInt8(ascii: "'") { return try literalString() }
    let start = cursor.offset
    while let c = cursor.current, Self.isBareKeyByte(c) { cursor.advance() }
    guard cursor.offset > start else { throw fail("expected a key") }
    return cursor.text(from: start, to: cursor.offset)
  }

  static func isBareKeyByte(_ c: UInt8) -> Bool {
    (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || c == 0x5F || c == 0x2D
  }

  // MARK: - Values

  mutating func value(depth: Int) throws(DiagnosticError) -> DVCNode {
    let start = cursor.location
    var node = try bareValue(depth: depth)
    node.extent = YAMLExtent(start: start, end: cursor.location)
    return node
  }

  mutating func bareValue(depth: Int) throws(DiagnosticError) -> DVCNode {
    let location = cursor.location
    guard depth < maximumDepth else {
      throw DiagnosticError(ParamsFileProblem.tooDeep(maximumDepth).diagnostic(at: location))
    }
    guard let c = cursor.current else { throw fail("expected a value") }
    switch c {
    case UInt8(ascii: "\""):
      let text = cursor.startsWith("\"\"\"") ? try multilineBasicString() : try basicString()
      return DVCNode(.string(text), at: location)
    case UInt8(ascii: "'"):
      let text = cursor.startsWith("'''") ? try multilineLiteralString() : try literalString()
      return DVCNode(.string(text), at: location)
    case UInt8(ascii: "["):
      return try array(depth: depth, at: location)
    case UInt8(ascii: "{"):
      return try inlineTable(depth: depth, at: location)
    default:
      return DVCNode(try scalar(at: location), at: location)
    }
  }

  mutating func array(depth: Int, at location: SourceLocation) throws(DiagnosticError) -> DVCNode {
    cursor.advance()
    var items: [DVCNode] = []
    while true {
      try skipArraySpace()
      if cursor.take("]") { return DVCNode(.list(items), at: location) }
      items.append(try value(depth: depth + 1))
      try skipArraySpace()
      if cursor.take("]") { return DVCNode(.list(items), at: location) }
      guard cursor.take(",") else { throw fail("expected ',' or ']' in an array") }
    }
  }

  /// Spaces, line breaks and comments, all allowed between the items of an array (and of an
  /// inline table).
  mutating func skipArraySpace(closing: String = "]") throws(DiagnosticError) {
    while true {
      skipBlanks()
      if cursor.current == UInt8(ascii: "#") { try comment() }
      if cursor.take("\n") || cursor.take("\r\n") { continue }
      if cursor.isAtEnd { throw fail("'\(closing == "]" ? "[" : "{")' is not closed by '\(closing)'") }
      return
    }
  }

  /// An inline table; as tomlkit (and TOML 1.1) allows, it may span lines, hold comments and
  /// end with a comma.
  mutating func inlineTable(depth: Int, at location: SourceLocation) throws(DiagnosticError) -> DVCNode {
    cursor.advance()
    tables.append(Table(origin: .dotted, location: location))
    let table = tables.count - 1
    while true {
      try skipArraySpace(closing: "}")
      if cursor.take("}") { return node(table: table) }
      let (path, locations) = try key()
      skipBlanks()
      guard cursor.take("=") else { throw fail("expected '=' after a key") }
      skipBlanks()
      let item = try value(depth: depth + 1)
      try assign(path, locations, item, in: table)
      try skipArraySpace(closing: "}")
      if cursor.take("}") { return node(table: table) }
      guard cursor.take(",") else { throw fail("expected ',' or '}' in an inline table") }
    }
  }

  // MARK: - Strings

  mutating func basicString() throws(DiagnosticError) -> String {
    let start = cursor.location
    cursor.advance()
    var out = String.UnicodeScalarView()
    while true {
      guard let c = cursor.current, c != 0x0A else { throw fail("a string is not closed by '\"'", at: start) }
      if c == UInt8(ascii: "\"") {
        cursor.advance()
        return String(out)
      }
      if c == UInt8(ascii: "\\") {
        out.append(try escape())
      } else {
        try appendCharacter(to: &out, allowingNewline: false)
      }
    }
  }

  mutating func multilineBasicString() throws(DiagnosticError) -> String {
    let start = cursor.location
    cursor.advance(by: 3)
    _ = cursor.take("\n") || cursor.take("\r\n")
    var out = String.UnicodeScalarView()
    while true {
      guard let c = cursor.current else { throw fail("a string is not closed by '\"\"\"'", at: start) }
      if cursor.startsWith("\"\"\"") {
        // Up to two quotes may end the content right before the closing three.
        var extra = 0
        while extra < 2, cursor.peek(3 + extra) == UInt8(ascii: "\"") { extra += 1 }
        for _ in 0..<extra { out.append("\"") }
        cursor.advance(by: 3 + extra)
        return String(out)
      }
      if c == UInt8(ascii: "\\") {
        if try lineEndingBackslash() { continue }
        out.append(try escape())
      } else {
        try appendCharacter(to: &out, allowingNewline: true)
      }
    }
  }

  /// A `\` that ends a line: it and all whitespace and line breaks after it are dropped.
  mutating func lineEndingBackslash() throws(DiagnosticError) -> Bool {
    var probe = cursor
    probe.advance()
    while probe.current == 0x20 || probe.current == 0x09 { probe.advance() }
    guard probe.current == 0x0A || (probe.current == 0x0D && probe.peek() == 0x0A) else { return false }
    while let c = probe.current, c == 0x20 || c == 0x09 || c == 0x0A || (c == 0x0D && probe.peek() == 0x0A) {
      probe.advance()
    }
    cursor = probe
    return true
  }

  mutating func literalString() throws(DiagnosticError) -> String {
    let start = cursor.location
    cursor.advance()
    var out = String.UnicodeScalarView()
    while true {
      guard let c = cursor.current, c != 0x0A else { throw fail("a string is not closed by \"'\"", at: start) }
      if c == UInt8(ascii: "'") {
        cursor.advance()
        return String(out)
      }
      try appendCharacter(to: &out, allowingNewline: false)
    }
  }

  mutating func multilineLiteralString() throws(DiagnosticError) -> String {
    let start = cursor.location
    cursor.advance(by: 3)
    _ = cursor.take("\n") || cursor.take("\r\n")
    var out = String.UnicodeScalarView()
    while true {
      guard cursor.current != nil else { throw fail("a string is not closed by \"'''\"", at: start) }
      if cursor.startsWith("'''") {
        var extra = 0
        while extra < 2, cursor.peek(3 + extra) == UInt8(ascii: "'") { extra += 1 }
        for _ in 0..<extra { out.append("'") }
        cursor.advance(by: 3 + extra)
        return String(out)
      }
      try appendCharacter(to: &out, allowingNewline: true)
    }
  }

  /// Appends the character at the cursor, refusing control characters other than tab (and
  /// line breaks in multi-line strings).
  mutating func appendCharacter(to out: inout String.UnicodeScalarView, allowingNewline: Bool) throws(DiagnosticError) {
    guard let c = cursor.current else { return }
    if allowingNewline, c == 0x0A || (c == 0x0D && cursor.peek() == 0x0A) {
      if c == 0x0D { out.append("\r"); cursor.advance() }
      out.append("\n")
      cursor.advance()
      return
    }
    if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("a control character must be escaped in a string") }
    let start = cursor.offset
    cursor.advance()
    while let next = cursor.current, next & 0xC0 == 0x80 { cursor.advance() }
    out.append(contentsOf: cursor.text(from: start, to: cursor.offset).unicodeScalars)
  }

  mutating func escape() throws(DiagnosticError) -> Unicode.Scalar {
    let location = cursor.location
    cursor.advance()
    guard let c = cursor.current else { throw fail("a string is not closed", at: location) }
    cursor.advance()
    switch c {
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "e"): return "\u{1B}"
    case UInt8(ascii: "u"), UInt8(ascii: "U"), UInt8(ascii: "x"):
      let count = c == UInt8(ascii: "x") ? 2 : c == UInt8(ascii: "u") ? 4 : 8
      var value: UInt32 = 0
      for _ in 0..<count {
        guard let d = cursor.current, let digit = Self.hexDigit(d) else {
          throw fail("expected \(count) hex digits", at: location)
        }
        value = value &* 16 &+ digit
        cursor.advance()
      }
      guard let scalar = Unicode.Scalar(value) else {
        throw fail("\\\(Character(Unicode.Scalar(c))) escape is not a Unicode scalar value", at: location)
      }
      return scalar
    default:
      throw fail("unknown escape '\\\(Character(Unicode.Scalar(c)))'", at: location)
    }
  }

  static func hexDigit(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: return UInt32(c - 0x30)
    case 0x61...0x66: return UInt32(c - 0x61 + 10)
    case 0x41...0x46: return UInt32(c - 0x41 + 10)
    default: return nil
    }
  }
}
