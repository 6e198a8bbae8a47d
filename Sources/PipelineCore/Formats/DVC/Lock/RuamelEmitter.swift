/// The low-level writer of ruamel.yaml's emitter (0.19, round-trip defaults: width 80, indent
/// 2, Unicode allowed), rewritten to produce the same bytes, because DVC writes `dvc.lock` with
/// it: where lines break, which scalars are quoted and how. Columns count characters, as
/// ruamel counts them.
struct RuamelEmitter {
  static let bestWidth = 80

  private(set) var output = String.UnicodeScalarView()
  var column = 0
  var whitespace = true
  var indention = true
  /// The current indentation, or nil at the top.
  var indent: Int?

  // MARK: - Primitives (`write_indicator`, `write_indent`, `write_line_break`)

  mutating func write(_ text: some Sequence<Unicode.Scalar>) {
    for scalar in text {
      output.append(scalar)
      column += 1
    }
  }

  mutating func writeIndicator(
    _ indicator: String, needWhitespace: Bool, whitespace: Bool = false, indention: Bool = false
  ) {
    if !(self.whitespace || !needWhitespace) { write(" ".unicodeScalars) }
    write(indicator.unicodeScalars)
    self.whitespace = whitespace
    self.indention = self.indention && indention
  }

  mutating func writeIndent() {
    let indent = self.indent ?? 0
    if !indention || column > indent || (column == indent && !whitespace) { writeLineBreak() }
    if column < indent {
      whitespace = true
      write(Array(repeating: Unicode.Scalar(" "), count: indent - column))
    }
  }

  mutating func writeLineBreak(_ data: Unicode.Scalar? = nil) {
    whitespace = true
    indention = true
    output.append(data ?? "\n")
    column = 0
  }

  static func isBreak(_ c: Unicode.Scalar) -> Bool {
    c == "\n" || c == "\u{85}" || c == "\u{2028}" || c == "\u{2029}"
  }

  // MARK: - Plain scalars (`write_plain`)

  mutating func writePlain(_ text: [Unicode.Scalar], split: Bool) {
    if text.isEmpty { return }
    if !whitespace { write(" ".unicodeScalars) }
    whitespace = false
    indention = false
    var spaces = false, breaks = false
    var start = 0, end = 0
    while end <= text.count {
      let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
      if spaces {
        if ch != " " {
          if start + 1 == end, column >= Self.bestWidth, split {
            writeIndent()
            whitespace = false
            indention = false
          } else {
            write(text[start..<end])
          }
          start = end
        }
      } else if breaks {
        if ch.map({ !Self.isBreak($0) }) ?? true {
          if text[start] == "\n" { writeLineBreak() }
          for br in text[start..<end] { writeLineBreak(br) }
          writeIndent()
          whitespace = false
          indention = false
          start = end
        }
      } else if ch.map({ $0 == " " || Self.isBreak($0) }) ?? true {
        let data = text[start..<end]
        if data.count + column > Self.bestWidth, let indent, column > indent {
          // words longer than the line get a line of their own (after the space already written)
          writeIndent()
        }
        write(data)
        start = end
      }
      if let ch {
        spaces = ch == " "
        breaks = Self.isBreak(ch)
      }
      end += 1
    }
  }

  // MARK: - Single-quoted scalars (`write_single_quoted`)

  mutating func writeSingleQuoted(_ text: [Unicode.Scalar], split: Bool) {
    writeIndicator("'", needWhitespace: true)
    var spaces = false, breaks = false
    var start = 0, end = 0
    while end <= text.count {
      let ch: Unicode.Scalar? = end < text.count ? text[end] : nil
      if spaces {
        if ch == nil || ch != " " {
          if start + 1 == end, column > Self.bestWidth, split, start != 0, end != text.count {
            writeIndent()
          } else {
            write(text[start..<end])
          }
          start = end
        }
      } else if breaks {
        if ch.map({ !Self.isBreak($0) }) ?? true {
          if text[start] == "\n" { writeLineBreak() }
          for br in text[start..<end] { writeLineBreak(br == "\n" ? nil : br) }
          writeIndent()
          start = end
        }
      } else if ch.map({ $0 == " " || Self.isBreak($0) || $0 == "'" }) ?? true {
        if start < end {
          write(text[start..<end])
          start = end
        }
      }
      if ch == "'" {
        write("''".unicodeScalars)
        start = end + 1
      }
      if let ch {
        spaces = ch == " "
        breaks = Self.isBreak(ch)
      }
      end += 1
    }
    writeIndicator("'", needWhitespace: false)
  }
}
