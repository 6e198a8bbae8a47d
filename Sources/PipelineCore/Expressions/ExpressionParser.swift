/// Parses condition text (`train_model and epochs > 0`) into an `Expression`.
///
/// Precedence, tightest first: comparisons and `in`, `not`, `and`, `or` (as in Python). Comparisons do not
/// chain. Errors say what was expected and point at the column where it was expected.
package enum ExpressionParser {
  /// Parses a condition; `location` is where its text starts, and error columns count from it.
  package static func parse(_ text: String, location: SourceLocation? = nil)
    throws(DiagnosticError) -> Expression
  {
    do {
      var lexer = ExpressionLexer(text)
      var parser = Parser(tokens: try lexer.tokenize())
      return try parser.parseCondition()
    } catch {
      throw DiagnosticError(error.problem.diagnostic(at: error.offset, in: location))
    }
  }
}

/// Recursive descent over the token list, one function per precedence level.
private struct Parser {
  private let tokens: [ExpressionToken]
  private var index = 0
  private var depth = 0
  private static let maximumDepth = 64

  init(tokens: [ExpressionToken]) { self.tokens = tokens }

  private var current: ExpressionToken { tokens[index] }
  private var previous: ExpressionToken? { index > 0 ? tokens[index - 1] : nil }

  mutating func parseCondition() throws(ExpressionFailure) -> Expression {
    let expression = try parseOr()
    switch current.kind {
    case .end: return expression
    case .closeParen, .closeBracket:
      throw ExpressionFailure(.unmatched(current.spelling), at: current.offset)
    default:
      throw ExpressionFailure(.expectedOperator(found: current.spelling), at: current.offset)
    }
  }

  private mutating func parseOr() throws(ExpressionFailure) -> Expression {
    var left = try parseAnd()
    while current.kind == .or {
      advance()
      left = .or(left, try parseAnd())
    }
    return left
  }

  private mutating func parseAnd() throws(ExpressionFailure) -> Expression {
    var left = try parseNot()
    while current.kind == .and {
      advance()
      left = .and(left, try parseNot())
    }
    return left
  }

  /// `not` binds looser than comparisons, as in Python: `not epochs > 0` is `not (epochs > 0)`.
  private mutating func parseNot() throws(ExpressionFailure) -> Expression {
    guard current.kind == .not else { return try parseComparison() }
    let offset = current.offset
    advance()
    return try nested { (parser) throws(ExpressionFailure) in
      .not(try parser.parseNot(), at: .init(offset: offset))
    }
  }

  private mutating func parseComparison() throws(ExpressionFailure) -> Expression {
    let left = try parsePrimary()
    let start = current
    let result: Expression
    switch start.kind {
    case .comparison(let op):
      advance()
      result = .comparison(op, left, try parsePrimary(), at: .init(offset: start.offset))
    case .in:
      advance()
      result = .membership(left, try parsePrimary(), negated: false, at: .init(offset: start.offset))
    case .not:
      advance()
      guard current.kind == .in else {
        throw ExpressionFailure(.expectedInAfterNot, at: current.offset)
      }
      advance()
      result = .membership(left, try parsePrimary(), negated: true, at: .init(offset: start.offset))
    default:
      return left
    }
    switch current.kind {
    case .comparison, .in, .not:
      throw ExpressionFailure(.chainedComparison(current.spelling), at: current.offset)
    default:
      return result
    }
  }

  private mutating func parsePrimary() throws(ExpressionFailure) -> Expression {
    let token = current
    let at = Expression.Position(offset: token.offset)
    if let value = Self.literal(token.kind) {
      advance()
      return .literal(value, at: at)
    }
    switch token.kind {
    case .name(let name):
      advance()
      return .name(name, at: at)
    case .minus:
      advance()
      return try negativeNumber(at: at)
    case .openParen:
      advance()
      return try nested { (parser) throws(ExpressionFailure) in try parser.parenthesized() }
    case .openBracket:
      advance()
      return try nested { (parser) throws(ExpressionFailure) in try parser.listItems(at: at) }
    default:
      throw expectedValue()
    }
  }

  private static func literal(_ kind: ExpressionToken.Kind) -> Value? {
    switch kind {
    case .int(let i): return .int(i)
    case .float(let f): return .float(f)
    case .string(let s): return .string(s)
    case .true: return .bool(true)
    case .false: return .bool(false)
    default: return nil
    }
  }

  private mutating func negativeNumber(at: Expression.Position) throws(ExpressionFailure)
    -> Expression
  {
    switch current.kind {
    case .int(let i):
      advance()
      return .literal(.int(-i), at: at)
    case .float(let f):
      advance()
      return .literal(.float(-f), at: at)
    default: throw expectedValue()
    }
  }

  private mutating func parenthesized() throws(ExpressionFailure) -> Expression {
    let inner = try parseOr()
    try close(.closeParen, opener: "(")
    return inner
  }

  private mutating func listItems(at: Expression.Position) throws(ExpressionFailure) -> Expression {
    var items: [Expression] = []
    while current.kind != .closeBracket {
      items.append(try parseOr())
      guard current.kind == .comma else { break }
      advance()
    }
    try close(.closeBracket, opener: "[")
    return .list(items, at: at)
  }

  private mutating func close(_ kind: ExpressionToken.Kind, opener: String)
    throws(ExpressionFailure)
  {
    if current.kind == kind { return advance() }
    if current.kind == .end { throw ExpressionFailure(.unclosed(opener), at: current.offset) }
    let problem: ExpressionProblem =
      opener == "("
      ? .expectedOperator(found: current.spelling)
      : .expectedListSeparator(found: current.spelling)
    throw ExpressionFailure(problem, at: current.offset)
  }

  private func expectedValue() -> ExpressionFailure {
    let found = current.kind == .end ? nil : current.spelling
    return ExpressionFailure(
      .expectedValue(after: previous?.spelling, found: found), at: current.offset)
  }

  private mutating func nested(
    _ body: (inout Parser) throws(ExpressionFailure) -> Expression
  ) throws(ExpressionFailure) -> Expression {
    guard depth < Self.maximumDepth else {
      throw ExpressionFailure(.nestedTooDeeply, at: current.offset)
    }
    depth += 1
    defer { depth -= 1 }
    return try body(&self)
  }

  private mutating func advance() {
    if index < tokens.count - 1 { index += 1 }
  }
}
