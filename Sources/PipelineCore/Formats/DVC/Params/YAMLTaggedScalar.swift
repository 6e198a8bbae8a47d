/// Builds the value of a scalar tagged `!!int`, `!!float`, `!!bool` or `!!timestamp` as
/// ruamel.yaml's `SafeConstructor` does (`construct_yaml_int` and friends), which is not how
/// it types untagged text: the text goes to Python's `int()` and `float()`, so `!!float 1` is
/// 1.0, `!!int " 7 "` is 7, `!!float inf` is infinite, and `!!bool on` is true.
enum YAMLTaggedScalar {
  /// `construct_yaml_int`: underscores dropped, a sign, then `0b`, `0x`, `0o` or decimal
  /// text read by `int(text, base)`. Nil where ruamel fails (a `ValueError`).
  static func int(_ written: String) -> YAMLScalarResolver.Resolved? {
    var text = Substring(written.filter { $0 != "_" })
    guard let first = text.first else { return nil }
    let negative = first == "-"
    if first == "-" || first == "+" { text = text.dropFirst() }
    if text == "0" { return .int(0) }
    for (prefix, radix) in [("0b", 2), ("0x", 16), ("0o", 8)] where text.hasPrefix(prefix) {
      return pythonInt(text.dropFirst(2), radix: radix, negative: negative)
    }
    return pythonInt(text, radix: 10, negative: negative)
  }

  /// Python's `int(text, radix)`: spaces around, a sign, the radix's own prefix again, digits.
  private static func pythonInt(_ written: Substring, radix: Int, negative: Bool) -> YAMLScalarResolver.Resolved? {
    var text = written.trimmingPythonSpaces
    var negative = negative
    if let sign = text.first, sign == "-" || sign == "+" {
      if sign == "-" { negative.toggle() }
      text = text.dropFirst()
    }
    let prefixes = [2: "0b", 8: "0o", 16: "0x"]
    if let prefix = prefixes[radix], text.lowercased().hasPrefix(prefix) { text = text.dropFirst(2) }
    guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true }) else {
      return nil
    }
    return YAMLScalarResolver.signed(text, radix: radix, negative: negative)
  }

  /// `construct_yaml_float`: underscores dropped, lower case, a sign, `.inf` and `.nan`, and
  /// anything else read by Python's `float()`. Nil where ruamel fails.
  static func float(_ written: String) -> Double? {
    var text = Substring(written.filter { $0 != "_" }.lowercased())
    guard let first = text.first else { return nil }
    let sign: Double = first == "-" ? -1 : 1
    if first == "-" || first == "+" { text = text.dropFirst() }
    if text == ".inf" { return sign * .infinity }
    if text == ".nan" { return .nan }
    return pythonFloat(text).map { sign * $0 }
  }

  /// Python's `float()` of lower-case text: spaces around, a sign, then `inf`, `infinity`,
  /// `nan` or decimal digits with an optional point and exponent (never hexadecimal, which
  /// Swift's `Double(_:)` would take).
  private static func pythonFloat(_ written: Substring) -> Double? {
    var text = written.trimmingPythonSpaces
    var sign = 1.0
    if let first = text.first, first == "-" || first == "+" {
      if first == "-" { sign = -1 }
      text = text.dropFirst()
    }
    switch text {
    case "inf", "infinity": return sign * .infinity
    case "nan": return .nan
    default: break
    }
    guard isDecimal(text), let value = Double(text) else { return nil }
    return sign * value
  }

  /// `digits [. digits] | . digits`, then an optional `e [sign] digits`.
  private static func isDecimal(_ text: Substring) -> Bool {
    let bytes = Array(text.utf8)
    var i = 0
    func digits() -> Int {
      let start = i
      while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
      return i - start
    }
    var mantissa = digits()
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
      guard digits() > 0 else { return false }
    }
    return i == bytes.count
  }

  /// `construct_yaml_bool`: the text in lower case looked up in ruamel's table, which keeps
  /// YAML 1.1's `yes`, `no`, `y`, `n`, `on` and `off`. Nil where ruamel fails (a `KeyError`).
  static func bool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "yes", "y", "true", "on": return true
    case "no", "n", "false", "off": return false
    default: return nil
    }
  }

  /// `construct_yaml_timestamp`: the text if ruamel's `timestamp_regexp` matches it, which
  /// takes one-digit months and days in a date alone (`2020-1-1`); such a date is written
  /// out in full, as DVC writes the `date` back (and as text that reads back as a date).
  static func timestamp(_ text: String) -> String? {
    if YAMLScalarResolver.resolve(text) == .timestamp { return text }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
    else { return nil }
    func padded(_ part: Substring) -> String { part.count == 1 ? "0" + part : String(part) }
    return "\(parts[0])-\(padded(parts[1]))-\(padded(parts[2]))"
  }
}

extension Substring {
  /// Without the spaces Python's `int()` and `float()` ignore around a number.
  fileprivate var trimmingPythonSpaces: Substring {
    var text = self
    while let first = text.first, first.isWhitespace { text = text.dropFirst() }
    while let last = text.last, last.isWhitespace { text = text.dropLast() }
    return text
  }
}
