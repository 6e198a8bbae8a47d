/// Splits Python source into tokens grouped by logical line, enough to read a params file as
/// DVC does (`dvc/utils/serialize/_py.py`): names, numbers, strings, operators, and each
/// line's indentation. Brackets and `\` join physical lines; comments are dropped.
struct PythonTokenizer {
  enum Kind: Equatable {
    case name(String)
    case number(String)
    /// A string literal's prefix (lower-cased) and its body between the quotes.
    case string(prefix: String, body: String, triple: Bool)
    case op(String)
  }

  struct Token {
    var kind: Kind
    var location: SourceLocation
    /// Just past the token's last character.
    var end: SourceLocation

    init(kind: Kind, location: SourceLocation, end: SourceLocation? = nil) {
      self.kind = kind
      self.location = location
      self.end = end ?? location
    }
  }

  /// One logical line: its indentation (in columns) and its tokens.
  struct Line {
    var indent: Int
    var tokens: [Token]
  }

  private var cursor: TextCursor
  private let maximumDepth = 64

  init(_ text: String, file: String) {
    cursor = TextCursor(text, file: file)
  }

  private func fail(_ message: String, at location: SourceLocation? = nil) -> DiagnosticError {
    DiagnosticError(ParamsFileProblem.syntax(.python, message).diagnostic(at: location ?? cursor.location))
  }

  /// Every logical line of the file.
  mutating func lines() throws(DiagnosticError) -> [Line] {
    var lines: [Line] = []
    var tokens: [Token] = []
    var indent = 0
    var depth = 0
    var atLineStart = true
    var brackets: [(UInt8, SourceLocation)] = []
    while let c = cursor.current {
      if atLineStart {
        indent = 0
        while cursor.current == 0x20 || cursor.current == 0x09 || cursor.current == 0x0C {
          indent = cursor.current == 0x09 ? (indent / 8 + 1) * 8 : indent + 1
          cursor.advance()
        }
        atLineStart = false
        continue
      }
      switch c {
      case 0x20, 0x09, 0x0C, 0x0D:
        cursor.advance()
      case UInt8(ascii: "#"):
        while let d = cursor.current, d != 0x0A { cursor.advance() }
      case 0x0A:
        cursor.advance()
        if depth == 0 {
          if !tokens.isEmpty { lines.append(Line(indent: indent, tokens: tokens)) }
          tokens = []
          atLineStart = true
        }
      case UInt8(ascii: "\\"):
        cursor.advance()
        if cursor.current == 0x0D { cursor.advance() }
        guard cursor.take("\n") else { throw fail("unexpected character after line continuation character") }
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        guard depth <= maximumDepth else {
          throw DiagnosticError(ParamsFileProblem.tooDeep(maximumDepth).diagnostic(at: cursor.location))
        }
        brackets.append((c, cursor.location))
        let start = cursor.location
        cursor.advance()
        tokens.append(Token(kind: .op(String(UnicodeScalar(c))), location: start, end: cursor.location))
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        let expected: [UInt8: UInt8] = [0x29: 0x28, 0x5D: 0x5B, 0x7D: 0x7B]
        guard let open = brackets.popLast(), open.0 == expected[c] else {
          throw fail("unmatched '\(Character(UnicodeScalar(c)))'")
        }
        depth -= 1
        let start = cursor.location
        cursor.advance()
        tokens.append(Token(kind: .op(String(UnicodeScalar(c))), location: start, end: cursor.location))
      default:
        var token = try token()
        token.end = cursor.location
        tokens.append(token)
      }
    }
    if let open = brackets.last { throw fail("'\(Character(UnicodeScalar(open.0)))' was never closed", at: open.1) }
    if !tokens.isEmpty { lines.append(Line(indent: indent, tokens: tokens)) }
    return lines
  }

  private mutating func token() throws(DiagnosticError) -> Token {
    let location = cursor.location
    let c = cursor.current ?? 0
    if Self.isNameStart(c) {
      let start = cursor.offset
      while let d = cursor.current, Self.isNameStart(d) || (0x30...0x39).contains(d) { cursor.advance() }
      let name = cursor.text(from: start, to: cursor.offset)
      if name.count <= 2, cursor.current == UInt8(ascii: "'") || cursor.current == UInt8(ascii: "\""),
        name.lowercased().allSatisfy({ "rbuf".contains($0) })
      {
        return Token(kind: try string(prefix: name.lowercased()), location: location)
      }
      return Token(kind: .name(name), location: location)
    }
    if (0x30...0x39).contains(c)
      || (c == UInt8(ascii: ".") && (cursor.peek().map { (0x30...0x39).contains($0) } ?? false))
    {
      let start = cursor.offset
      while let d = cursor.current,
        Self.isNameStart(d) || (0x30...0x39).contains(d) || d == UInt8(ascii: ".")
          || ((d == UInt8(ascii: "+") || d == UInt8(ascii: "-"))
            && [UInt8(ascii: "e"), UInt8(ascii: "E")].contains(cursor.bytes[cursor.offset - 1])
            && !cursor.text(from: start, to: cursor.offset).lowercased().hasPrefix("0x"))
      {
        cursor.advance()
      }
      return Token(kind: .number(cursor.text(from: start, to: cursor.offset)), location: location)
    }
    if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
      return Token(kind: try string(prefix: ""), location: location)
    }
    for op in ["**=", "//=", ">>=", "<<=", "->", ":=", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/="]
    where cursor.take(op) {
      return Token(kind: .op(op), location: location)
    }
    guard c < 0x80 else {
      // Python allows many non-ASCII letters in names; treat any such character as a name.
      let start = cursor.offset
      while let d = cursor.current, d >= 0x80 || Self.isNameStart(d) || (0x30...0x39).contains(d) { cursor.advance() }
      return Token(kind: .name(cursor.text(from: start, to: cursor.offset)), location: location)
    }
    cursor.advance()
    return Token(kind: .op(String(UnicodeScalar(c))), location: location)
  }

  private mutating func string(prefix: String) throws(DiagnosticError) -> Kind {
    let start = cursor.location
    let quote = cursor.current ?? 0
    let tripleText = String(repeating: String(UnicodeScalar(quote)), count: 3)
    let triple = cursor.take(tripleText)
    if !triple { cursor.advance() }
    let bodyStart = cursor.offset
    while true {
      guard let c = cursor.current else { throw fail("unterminated string literal", at: start) }
      if c == UInt8(ascii: "\\") {
        cursor.advance(by: 2)
        continue
      }
      if c == 0x0A, !triple { throw fail("unterminated string literal", at: start) }
      if triple ? cursor.startsWith(tripleText) : c == quote {
        let body = cursor.text(from: bodyStart, to: cursor.offset)
        cursor.advance(by: triple ? 3 : 1)
        return .string(prefix: prefix, body: body, triple: triple)
      }
      cursor.advance()
    }
  }

  private static func isNameStart(_ c: UInt8) -> Bool {
    (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == UInt8(ascii: "_")
  }
}
