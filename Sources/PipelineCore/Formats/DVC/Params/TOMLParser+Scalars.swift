/// TOML's unquoted values: booleans, integers (decimal, `0x`, `0o`, `0b`), floats (with
/// `inf` and `nan`), and offset or local dates, times and datetimes.
extension TOMLParser {
  mutating func scalar(at location: SourceLocation) throws(DiagnosticError) -> DVCNode.Kind {
    let token = bareToken()
    guard !token.isEmpty else { throw fail("expected a value") }
    switch token {
    case "true": return .bool(true)
    case "false": return .bool(false)
    case "inf", "+inf": return .float(.infinity)
    case "-inf": return .float(-.infinity)
    case "nan", "+nan", "-nan": return .float(.nan)
    default: break
    }
    if Self.isDateOrTime(token) { return .timestamp(token) }
    let bytes = Array(token.utf8)
    if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), let radix = Self.radix(bytes[1]) {
      return try prefixedInteger(token, radix: radix, at: location)
    }
    if Self.isDecimalInteger(bytes) {
      var digits = Substring(token.filter { $0 != "_" })
      let negative = digits.first == "-"
      if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
      guard let kind = BigIntegerText.kind(digits, radix: 10, negative: negative) else {
        throw DiagnosticError(ParamsFileProblem.integerOutOfRange(token).diagnostic(at: location))
      }
      return kind
    }
    if Self.isFloat(bytes), let value = Double(token.filter { $0 != "_" }) { return .float(value) }
    throw fail("'\(token)' is not a TOML value", at: location)
  }

  /// The unquoted text up to a delimiter; a date followed by a space and a time is one value.
  mutating func bareToken() -> String {
    let start = cursor.offset
    func isDelimiter(_ c: UInt8) -> Bool {
      c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ",") || c == UInt8(ascii: "]")
        || c == UInt8(ascii: "}") || c == UInt8(ascii: "#")
    }
    while let c = cursor.current, !isDelimiter(c) { cursor.advance() }
    let date = cursor.text(from: start, to: cursor.offset)
    if Self.isFullDate(date), cursor.current == 0x20, let d1 = cursor.peek(1), let d2 = cursor.peek(2),
      (0x30...0x39).contains(d1), (0x30...0x39).contains(d2), cursor.peek(3) == UInt8(ascii: ":")
    {
      cursor.advance()
      while let c = cursor.current, !isDelimiter(c) { cursor.advance() }
    }
    return cursor.text(from: start, to: cursor.offset)
  }

  static func radix(_ c: UInt8) -> Int? {
    switch c {
    case UInt8(ascii: "x"): return 16
    case UInt8(ascii: "o"): return 8
    case UInt8(ascii: "b"): return 2
    default: return nil
    }
  }

  mutating func prefixedInteger(_ token: String, radix: Int, at location: SourceLocation) throws(DiagnosticError)
    -> DVCNode.Kind
  {
    let digits = Array(token.utf8.dropFirst(2))
    guard Self.digitsWithUnderscores(digits, { Self.hexDigit($0).map { Int($0) < radix } ?? false }) else {
      throw fail("'\(token)' is not a TOML integer", at: location)
    }
    let plain = String(decoding: digits.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
    guard let kind = BigIntegerText.kind(plain, radix: radix, negative: false) else {
      throw DiagnosticError(ParamsFileProblem.integerOutOfRange(token).diagnostic(at: location))
    }
    return kind
  }

  /// Digits where each `_` stands between two digits.
  static func digitsWithUnderscores(_ bytes: some Collection<UInt8>, _ isDigit: (UInt8) -> Bool) -> Bool {
    var previousWasDigit = false
    for byte in bytes {
      if byte == UInt8(ascii: "_") {
        guard previousWasDigit else { return false }
        previousWasDigit = false
      } else {
        guard isDigit(byte) else { return false }
        previousWasDigit = true
      }
    }
    return previousWasDigit
  }

  static func isDecimal(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }

  /// `[+-]?(0|[1-9](_?[0-9])*)`
  static func isDecimalInteger(_ bytes: [UInt8]) -> Bool {
    var body = bytes[...]
    if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { body = body.dropFirst() }
    guard let first = body.first else { return false }
    if first == UInt8(ascii: "0") { return body.count == 1 }
    return digitsWithUnderscores(body, isDecimal)
  }

  /// An integer part, then a fraction, an exponent or both.
  static func isFloat(_ bytes: [UInt8]) -> Bool {
    let exponentAt = bytes.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    let mantissa = Array(bytes[..<(exponentAt ?? bytes.count)])
    let dot = mantissa.firstIndex(of: UInt8(ascii: "."))
    guard isDecimalInteger(Array(mantissa[..<(dot ?? mantissa.count)])) else { return false }
    if let dot, !digitsWithUnderscores(mantissa[(dot + 1)...], isDecimal) { return false }
    if let exponentAt {
      var exponent = bytes[(exponentAt + 1)...]
      if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        exponent = exponent.dropFirst()
      }
      guard digitsWithUnderscores(exponent, isDecimal) else { return false }
    }
    return dot != nil || exponentAt != nil
  }

  // MARK: - Dates and times

  static func isFullDate(_ text: String) -> Bool {
    let b = Array(text.utf8)
    guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
    guard [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ isDecimal(b[$0]) }) else { return false }
    let month = number(b[5...6]), day = number(b[8...9])
    return (1...12).contains(month) && (1...31).contains(day)
  }

  /// `HH:MM(:SS(.fraction)?)?` (tomlkit, like TOML 1.1, allows leaving the seconds out).
  static func isPartialTime(_ b: ArraySlice<UInt8>) -> Bool {
    let b = Array(b)
    guard b.count >= 5, b[2] == UInt8(ascii: ":"), [0, 1, 3, 4].allSatisfy({ isDecimal(b[$0]) }) else { return false }
    guard number(b[0...1]) <= 23, number(b[3...4]) <= 59 else { return false }
    if b.count == 5 { return true }
    guard b.count >= 8, b[5] == UInt8(ascii: ":"), isDecimal(b[6]), isDecimal(b[7]), number(b[6...7]) <= 60 else {
      return false
    }
    if b.count == 8 { return true }
    return b[8] == UInt8(ascii: ".") && b.count > 9 && b[9...].allSatisfy(isDecimal)
  }

  /// A local date, a local time, or a date and time (`T`, `t` or a space between them) with an
  /// optional offset (`Z`, `z`, `+HH:MM`, `-HH:MM`).
  static func isDateOrTime(_ text: String) -> Bool {
    let b = Array(text.utf8)
    if isFullDate(text) { return true }
    if isPartialTime(b[...]) { return true }
    guard b.count > 11, isFullDate(String(decoding: b[0..<10], as: UTF8.self)),
      [UInt8(ascii: "T"), UInt8(ascii: "t"), 0x20].contains(b[10])
    else { return false }
    var time = b[11...]
    if let last = time.last, last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") {
      time = time.dropLast()
    } else if time.count >= 6, let sign = time.dropLast(5).last, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")
    {
      let offset = Array(time.suffix(5))
      guard offset[2] == UInt8(ascii: ":"), [0, 1, 3, 4].allSatisfy({ isDecimal(offset[$0]) }),
        number(offset[0...1]) <= 23, number(offset[3...4]) <= 59
      else { return false }
      time = time.dropLast(6)
    }
    return isPartialTime(time)
  }

  static func number(_ digits: ArraySlice<UInt8>) -> Int {
    digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
  }
}
