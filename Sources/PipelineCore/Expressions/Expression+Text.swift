/// Normalized source text of expressions, and values written the way conditions write them.
extension Expression {
  /// The expression as normalized source: single spaces around operators, strings in single
  /// quotes, and parentheses only where precedence needs them.
  package var text: String {
    switch self {
    case .literal(let value, _): return Expression.literalText(value)
    case .name(let name, _): return name
    case .list(let items, _): return "[" + items.map(\.text).joined(separator: ", ") + "]"
    case .not(let operand, _): return "not " + operand.text(atLeast: .unary)
    case .and(let l, let r):
      return l.text(atLeast: .and) + " and " + r.text(atLeast: .comparison)
    case .or(let l, let r):
      return l.text(atLeast: .or) + " or " + r.text(atLeast: .and)
    // The operands of a comparison are primaries (`not a == b` is `not (a == b)`), so a
    // `not` there needs its parentheses.
    case .comparison(let op, let l, let r, _):
      return l.text(atLeast: .primary) + " \(op.rawValue) " + r.text(atLeast: .primary)
    case .membership(let l, let r, let negated, _):
      let keyword = negated ? " not in " : " in "
      return l.text(atLeast: .primary) + keyword + r.text(atLeast: .primary)
    }
  }

  /// A value written as a condition literal: `'text'`, `3`, `0.5`, `true`, `[1, 2]`;
  /// secrets show as `****`.
  package static func literalText(_ value: Value) -> String {
    switch value {
    case .string(let s): return quoted(s)
    case .list(let items): return "[" + items.map(literalText).joined(separator: ", ") + "]"
    case .dict(let entries):
      let inner = entries.sorted { $0.key < $1.key }.map { "\($0.key): " + literalText($0.value) }
      return "{" + inner.joined(separator: ", ") + "}"
    default: return value.text
    }
  }

  /// Binding strength, weakest first; a child weaker than its slot needs parentheses.
  enum Precedence: Int, Comparable {
    case or, and, comparison, unary, primary

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
  }

  var precedence: Precedence {
    switch self {
    case .literal, .name, .list: return .primary
    case .not: return .unary
    case .comparison, .membership: return .comparison
    case .and: return .and
    case .or: return .or
    }
  }

  private func text(atLeast required: Precedence) -> String {
    precedence < required ? "(" + text + ")" : text
  }

  private static func quoted(_ s: String) -> String { Value.quoted(s, mark: "'") }
}

extension Expression: CustomStringConvertible {
  /// The normalized source text, so an expression prints as it reads.
  package var description: String { text }
}
