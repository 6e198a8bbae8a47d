/// The line breaks of Python's `str.splitlines`, which DVC uses to cut a `cmd` string into the
/// commands it runs one by one: `\n`, `\r`, `\r\n`, and the rarer `\v`, `\f`, `\x1c`-`\x1e`,
/// `\x85`, `\u2028`, `\u2029`.
package enum PythonLineBreaks {
  /// True for a character `splitlines` breaks at (`\r\n` is one break made of two).
  static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "\n", "\u{0B}", "\u{0C}", "\r", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}": return true
    default: return false
    }
  }

  /// True when the text holds a break (a byte scan first: most commands are one line).
  static func contains(_ text: String) -> Bool {
    guard !ByteSearch.isPrintableASCII(text), ByteSearch.contains(in: text, where: mayStartBreak) else { return false }
    return text.unicodeScalars.contains(where: isBreak)
  }

  /// True for a byte that starts a break's UTF-8 (`\u{85}` starts with 0xC2, `\u{2028}` and
  /// `\u{2029}` with 0xE2).
  private static func mayStartBreak(_ byte: UInt8) -> Bool {
    byte < 0x20 ? (0x0A...0x0D).contains(byte) || (0x1C...0x1E).contains(byte) : byte == 0xC2 || byte == 0xE2
  }

  /// The text's non-empty lines (an empty line runs nothing in DVC's shell either).
  static func nonEmptyLines(_ text: String) -> [String] {
    guard contains(text) else { return text.isEmpty ? [] : [text] }
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if isBreak(scalar) {
        if !current.isEmpty { lines.append(String(current)) }
        current = String.UnicodeScalarView()
      } else {
        current.append(scalar)
      }
    }
    if !current.isEmpty { lines.append(String(current)) }
    return lines
  }
}
