extension Expression {
  /// Checks the condition against declared parameter types before anything runs: unknown
  /// names (with "did you mean"), comparisons that can never hold (a string with a number),
  /// ordering of bools, lists or secrets, `in` on a non-list, and literals that are not one
  /// of a choice parameter's choices. Returns every problem found.
  package func typeCheck(_ types: [String: ParameterType], location: SourceLocation?)
    -> [Diagnostic]
  {
    var checker = ExpressionTypeChecker(types: types, base: location)
    _ = checker.infer(self)
    return checker.diagnostics
  }
}

/// What is known about an operand's values before the run.
private struct StaticType {
  /// Nil when unknown (an unknown name, already reported).
  var kind: ValueKind?
  /// The allowed values, when the operand is a choice parameter.
  var choices: [String]? = nil
  /// For lists: what their items are, when known.
  var elementKind: ValueKind? = nil
  /// For lists of choices: the allowed item values.
  var elementChoices: [String]? = nil
  /// For a list written out whose items' kinds are all known: those kinds, in order (the
  /// evaluator refuses to look for a value none of them can equal, so the check does too).
  var itemKinds: [ValueKind]? = nil

  static let unknown = StaticType(kind: nil)
  static let bool = StaticType(kind: .bool)

  init(kind: ValueKind?, choices: [String]? = nil) {
    self.kind = kind
    self.choices = choices
  }

  init(_ type: ParameterType) {
    kind = ValueKind(of: type)
    if case .choice(let options) = type { choices = options }
    if case .list(let items) = type {
      elementKind = ValueKind(of: items)
      if case .choice(let options) = items { elementChoices = options }
    }
  }
}

/// Infers static types bottom-up and collects diagnostics on the way.
private struct ExpressionTypeChecker {
  let types: [String: ParameterType]
  let base: SourceLocation?
  var diagnostics: [Diagnostic] = []

  init(types: [String: ParameterType], base: SourceLocation?) {
    self.types = types
    self.base = base
  }

  mutating func infer(_ expression: Expression) -> StaticType {
    switch expression {
    case .literal(let value, _): return StaticType(kind: ValueKind(of: value))
    case .name(let name, let at):
      if let type = types[name] { return StaticType(type) }
      report(.unknownName(name), at: at, suggesting: name, from: types.keys)
      return .unknown
    case .list(let items, _): return inferList(items)
    case .not(let operand, _):
      _ = infer(operand)
      return .bool
    case .and(let l, let r), .or(let l, let r):
      _ = infer(l)
      _ = infer(r)
      return .bool
    case .comparison(let op, let l, let r, let at):
      checkComparison(op, l, r, at: at)
      return .bool
    case .membership(let l, let r, let negated, let at):
      checkMembership(l, r, negated: negated, at: at)
      return .bool
    }
  }

  private mutating func inferList(_ items: [Expression]) -> StaticType {
    let kinds = items.map { infer($0).kind }
    var type = StaticType(kind: .list)
    if let first = kinds.first, let kind = first, kinds.allSatisfy({ $0 == kind }) {
      type.elementKind = kind
    }
    if kinds.allSatisfy({ $0 != nil }) { type.itemKinds = kinds.compactMap(\.self) }
    return type
  }

  private mutating func checkComparison(
    _ op: Expression.ComparisonOperator, _ l: Expression, _ r: Expression,
    at: Expression.Position
  ) {
    let left = infer(l)
    let right = infer(r)
    guard let leftKind = left.kind, let rightKind = right.kind else { return }
    let notes = Self.notNote(op, l, r)
    if op.isOrdering {
      for (side, kind) in [(l, leftKind), (r, rightKind)] where !kind.isOrdered {
        return report(.cannotOrder(.init(side.text, kind), op: op.rawValue), at: at, notes: notes)
      }
    }
    guard leftKind.isComparable(with: rightKind) else {
      let problem = ExpressionProblem.cannotCompare(
        .init(l.text, leftKind), .init(r.text, rightKind), op: op.rawValue)
      return report(problem, at: at, notes: notes)
    }
    checkChoice(literal: r, against: left.choices, parameter: l)
    checkChoice(literal: l, against: right.choices, parameter: r)
  }

  private mutating func checkMembership(
    _ l: Expression, _ r: Expression, negated: Bool, at: Expression.Position
  ) {
    let element = infer(l)
    let collection = infer(r)
    guard let collectionKind = collection.kind else { return }
    guard collectionKind == .list else {
      return report(.notAList(.init(r.text, collectionKind), negated: negated), at: at)
    }
    if let kind = element.kind, let items = collection.elementKind, !kind.isComparable(with: items) {
      return report(.elementMismatch(.init(l.text, kind), elements: items), at: at)
    }
    if let kind = element.kind, let items = collection.itemKinds, let first = items.first,
      !items.contains(where: { kind.isComparable(with: $0) })
    {
      return report(.elementMismatch(.init(l.text, kind), elements: first), at: at)
    }
    if case .list(let items, _) = r {
      for item in items { checkChoice(literal: item, against: element.choices, parameter: l) }
    }
    checkChoice(literal: l, against: collection.elementChoices, parameter: r)
  }

  /// Reports a string literal compared with a choice parameter that cannot take its value.
  private mutating func checkChoice(
    literal: Expression, against choices: [String]?, parameter: Expression
  ) {
    guard let choices, case .literal(.string(let text), let at) = literal,
      !choices.contains(text)
    else { return }
    let problem = ExpressionProblem.notAChoice(
      literal: literal.text, parameter: parameter.text, choices: choices)
    report(problem, at: at, suggesting: text, from: choices)
  }

  /// A hint when `not x == y` was probably meant as `not (x == y)`.
  private static func notNote(
    _ op: Expression.ComparisonOperator, _ l: Expression, _ r: Expression
  ) -> [String] {
    guard case .not(let operand, _) = l else { return [] }
    let meant = Expression.comparison(op, operand, r).text
    return [
      "'not' applies to '\(operand.text)' alone; write 'not (\(meant))' to negate the comparison"
    ]
  }

  private mutating func report(
    _ problem: ExpressionProblem, at: Expression.Position, notes: [String] = [],
    suggesting word: String? = nil, from candidates: some Sequence<String> = [String]()
  ) {
    var diagnostic = problem.diagnostic(at: at.offset, in: base)
    diagnostic.notes += notes
    if let word { diagnostic = diagnostic.suggesting(word, from: candidates) }
    diagnostics.append(diagnostic)
  }
}
