/// Double-quoted scalars (`write_double_quoted`), with ruamel's rules for escapes and for the
/// backslash at a folded line's end.
extension RuamelEmitter {
  static let escapes: [Unicode.Scalar: String] = [
    "\0": "0", "\u{07}": "a", "\u{08}": "b", "\u{09}": "t", "\u{0A}": "n", "\u{0B}": "v", "\u{0C}": "f",
    "\u{0D}": "r", "\u{1B}": "e", "\"": "\"", "\\": "\\", "\u{85}": "N", "\u{A0}": "_", "\u{2028}": "L",
    "\u{2029}": "P",
  ]

  /// Characters written escaped even where printable.
  static let escapedInDoubleQuotes = Set("\"\\\u{85}\u{2028}\u{2029}\u{FEFF}".unicodeScalars)

  static func isPrintableForDoubleQuotes(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    return (0x20...0x7E).contains(v) || (0xA0...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
      || (0x10000...0x10FFFF).contains(v)
  }

  mutating func writeDoubleQuoted(_ text: [Unicode.Scalar], split: Bool) {
    writeIndicator("\"", needWhitespace: true)
    var start = 0, end = 0
    while end <= text.count {
      let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
      let needsEscape = ch.map { Self.escapedInDoubleQuotes.contains($0) || !Self.isPrintableForDoubleQuotes($0) }
      if needsEscape ?? true {
        if start < end {
          write(text[start..<end])
          start = end
        }
        if let ch {
          let data: String
          if let short = Self.escapes[ch] {
            data = "\\" + short
          } else if ch.value <= 0xFF {
            data = "\\x" + Self.hex(ch.value, digits: 2)
          } else if ch.value <= 0xFFFF {
            data = "\\u" + Self.hex(ch.value, digits: 4)
          } else {
            data = "\\U" + Self.hex(ch.value, digits: 8)
          }
          write(data.unicodeScalars)
          start = end + 1
        }
      }
      if end > 0, end < text.count - 1, ch == " " || start >= end, column + (end - start) > Self.bestWidth, split {
        let needBackslash = Self.needsBackslash(text, start: start, end: end)
        // Right after an escape `start` is past `end`: Python's `text[start:end]` is then empty.
        if start < end { write(text[start..<end]) }
        if needBackslash { write("\\".unicodeScalars) }
        if start < end { start = end }
        writeIndent()
        whitespace = false
        indention = false
        if text[start] == " " {
          if !needBackslash { start += 1 }
          if needBackslash { write("\\".unicodeScalars) }
        }
      }
      end += 1
    }
    writeIndicator("\"", needWhitespace: false)
  }

  /// Whether a folded line must end with `\` so that reading it back gives the same text.
  private static func needsBackslash(_ text: [Unicode.Scalar], start: Int, end: Int) -> Bool {
    guard text.count > end, var spacePosition = text[end...].firstIndex(of: " ") else { return true }
    if let newline = text[end..<spacePosition].firstIndex(of: "\n") { spacePosition = newline }
    let next = spacePosition + 1 < text.count ? text[spacePosition + 1] : nil
    if text[spacePosition] == "\n", next != " " {
      return true
    }
    guard let next else { return true }  // Python's IndexError: keep the backslash
    let segment = text[end..<spacePosition]
    let pair = end >= 1 ? Array(text[(end - 1)..<min(end + 1, text.count)]) : []
    if !segment.contains("\""), !segment.contains("'"), next != " ", next != "\n", pair != [" ", " "], start != end {
      return false
    }
    return true
  }

  static func hex(_ value: UInt32, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
