/// Everything that can be wrong with a condition, as data; `message` is the one place that
/// turns a problem into text.
package enum ExpressionProblem: Sendable, Hashable {
  /// A character that starts no token, such as `&`; `hint` is what to write instead.
  case unexpectedCharacter(Character, hint: String?)
  /// A quoted string with no closing quote.
  case unterminatedString
  /// A number the lexer could not read, such as `1e`.
  case invalidNumber(String)
  /// A number too large for an int (`99999999999999999999`) or a float (`1e400`).
  case numberOutOfRange(String)
  /// A value was needed after a token (or at the start when `after` is nil); `found` is
  /// the token there instead, nil at the end of the text.
  case expectedValue(after: String?, found: String?)
  /// A `(` or `[` was never closed.
  case unclosed(String)
  /// A token that cannot follow a complete operand.
  case expectedOperator(found: String)
  /// A list literal whose items are not separated by commas.
  case expectedListSeparator(found: String)
  /// A `)` or `]` with nothing open.
  case unmatched(String)
  /// Parentheses or lists nested deeper than anyone writes by hand.
  case nestedTooDeeply
  /// `a < b < c`: comparisons do not chain.
  case chainedComparison(String)
  /// `not` after an operand must be followed by `in`.
  case expectedInAfterNot
  /// A name that is not a declared parameter.
  case unknownName(String)
  /// `==`-style comparison of two kinds that can never be equal.
  case cannotCompare(Operand, Operand, op: String)
  /// An ordering operator applied to a kind without an order.
  case cannotOrder(Operand, op: String)
  /// `in` with something other than a list on its right.
  case notAList(Operand, negated: Bool)
  /// Looking for one kind of value in a list of another kind.
  case elementMismatch(Operand, elements: ValueKind)
  /// A literal compared with a choice parameter that is not one of its choices.
  case notAChoice(literal: String, parameter: String, choices: [String])

  /// What a message says about one side of an operator: its source text and kind.
  package struct Operand: Sendable, Hashable {
    /// The operand's source text (never a secret's value).
    package var text: String
    /// What kind of value it is.
    package var kind: ValueKind
    /// Creates an operand description.
    package init(_ text: String, _ kind: ValueKind) {
      self.text = text
      self.kind = kind
    }
    var described: String { "\(text) (\(kind.article))" }
  }

  /// The problem as one sentence.
  package var message: String {
    switch self {
    case .unexpectedCharacter(let c, let hint):
      let base = "unexpected character '\(c)'"
      return hint.map { base + "; use '\($0)'" } ?? base
    case .unterminatedString: return "unterminated string: expected a closing quote"
    case .invalidNumber(let text): return "'\(text)' is not a number"
    case .numberOutOfRange(let text): return "'\(text)' is out of range"
    case .expectedValue(let after, let found):
      switch (after, found) {
      case (let after?, nil): return "expected a value after '\(after)'"
      case (let after?, let found?): return "expected a value after '\(after)', found '\(found)'"
      case (nil, let found?): return "expected a value, found '\(found)'"
      case (nil, nil): return "expected a condition, found nothing"
      }
    case .unclosed(let bracket):
      return "expected '\(bracket == "(" ? ")" : "]")' to close '\(bracket)'"
    case .expectedOperator(let found):
      return "expected 'and', 'or' or a comparison before '\(found)'"
    case .expectedListSeparator(let found):
      return "expected ',' or ']' after a list item, found '\(found)'"
    case .unmatched(let bracket): return "unmatched '\(bracket)'"
    case .nestedTooDeeply: return "condition is nested too deeply"
    case .chainedComparison(let op):
      return "comparisons cannot be chained: '\(op)' follows a comparison; join them with 'and'"
    case .expectedInAfterNot: return "expected 'in' after 'not'"
    case .unknownName(let name): return "unknown parameter '\(name)'"
    case .cannotCompare(let l, let r, let op):
      return "'\(op)' cannot compare \(l.described) with \(r.described)"
    case .cannotOrder(let operand, let op):
      if operand.kind == .secret {
        return "'\(op)' cannot order \(operand.described): secrets allow only '==' and '!='"
      }
      return "'\(op)' needs numbers or strings, but \(operand.text) is \(operand.kind.article)"
    case .notAList(let operand, let negated):
      let keyword = negated ? "not in" : "in"
      return
        "'\(keyword)' needs a list on its right, but \(operand.text) is \(operand.kind.article)"
    case .elementMismatch(let operand, let elements):
      return "cannot look for \(operand.described) in a list of \(elements.plural)"
    case .notAChoice(let literal, let parameter, let choices):
      return "\(literal) is not a choice of \(parameter) ("
        + choices.joined(separator: ", ") + ")"
    }
  }

  /// The problem as a diagnostic at an offset into a condition that starts at `base`.
  package func diagnostic(at offset: Int?, in base: SourceLocation?) -> Diagnostic {
    Diagnostic(message, at: Expression.Position(offset: offset).location(in: base))
  }
}
