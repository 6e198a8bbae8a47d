/// Reads JSON text as Python's `json.loads` does, which is how DVC reads `.json` params files:
/// `NaN`, `Infinity` and `-Infinity` are numbers, a number with a fraction or an exponent is a
/// float, a repeated key keeps its first place with its last value, control characters inside
/// strings are refused. Every value keeps its line and column.
///
/// Written here because no Debian JSON library reports where each value was written.
package struct JSONParamsReader: Sendable {
  package var maximumDepth = 128
  package var maximumBytes = 64 << 20
  /// DVC's rule for params files (`json.loads(text) or {}`); files that are not params files
  /// (a `.dir` manifest, DVC's lock table) turn it off to see what the document really is.
  package var falsyDocumentIsEmptyMapping = true

  package init() {}

  /// Parses `text` read from `file`; a false-ish document (`{}`, `[]`, `0`, `""`, `null`) is an
  /// empty mapping, as DVC's `json.loads(text) or {}` makes it (unless turned off).
  package func read(_ text: String, file: String) throws(DiagnosticError) -> DVCNode {
    var cursor = TextCursor(text, file: file)
    if cursor.bytes.count > maximumBytes {
      throw DiagnosticError(ParamsFileProblem.tooLarge(maximumBytes).diagnostic(at: cursor.location))
    }
    var parser = Parser(cursor: cursor, maximumDepth: maximumDepth)
    let node = try parser.document()
    cursor = parser.cursor
    if falsyDocumentIsEmptyMapping, Self.isFalsy(node) { return DVCNode(.dict([]), at: node.location) }
    return node
  }

  private static func isFalsy(_ node: DVCNode) -> Bool {
    switch node.kind {
    case .null: return true
    case .bool(let b): return !b
    case .int(let i): return i == 0
    case .float(let f): return f == 0
    case .string(let s): return s.isEmpty
    case .list(let items): return items.isEmpty
    case .dict(let entries): return entries.isEmpty
    case .timestamp, .bigInt: return false
    }
  }

  private struct Parser {
    var cursor: TextCursor
    let maximumDepth: Int
    var depth = 0

    func fail(_ message: String, at location: SourceLocation? = nil) -> DiagnosticError {
      DiagnosticError(ParamsFileProblem.syntax(.json, message).diagnostic(at: location ?? cursor.location))
    }

    mutating func document() throws(DiagnosticError) -> DVCNode {
      skipSpace()
      let node = try value()
      skipSpace()
      if !cursor.isAtEnd { throw fail("Extra data") }
      return node
    }

    mutating func skipSpace() {
      while let c = cursor.current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { cursor.advance() }
    }

    mutating func value() throws(DiagnosticError) -> DVCNode {
      let start = cursor.location
      var node = try bareValue()
      node.extent = YAMLExtent(start: start, end: cursor.location)
      return node
    }

    mutating func bareValue() throws(DiagnosticError) -> DVCNode {
      let location = cursor.location
      guard let c = cursor.current else { throw fail("Expecting value") }
      switch c {
      case UInt8(ascii: "{"): return try nested { (p) throws(DiagnosticError) in try p.object(at: location) }
      case UInt8(ascii: "["): return try nested { (p) throws(DiagnosticError) in try p.array(at: location) }
      case UInt8(ascii: "\""): return DVCNode(.string(try string()), at: location)
      default: break
      }
      for (word, kind) in [
        ("true", DVCNode.Kind.bool(true)), ("false", .bool(false)), ("null", .null),
        ("NaN", .float(.nan)), ("Infinity", .float(.infinity)), ("-Infinity", .float(-.infinity)),
      ]
      where cursor.take(word) {
        return DVCNode(kind, at: location)
      }
      guard let kind = try number() else { throw fail("Expecting value") }
      return DVCNode(kind, at: location)
    }

    mutating func nested(_ body: (inout Parser) throws(DiagnosticError) -> DVCNode) throws(DiagnosticError) -> DVCNode {
      depth += 1
      defer { depth -= 1 }
      if depth > maximumDepth {
        throw DiagnosticError(ParamsFileProblem.tooDeep(maximumDepth).diagnostic(at: cursor.location))
      }
      return try body(&self)
    }

    mutating func object(at location: SourceLocation) throws(DiagnosticError) -> DVCNode {
      cursor.advance()
      var entries: [DVCNode.Entry] = []
      var positions: [String: Int] = [:]
      skipSpace()
      if cursor.take("}") { return DVCNode(.dict([]), at: location) }
      while true {
        skipSpace()
        guard cursor.current == UInt8(ascii: "\"") else {
          throw fail("Expecting property name enclosed in double quotes")
        }
        let keyLocation = cursor.location
        let key = try string()
        skipSpace()
        guard cursor.take(":") else { throw fail("Expecting ':' delimiter") }
        skipSpace()
        let item = try value()
        if let at = positions[key] {
          entries[at].value = item
          entries[at].keyLocation = keyLocation
        } else {
          positions[key] = entries.count
          entries.append(DVCNode.Entry(key: key, keyLocation: keyLocation, value: item))
        }
        skipSpace()
        if cursor.take("}") { return DVCNode(.dict(entries), at: location) }
        guard cursor.take(",") else { throw fail("Expecting ',' delimiter") }
      }
    }

    mutating func array(at location: SourceLocation) throws(DiagnosticError) -> DVCNode {
      cursor.advance()
      var items: [DVCNode] = []
      skipSpace()
      if cursor.take("]") { return DVCNode(.list([]), at: location) }
      while true {
        skipSpace()
        items.append(try value())
        skipSpace()
        if cursor.take("]") { return DVCNode(.list(items), at: location) }
        guard cursor.take(",") else { throw fail("Expecting ',' delimiter") }
      }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, as Python's `NUMBER_RE`.
    mutating func number() throws(DiagnosticError) -> DVCNode.Kind? {
      let start = cursor.offset
      let location = cursor.location
      var probe = cursor
      func digits(_ p: inout TextCursor) -> Int {
        var n = 0
        while let c = p.current, (0x30...0x39).contains(c) {
          p.advance()
          n += 1
        }
        return n
      }
      _ = probe.take("-")
      if probe.take("0") {
      } else if digits(&probe) == 0 {
        return nil
      }
      var isFloat = false
      var fraction = probe
      if fraction.take("."), digits(&fraction) > 0 {
        probe = fraction
        isFloat = true
      }
      var exponent = probe
      if exponent.take("e") || exponent.take("E") {
        _ = exponent.take("-") || exponent.take("+")
        if digits(&exponent) > 0 {
          probe = exponent
          isFloat = true
        }
      }
      let text = probe.text(from: start, to: probe.offset)
      cursor = probe
      if isFloat {
        guard let value = Double(text) else { throw fail("Expecting value", at: location) }
        return .float(value)
      }
      let negative = text.hasPrefix("-")
      guard let kind = BigIntegerText.kind(negative ? text.dropFirst() : Substring(text), radix: 10, negative: negative)
      else {
        throw DiagnosticError(ParamsFileProblem.integerOutOfRange(text).diagnostic(at: location))
      }
      return kind
    }

    mutating func string() throws(DiagnosticError) -> String {
      let start = cursor.location
      cursor.advance()
      var scalars = String.UnicodeScalarView()
      var chunkStart = cursor.offset
      func flush(_ c: TextCursor) {
        scalars.append(contentsOf: c.text(from: chunkStart, to: c.offset).unicodeScalars)
      }
      while true {
        guard let c = cursor.current else { throw fail("Unterminated string starting at", at: start) }
        if c == UInt8(ascii: "\"") {
          flush(cursor)
          cursor.advance()
          return String(scalars)
        }
        if c < 0x20 { throw fail("Invalid control character at") }
        if c != UInt8(ascii: "\\") {
          cursor.advance()
          continue
        }
        flush(cursor)
        scalars.append(try escape())
        chunkStart = cursor.offset
      }
    }

    mutating func escape() throws(DiagnosticError) -> Unicode.Scalar {
      let location = cursor.location
      cursor.advance()
      guard let c = cursor.current else { throw fail("Unterminated string starting at", at: location) }
      cursor.advance()
      switch c {
      case UInt8(ascii: "\""): return "\""
      case UInt8(ascii: "\\"): return "\\"
      case UInt8(ascii: "/"): return "/"
      case UInt8(ascii: "b"): return "\u{08}"
      case UInt8(ascii: "f"): return "\u{0C}"
      case UInt8(ascii: "n"): return "\n"
      case UInt8(ascii: "r"): return "\r"
      case UInt8(ascii: "t"): return "\t"
      case UInt8(ascii: "u"):
        let high = try hex4(at: location)
        if (0xD800...0xDBFF).contains(high), cursor.startsWith("\\u") {
          var probe = self
          probe.cursor.advance(by: 2)
          let low = try probe.hex4(at: location)
          if (0xDC00...0xDFFF).contains(low) {
            self = probe
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
          }
        }
        guard let scalar = Unicode.Scalar(high) else {
          throw fail("a lone surrogate \\u\(String(high, radix: 16)) is not text", at: location)
        }
        return scalar
      default:
        throw fail("Invalid \\escape", at: location)
      }
    }

    mutating func hex4(at location: SourceLocation) throws(DiagnosticError) -> UInt32 {
      var value: UInt32 = 0
      for _ in 0..<4 {
        guard let c = cursor.current, let digit = Self.hexValue(c) else {
          throw fail("Invalid \\uXXXX escape", at: location)
        }
        value = value * 16 + digit
        cursor.advance()
      }
      return value
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
      switch c {
      case 0x30...0x39: return UInt32(c - 0x30)
      case 0x61...0x66: return UInt32(c - 0x61 + 10)
      case 0x41...0x46: return UInt32(c - 0x41 + 10)
      default: return nil
      }
    }
  }
}
