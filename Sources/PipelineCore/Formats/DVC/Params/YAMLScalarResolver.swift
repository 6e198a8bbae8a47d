/// Types plain YAML scalars as DVC's loader does: ruamel.yaml's YAML 1.2 implicit resolvers
/// and its safe constructors (`ruamel/yaml/resolver.py`, `constructor.py`, version 0.19).
///
/// So `yes`, `on` and `y` stay strings, `1e3` is a float, `0x10` and `0o17` are ints, `017`
/// is 17, `1_000` is 1000, `.inf` and `.nan` are floats, `~`, `null` and an empty value are
/// null, and `2001-12-14` is a timestamp.
package enum YAMLScalarResolver {
  /// What a plain scalar resolves to.
  package enum Resolved: Sendable, Hashable {
    case null, bool(Bool), int(Int), float(Double), timestamp, string
    /// An int outside 64 bits, as its decimal text (Python's ints have no limit); nil when it
    /// has more digits than Python turns into text (`BigIntegerText.maximumDigits`).
    case bigInt(String?)
    /// Text ruamel resolves as a number but cannot construct (`0b_`), or the YAML `=` and
    /// `<<` values that it refuses.
    case malformed
  }

  /// Resolves a plain scalar's text.
  package static func resolve(_ text: String) -> Resolved {
    guard let first = text.utf8.first else { return .null }
    switch first {
    case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
      if let b = bool(text) { return .bool(b) }
    case UInt8(ascii: "~"):
      if text == "~" { return .null }
    case UInt8(ascii: "n"), UInt8(ascii: "N"):
      if text == "null" || text == "Null" || text == "NULL" { return .null }
    case UInt8(ascii: "="), UInt8(ascii: "<"):
      if text == "=" || text == "<<" { return .malformed }
    default:
      break
    }
    switch first {  // what can start a number; most scalars of a params file are words
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."): break
    default: return .string
    }
    // Most numbers in a params file are short decimal integers: read without building anything.
    if let small = shortDecimal(text.utf8) { return .int(small) }
    let bytes = Array(text.utf8)
    if isFloat(bytes) { return float(text) }
    if first != UInt8(ascii: "."), let kind = integerKind(bytes) { return int(text, kind) }
    if isTimestamp(bytes) { return .timestamp }
    return .string
  }

  /// True when `text`, written plain, would load as a string (so a writer may leave it bare).
  package static func isPlainString(_ text: String) -> Bool {
    resolve(text) == .string
  }

  /// A decimal integer of up to 18 digits with an optional sign (`017` is 17, as ruamel reads
  /// it), or nil for anything else.
  private static func shortDecimal(_ text: String.UTF8View) -> Int? {
    var value = 0
    var digits = 0
    var negative = false
    for (index, byte) in text.enumerated() {
      if index == 0, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
        negative = byte == UInt8(ascii: "-")
        continue
      }
      guard isDigit(byte), digits < 18 else { return nil }
      value = value * 10 + Int(byte - 0x30)
      digits += 1
    }
    guard digits > 0 else { return nil }
    return negative ? -value : value
  }

  private static func bool(_ text: String) -> Bool? {
    switch text {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: return nil
    }
  }

  // MARK: - Floats

  private static func isFloat(_ b: [UInt8]) -> Bool {
    var i = 0
    let hasSign = b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+")
    if hasSign { i = 1 }
    let rest = b[i...]
    func `is`(_ word: String) -> Bool { rest.elementsEqual(word.utf8) }
    if `is`(".inf") || `is`(".Inf") || `is`(".INF") { return true }
    if !hasSign, `is`(".nan") || `is`(".NaN") || `is`(".NAN") { return true }
    guard i < b.count else { return false }
    if b[i] == UInt8(ascii: ".") {
      // `.5`, `.5_0`, `.5e+3` (a sign is required in this branch's exponent)
      var j = i + 1
      let start = j
      while j < b.count, isDigitOrUnderscore(b[j]) { j += 1 }
      guard j > start else { return false }
      if j == b.count { return true }
      return exponent(b, from: j, signRequired: true)
    }
    guard isDigit(b[i]) else { return false }
    var j = i + 1
    while j < b.count, isDigitOrUnderscore(b[j]) { j += 1 }
    if j == b.count { return false }  // an integer
    if b[j] == UInt8(ascii: ".") {
      j += 1
      while j < b.count, isDigitOrUnderscore(b[j]) { j += 1 }
      if j == b.count { return true }
      return exponent(b, from: j, signRequired: false)
    }
    return exponent(b, from: j, signRequired: false)
  }

  /// `[eE][-+]?[0-9]+` up to the end of the text.
  private static func exponent(_ b: [UInt8], from start: Int, signRequired: Bool) -> Bool {
    var j = start
    guard j < b.count, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") else { return false }
    j += 1
    if j < b.count, b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") {
      j += 1
    } else if signRequired {
      return false
    }
    let digits = j
    while j < b.count, isDigit(b[j]) { j += 1 }
    return j > digits && j == b.count
  }

  private static func float(_ text: String) -> Resolved {
    // Plain digits, a point and an exponent (nearly every float) are Swift's to read as they are.
    if !text.utf8.contains(UInt8(ascii: "_")), let value = Double(text) { return .float(value) }
    var s = text.filter { $0 != "_" }.lowercased()
    var sign = 1.0
    if s.hasPrefix("-") { sign = -1 }
    if s.hasPrefix("-") || s.hasPrefix("+") { s.removeFirst() }
    if s == ".inf" { return .float(sign * Double.infinity) }
    if s == ".nan" { return .float(Double.nan) }
    // Python's float() reads `1.` and `.5`; Swift's Double reads both too.
    guard let value = Double(s) else { return .malformed }
    return .float(sign * value)
  }

  // MARK: - Integers

  private enum IntegerKind { case binary, octal, decimal, hexadecimal }

  private static func integerKind(_ b: [UInt8]) -> IntegerKind? {
    var i = 0
    if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
    let body = Array(b[i...])
    func all(_ from: Int, _ allowed: (UInt8) -> Bool) -> Bool {
      from < body.count && body[from...].allSatisfy { allowed($0) || $0 == UInt8(ascii: "_") }
    }
    if body.count >= 2, body[0] == UInt8(ascii: "0") {
      switch body[1] {
      case UInt8(ascii: "b"): if all(2, { $0 == 0x30 || $0 == 0x31 }) { return .binary }
      case UInt8(ascii: "o"): if all(2, { (0x30...0x37).contains($0) }) { return .octal }
      case UInt8(ascii: "x"): if all(2, isHexDigit) { return .hexadecimal }
      default: break
      }
    }
    return all(0, isDigit) ? .decimal : nil
  }

  private static func int(_ text: String, _ kind: IntegerKind) -> Resolved {
    var s = Substring(text.filter { $0 != "_" })
    var negative = false
    if s.first == "-" { negative = true }
    if s.first == "-" || s.first == "+" { s = s.dropFirst() }
    var radix = 10
    switch kind {
    case .binary: radix = 2
    case .octal: radix = 8
    case .hexadecimal: radix = 16
    case .decimal: break
    }
    if kind != .decimal { s = s.dropFirst(2) }
    guard !s.isEmpty, s.allSatisfy({ $0.isHexDigit }) else { return .malformed }
    return signed(s, radix: radix, negative: negative)
  }

  /// An integer from its digits (in `radix`, no sign, no underscores) and its sign: an `Int`,
  /// or `bigInt` with its decimal text when it does not fit.
  static func signed(_ digits: Substring, radix: Int, negative: Bool) -> Resolved {
    // The decimal text is made only for an integer that does not fit (most fit).
    var big: Resolved { .bigInt(BigIntegerText.decimal(digits.utf8, radix: radix, negative: negative)) }
    guard let magnitude = UInt64(digits, radix: radix) else { return big }
    if negative {
      guard magnitude <= UInt64(Int.max) + 1 else { return big }
      return .int(magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude))
    }
    guard magnitude <= UInt64(Int.max) else { return big }
    return .int(Int(magnitude))
  }

  // MARK: - Timestamps

  /// `YYYY-MM-DD`, or `YYYY-M-D` followed by `T` or spaces, `H:MM:SS`, an optional fraction and
  /// an optional zone (`Z`, `+5`, `-05:00`).
  private static func isTimestamp(_ b: [UInt8]) -> Bool {
    var i = 0
    func digits(_ minimum: Int, _ maximum: Int) -> Bool {
      let start = i
      while i < b.count, i - start < maximum, isDigit(b[i]) { i += 1 }
      return i - start >= minimum
    }
    func take(_ byte: Character) -> Bool {
      guard i < b.count, b[i] == byte.asciiValue else { return false }
      i += 1
      return true
    }
    guard digits(4, 4), take("-") else { return false }
    let dateOnlyStart = i
    if digits(2, 2), take("-"), digits(2, 2), i == b.count { return true }
    i = dateOnlyStart
    guard digits(1, 2), take("-"), digits(1, 2) else { return false }
    if take("T") || take("t") {
    } else {
      let spaces = i
      while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
      guard i > spaces else { return false }
    }
    guard digits(1, 2), take(":"), digits(2, 2), take(":"), digits(2, 2) else { return false }
    if take(".") { _ = digits(0, Int.max) }
    if i == b.count { return true }
    while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
    if take("Z") { return i == b.count }
    guard take("-") || take("+"), digits(1, 2) else { return false }
    if take(":") { guard digits(2, 2) else { return false } }
    return i == b.count
  }

  private static func isDigit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
  private static func isDigitOrUnderscore(_ c: UInt8) -> Bool { isDigit(c) || c == UInt8(ascii: "_") }
  private static func isHexDigit(_ c: UInt8) -> Bool {
    isDigit(c) || (0x61...0x66).contains(c) || (0x41...0x46).contains(c)
  }
}
