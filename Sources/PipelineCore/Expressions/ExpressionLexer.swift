/// One token of a condition, with the offset where it starts.
struct ExpressionToken: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case int(Int)
    case float(Double)
    case string(String)
    case name(String)
    case and, or, not, `in`, `true`, `false`
    case comparison(Expression.ComparisonOperator)
    case openParen, closeParen, openBracket, closeBracket, comma, minus
    case end
  }

  var kind: Kind
  /// 0-based offset in the condition text, in Unicode scalars.
  var offset: Int
  /// The token as written, for messages (`'>'`, `'epochs'`).
  var spelling: String
}

/// Splits a condition into tokens; the parser asks for them all at once.
///
/// The lexer reads Unicode scalars, not characters: a combining mark after a quote or after
/// the `t` of `\t` would otherwise join it into one character and change what it means, so
/// a condition's printed `text` would not read back as the same condition. Offsets are in
/// scalars too, as libyaml counts columns.
struct ExpressionLexer {
  private let chars: [Unicode.Scalar]
  private var index = 0

  init(_ text: String) { chars = Array(text.unicodeScalars) }

  /// Returns every token, ending with `.end`, or the first lexical problem and its offset.
  mutating func tokenize() throws(ExpressionFailure) -> [ExpressionToken] {
    var tokens: [ExpressionToken] = []
    while true {
      while index < chars.count, chars[index].properties.isWhitespace { index += 1 }
      guard index < chars.count else {
        tokens.append(ExpressionToken(kind: .end, offset: chars.count, spelling: "end"))
        return tokens
      }
      tokens.append(try next())
    }
  }

  private mutating func next() throws(ExpressionFailure) -> ExpressionToken {
    let start = index
    let c = chars[index]
    if Self.isASCIILetter(c) || c == "_" { return word(from: start) }
    if c == "[", let end = bracketSegmentEnd(from: start), end < chars.count, chars[end] == "." || chars[end] == "[" {
      return word(from: start)
    }
    if Self.isASCIIDigit(c) { return try number(from: start) }
    if c == "'" || c == "\"" { return try string(from: start, quote: c) }
    index += 1
    let kind: ExpressionToken.Kind
    switch c {
    case "(": kind = .openParen
    case ")": kind = .closeParen
    case "[": kind = .openBracket
    case "]": kind = .closeBracket
    case ",": kind = .comma
    case "-": kind = .minus
    case "<", ">", "=", "!": kind = try comparison(c, at: start)
    default: throw ExpressionFailure(.unexpectedCharacter(Character(c), hint: Self.hint(for: c)), at: start)
    }
    return ExpressionToken(kind: kind, offset: start, spelling: text(start..<index))
  }

  private mutating func comparison(_ c: Unicode.Scalar, at start: Int) throws(ExpressionFailure)
    -> ExpressionToken.Kind
  {
    let followedByEquals = index < chars.count && chars[index] == "="
    if followedByEquals { index += 1 }
    switch (c, followedByEquals) {
    case ("<", false): return .comparison(.less)
    case ("<", true): return .comparison(.lessOrEqual)
    case (">", false): return .comparison(.greater)
    case (">", true): return .comparison(.greaterOrEqual)
    case ("=", true): return .comparison(.equal)
    case ("!", true): return .comparison(.notEqual)
    default: throw ExpressionFailure(.unexpectedCharacter(Character(c), hint: Self.hint(for: c)), at: start)
    }
  }

  /// A name; besides letters, digits, `_` and `.` it may hold a `-` between name characters
  /// (`train.log-level`) and key segments in brackets (`data[a.b]`, `[configs/x.yaml].lr`),
  /// as DVC's params keys need (see `ParameterKeyPath`); it is read in its canonical spelling.
  private mutating func word(from start: Int) -> ExpressionToken {
    while index < chars.count {
      if Self.continuesName(chars[index]) {
        index += 1
      } else if chars[index] == "-", index > start, Self.continuesName(chars[index - 1]), index + 1 < chars.count,
        Self.continuesName(chars[index + 1]), chars[index + 1] != "."
      {
        index += 1
      } else if chars[index] == "[", index == start || Self.continuesName(chars[index - 1]) || chars[index - 1] == "]",
        !Self.keywords.contains(text(start..<index)), let end = bracketSegmentEnd(from: index)
      {
        index = end
      } else {
        break
      }
    }
    let written = text(start..<index)
    let text = ParameterName.canonical(written) ?? written
    let kind: ExpressionToken.Kind
    switch text {
    case "and": kind = .and
    case "or": kind = .or
    case "not": kind = .not
    case "in": kind = .in
    case "true": kind = .true
    case "false": kind = .false
    default: kind = .name(text)
    }
    return ExpressionToken(kind: kind, offset: start, spelling: text)
  }

