/// Which styles a scalar may take (`analyze_scalar`) and which one ruamel picks
/// (`choose_scalar_style`), for a block context (DVC never writes flow collections but `[]`, `{}`).
extension RuamelEmitter {
  struct Analysis {
    var empty = false
    var multiline = false
    var allowBlockPlain = true
    var allowSingleQuoted = true
    var allowDoubleQuoted = true
  }

  enum Style { case plain, single, double }

  static func analyze(_ s: [Unicode.Scalar]) -> Analysis {
    if s.isEmpty { return Analysis(empty: true, multiline: false, allowBlockPlain: true) }
    var blockIndicators = false, lineBreaks = false, special = false
    var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
    var breakSpace = false, spaceBreak = false
    let text = String(String.UnicodeScalarView(s))
    if text.hasPrefix("---") || text.hasPrefix("...") { blockIndicators = true }
    func isWhite(_ c: Unicode.Scalar) -> Bool { "\0 \t\r\n\u{85}\u{2028}\u{2029}".unicodeScalars.contains(c) }
    var precededByWhitespace = true
    var followedByWhitespace = s.count == 1 || isWhite(s[1])
    var previousSpace = false, previousBreak = false
    for index in s.indices {
      let ch = s[index]
      if index == 0 {
        if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(ch) { blockIndicators = true }
        if ch == "?" || ch == ":", followedByWhitespace { blockIndicators = true }
        if ch == "-", followedByWhitespace { blockIndicators = true }
      } else {
        if ch == ":", followedByWhitespace { blockIndicators = true }
        if ch == "#", precededByWhitespace { blockIndicators = true }
      }
      if isBreak(ch) { lineBreaks = true }
      if !(ch == "\n" || (0x20...0x7E).contains(ch.value)) {
        let v = ch.value
        let unicode =
          v == 0x85 || (0xA0...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
        if !unicode || v == 0xFEFF { special = true }
      }
      if ch == " " {
        if index == 0 { leadingSpace = true }
        if index == s.count - 1 { trailingSpace = true }
        if previousBreak { breakSpace = true }
        previousSpace = true
        previousBreak = false
      } else if isBreak(ch) {
        if index == 0 { leadingBreak = true }
        if index == s.count - 1 { trailingBreak = true }
        if previousSpace { spaceBreak = true }
        previousSpace = false
        previousBreak = true
      } else {
        previousSpace = false
        previousBreak = false
      }
      precededByWhitespace = isWhite(ch)
      followedByWhitespace = index + 2 >= s.count || isWhite(s[index + 2])
    }
    var analysis = Analysis(empty: false, multiline: lineBreaks)
    if leadingSpace || leadingBreak || trailingSpace || trailingBreak { analysis.allowBlockPlain = false }
    if breakSpace { analysis.allowBlockPlain = false; analysis.allowSingleQuoted = false }
    if special {
      analysis.allowBlockPlain = false
      analysis.allowSingleQuoted = false
    } else if spaceBreak {
      analysis.allowBlockPlain = false
      analysis.allowSingleQuoted = false
    }
    if lineBreaks { analysis.allowBlockPlain = false }
    if blockIndicators { analysis.allowBlockPlain = false }
    return analysis
  }

  /// `choose_scalar_style` for a scalar with no requested style; `implicit` is true when the
  /// text read back plain is the same value (a string that does not look like a number...).
  static func style(_ text: [Unicode.Scalar], analysis: Analysis, implicit: Bool, simpleKey: Bool) -> Style {
    if implicit, !(simpleKey && (analysis.empty || analysis.multiline)), analysis.allowBlockPlain { return .plain }
    if analysis.allowDoubleQuoted, text.contains("'") || text.contains("\n") { return .double }
    if analysis.allowSingleQuoted, !(simpleKey && analysis.multiline) { return .single }
    return .double
  }

  /// Writes a scalar with the style ruamel picks.
  mutating func writeScalar(_ text: String, implicit: Bool, simpleKey: Bool) {
    let scalars = Array(text.unicodeScalars)
    let analysis = Self.analyze(scalars)
    let split = !simpleKey
    switch Self.style(scalars, analysis: analysis, implicit: implicit, simpleKey: simpleKey) {
    case .plain: writePlain(scalars, split: split)
    case .single: writeSingleQuoted(scalars, split: split)
    case .double: writeDoubleQuoted(scalars, split: split)
    }
  }
}
