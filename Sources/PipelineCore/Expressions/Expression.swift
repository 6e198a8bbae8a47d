/// A parsed `when:` condition (or breakpoint condition) over parameters.
///
/// Nodes remember where they were written (`Position`) so that type errors point at the
/// right column, but positions take no part in equality: `a>1` and `a > 1` are the same
/// condition. `text` gives the normalized source back for display.
package indirect enum Expression: Sendable, Hashable {
  /// A literal: int, float, string or bool.
  case literal(Value, at: Position = .unknown)
  /// A parameter name such as `epochs` or `train.lr`.
  case name(String, at: Position = .unknown)
  /// A list literal such as `[1, 2, 'a']`.
  case list([Expression], at: Position = .unknown)
  /// `not operand`.
  case not(Expression, at: Position = .unknown)
  /// `left and right`, evaluated left to right with short-circuit.
  case and(Expression, Expression)
  /// `left or right`, evaluated left to right with short-circuit.
  case or(Expression, Expression)
  /// `left OP right` for one of `==` `!=` `<` `<=` `>` `>=`; the position is the operator's.
  case comparison(ComparisonOperator, Expression, Expression, at: Position = .unknown)
  /// `element in collection`, or `element not in collection` when negated.
  case membership(Expression, Expression, negated: Bool, at: Position = .unknown)

  /// Where a node starts in the condition's text: a 0-based column offset.
  ///
  /// Every position equals every other, so that positions never change an expression's
  /// identity or hash.
  package struct Position: Sendable, Hashable {
    /// The 0-based offset, in Unicode scalars (as libyaml counts columns), from the start of
    /// the condition text.
    package var offset: Int?

    /// A node built in code rather than parsed.
    package static let unknown = Position(offset: nil)

    /// Creates a position at an offset.
    package init(offset: Int?) { self.offset = offset }

    /// Always true: where a node was written is not part of what it means.
    package static func == (_: Position, _: Position) -> Bool { true }
    /// Adds nothing, consistent with `==`.
    package func hash(into hasher: inout Hasher) {}

    /// The source location of this position, given where the condition text starts.
    package func location(in base: SourceLocation?) -> SourceLocation? {
      guard var base else { return nil }
      base.column += offset ?? 0
      return base
    }
  }

  /// The comparison operators.
  package enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// True for `<` `<=` `>` `>=`, which need values with an order.
    package var isOrdering: Bool { self != .equal && self != .notEqual }
  }
}

extension Expression {
  /// The parameter names the expression reads.
  package var referencedNames: Set<String> { Set(namesInOrder) }

  /// The parameter names in the order they first appear, without repeats.
  package var namesInOrder: [String] {
    var seen: Set<String> = []
    var names: [String] = []
    visitNames { name in
      if seen.insert(name).inserted { names.append(name) }
    }
    return names
  }

  /// Where this node was written, when it was parsed.
  package var position: Position {
    switch self {
    case .literal(_, let at), .name(_, let at), .list(_, let at), .not(_, let at):
      return at
    case .comparison(_, _, _, let at), .membership(_, _, _, let at):
      return at
    case .and(let left, _), .or(let left, _):
      return left.position
    }
  }

  private func visitNames(_ body: (String) -> Void) {
    switch self {
    case .literal: break
    case .name(let name, _): body(name)
    case .list(let items, _): for item in items { item.visitNames(body) }
    case .not(let operand, _): operand.visitNames(body)
    case .and(let l, let r), .or(let l, let r), .comparison(_, let l, let r, _),
      .membership(let l, let r, _, _):
      l.visitNames(body)
      r.visitNames(body)
    }
  }
}