  private mutating func number(from start: Int) throws(ExpressionFailure) -> ExpressionToken {
    var isFloat = false
    skipDigits()
    if index + 1 < chars.count, chars[index] == ".", Self.isASCIIDigit(chars[index + 1]) {
      isFloat = true
      index += 1
      skipDigits()
    }
    if index < chars.count, chars[index] == "e" || chars[index] == "E" {
      isFloat = true
      index += 1
      if index < chars.count, chars[index] == "+" || chars[index] == "-" { index += 1 }
      skipDigits()
    }
    while index < chars.count, Self.continuesName(chars[index]) { index += 1 }
    let text = text(start..<index)
    let kind: ExpressionToken.Kind? =
      isFloat ? Double(text).map { .float($0) } : Int(text).map { .int($0) }
    guard let kind else {
      let digits = text.unicodeScalars.allSatisfy(Self.isASCIIDigit)
      throw ExpressionFailure(digits ? .numberOutOfRange(text) : .invalidNumber(text), at: start)
    }
    // `1e400` reads as infinity, which no condition can write back: it is out of range.
    if case .float(let f) = kind, f.isInfinite { throw ExpressionFailure(.numberOutOfRange(text), at: start) }
    return ExpressionToken(kind: kind, offset: start, spelling: text)
  }

  private mutating func string(from start: Int, quote: Unicode.Scalar) throws(ExpressionFailure)
    -> ExpressionToken
  {
    index += 1
    var value = String.UnicodeScalarView()
    while index < chars.count, chars[index] != quote {
      var c = chars[index]
      if c == "\\", index + 1 < chars.count {
        index += 1
        c = Self.unescaped(chars[index])
      }
      value.append(c)
      index += 1
    }
    guard index < chars.count else { throw ExpressionFailure(.unterminatedString, at: start) }
    index += 1
    return ExpressionToken(
      kind: .string(String(value)), offset: start, spelling: text(start..<index))
  }

  /// The index just past the `]` that closes the `[` at `open` (a `\` escapes the next
  /// scalar), or nil when none does, or when another `[` opens first: then it is a list
  /// (`[1, a[b].c]`), since a key's own brackets are escaped.
  private func bracketSegmentEnd(from open: Int) -> Int? {
    var i = open + 1
    while i < chars.count {
      if chars[i] == "\\" {
        i += 2
        continue
      }
      if chars[i] == "[" { return nil }
      if chars[i] == "]" { return i + 1 }
      i += 1
    }
    return nil
  }

  private mutating func skipDigits() {
    while index < chars.count, Self.isASCIIDigit(chars[index]) { index += 1 }
  }

  private func text(_ range: Range<Int>) -> String {
    var text = String.UnicodeScalarView()
    text.append(contentsOf: chars[range])
    return String(text)
  }

  private static let keywords: Set<String> = ["and", "or", "not", "in", "true", "false"]

  private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }

  private static func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

  private static func continuesName(_ c: Unicode.Scalar) -> Bool {
    isASCIILetter(c) || isASCIIDigit(c) || c == "_" || c == "."
  }

  private static func unescaped(_ c: Unicode.Scalar) -> Unicode.Scalar {
    switch c {
    case "n": return "\n"
    case "t": return "\t"
    default: return c
    }
  }

  /// What people coming from other languages meant by a stray character.
  private static func hint(for c: Unicode.Scalar) -> String? {
    switch c {
    case "=": return "=="
    case "!": return "not"
    case "&": return "and"
    case "|": return "or"
    default: return nil
    }
  }
}

/// A problem in a condition and the offset it is about.
struct ExpressionFailure: Error, Sendable {
  var problem: ExpressionProblem
  var offset: Int?

  init(_ problem: ExpressionProblem, at offset: Int?) {
    self.problem = problem
    self.offset = offset
  }
}
