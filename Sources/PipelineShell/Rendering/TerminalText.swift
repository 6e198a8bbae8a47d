import PipelineCore

/// Measuring and fitting text by the columns it takes on a terminal.
///
/// Width counts grapheme clusters, ignores ANSI escape sequences, gives East Asian wide
/// characters and emoji two columns and combining or control characters none.
package enum TerminalText {
  /// The number of terminal columns `text` takes.
  package static func width(_ text: String) -> Int {
    // Printable ASCII (most table cells) takes a column a byte: no Unicode property lookups,
    // which were most of the time spent drawing a 1,000-step run's summary table.
    if ByteSearch.all(in: text, { $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
    return stripped(text).reduce(0) { $0 + width(of: $1) }
  }

  /// The text without ANSI escape sequences (CSI such as colours, and OSC such as links).
  package static func stripped(_ text: String) -> String {
    guard text.unicodeScalars.contains("\u{1B}") else { return text }
    var out = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard scalar == "\u{1B}" else {
        out.append(scalar)
        continue
      }
      skipEscape(&scalars)
    }
    return String(out)
  }

  /// The text with its control characters made visible, as `cat -v` shows them (`^[` for
  /// ESC, `^?` for DEL, `<U+009B>` for a C1 control), line breaks and tabs kept: a value
  /// rendered into a command (`plan`) must not move the cursor, clear the screen or retitle the
  /// terminal when shown.
  package static func showingControls(_ text: String) -> String {
    func isShownOtherwise(_ byte: UInt8) -> Bool {
      (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F || byte == 0xC2
    }
    guard !ByteSearch.isPrintableASCII(text), ByteSearch.contains(in: text, where: isShownOtherwise) else {
      return text
    }
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x0A, 0x09: out.unicodeScalars.append(scalar)
      case 0..<0x20: out += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
      case 0x7F: out += "^?"
      case 0x80..<0xA0: out += "<U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + ">"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The text padded with spaces to `width` columns, on the left when `right` is true.
  package static func padded(_ text: String, to width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - self.width(text)))
    return right ? padding + text : text + padding
  }

  /// Plain text shortened to at most `width` columns, ending in `…` when cut.
  package static func truncated(_ text: String, to width: Int) -> String {
    guard self.width(text) > width else { return text }
    var out = ""
    var used = 0
    for character in text {
      let w = self.width(of: character)
      if used + w > width - 1 { break }
      out.append(character)
      used += w
    }
    return out + "…"
  }

  /// Columns taken by one grapheme cluster.
  static func width(of character: Character) -> Int {
    guard let first = character.unicodeScalars.first else { return 0 }
    if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if character.unicodeScalars.contains("\u{FE0F}") || first.properties.isEmojiPresentation {
      return 2
    }
    return isWide(first.value) ? 2 : 1
  }

  private static func isWide(_ v: UInt32) -> Bool {
    (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) && v != 0x303F
      || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
      || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
  }

  /// Consumes one escape sequence after its ESC.
  private static func skipEscape(_ scalars: inout String.UnicodeScalarView.Iterator) {
    switch scalars.next() {
    case "[":
      while let s = scalars.next(), !(0x40...0x7E).contains(s.value) {}
    case "]":
      while let s = scalars.next() {
        if s == "\u{07}" { return }
        if s == "\u{1B}" {
          _ = scalars.next()
          return
        }
      }
    default:
      return
    }
  }
}

extension String {
  /// The text with zeros before it up to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
