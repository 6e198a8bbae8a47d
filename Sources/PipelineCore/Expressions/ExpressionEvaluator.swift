extension Expression {
  /// Evaluates the condition with parameter values from `lookup`; an unknown name or a type
  /// error is a diagnostic (at `location` plus the column of the offending part, if given).
  package func evaluate(_ lookup: (String) -> Value?, location: SourceLocation? = nil)
    throws(DiagnosticError) -> Bool
  {
    let result = withoutActuallyEscaping(lookup) { lookup in
      Result { () throws(ExpressionFailure) in
        try ExpressionEvaluator(lookup: lookup).truth(of: self)
      }
    }
    switch result {
    case .success(let truth): return truth
    case .failure(let failure):
      throw DiagnosticError(failure.problem.diagnostic(at: failure.offset, in: location))
    }
  }
}

/// Computes values and truth of expressions; `and` and `or` short-circuit, so a name on the
/// side that is not evaluated need not be bound.
struct ExpressionEvaluator {
  let lookup: (String) -> Value?

  func truth(of expression: Expression) throws(ExpressionFailure) -> Bool {
    ExpressionEvaluator.isTruthy(try value(of: expression))
  }

  func value(of expression: Expression) throws(ExpressionFailure) -> Value {
    switch expression {
    case .literal(let value, _): return value
    case .name(let name, let at):
      guard let value = lookup(name) else {
        throw ExpressionFailure(.unknownName(name), at: at.offset)
      }
      return value
    case .list(let items, _):
      var values: [Value] = []
      for item in items { values.append(try value(of: item)) }
      return .list(values)
    case .not(let operand, _): return .bool(!(try truth(of: operand)))
    case .and(let l, let r):
      guard try truth(of: l) else { return .bool(false) }
      return .bool(try truth(of: r))
    case .or(let l, let r):
      if try truth(of: l) { return .bool(true) }
      return .bool(try truth(of: r))
    case .comparison(let op, let l, let r, let at):
      return .bool(try compare(op, l, r, offset: at.offset))
    case .membership(let l, let r, let negated, let at):
      return .bool(try contains(r, l, negated: negated, offset: at.offset) != negated)
    }
  }

  private func compare(
    _ op: Expression.ComparisonOperator, _ l: Expression, _ r: Expression, offset: Int?
  ) throws(ExpressionFailure) -> Bool {
    let a = try value(of: l)
    let b = try value(of: r)
    let left = ExpressionProblem.Operand(l.text, ValueKind(of: a))
    let right = ExpressionProblem.Operand(r.text, ValueKind(of: b))
    if op.isOrdering {
      for side in [left, right] where !side.kind.isOrdered {
        throw ExpressionFailure(.cannotOrder(side, op: op.rawValue), at: offset)
      }
    }
    guard left.kind.isComparable(with: right.kind) else {
      throw ExpressionFailure(.cannotCompare(left, right, op: op.rawValue), at: offset)
    }
    switch op {
    case .equal: return ExpressionEvaluator.equal(a, b)
    case .notEqual: return !ExpressionEvaluator.equal(a, b)
    case .less: return ExpressionEvaluator.less(a, b)
    case .lessOrEqual: return ExpressionEvaluator.less(a, b) || ExpressionEvaluator.equal(a, b)
    case .greater: return ExpressionEvaluator.less(b, a)
    case .greaterOrEqual: return ExpressionEvaluator.less(b, a) || ExpressionEvaluator.equal(a, b)
    }
  }

  private func contains(
    _ collection: Expression, _ element: Expression, negated: Bool, offset: Int?
  )
    throws(ExpressionFailure) -> Bool
  {
    let needle = try value(of: element)
    let haystack = try value(of: collection)
    guard case .list(let items) = haystack else {
      let operand = ExpressionProblem.Operand(collection.text, ValueKind(of: haystack))
      throw ExpressionFailure(.notAList(operand, negated: negated), at: offset)
    }
    let kind = ValueKind(of: needle)
    if let first = items.first,
      !items.contains(where: { ValueKind(of: $0).isComparable(with: kind) })
    {
      let operand = ExpressionProblem.Operand(element.text, kind)
      throw ExpressionFailure(.elementMismatch(operand, elements: ValueKind(of: first)), at: offset)
    }
    return items.contains { ExpressionEvaluator.equal(needle, $0) }
  }
}

extension ExpressionEvaluator {
  /// Truth of a bare value: a bool; a non-empty string, secret, list or dict; a non-zero number.
  static func isTruthy(_ value: Value) -> Bool {
    switch value {
    case .bool(let b): return b
    case .int(let i): return i != 0
    case .float(let f): return f != 0
    case .string(let s): return !s.isEmpty
    case .secret(let s): return !s.revealed().isEmpty
    case .list(let items): return !items.isEmpty
    case .dict(let entries): return !entries.isEmpty
    case .null: return false
    }
  }

  /// Equality across kinds: numbers numerically, secrets as their text; different kinds are
  /// simply unequal (the callers report kind mismatches before asking).
  static func equal(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.list(let x), .list(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.dict(let x), .dict(let y)):
      return x.count == y.count
        && x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
    default:
      if let x = a.number, let y = b.number { return x == y }
      if let x = comparableText(a), let y = comparableText(b) { return x == y }
      return false
    }
  }

  /// Order of two numbers or two strings (the callers check the kinds first).
  static func less(_ a: Value, _ b: Value) -> Bool {
    if case .int(let x) = a, case .int(let y) = b { return x < y }
    if let x = a.number, let y = b.number { return x < y }
    if let x = comparableText(a), let y = comparableText(b) { return x < y }
    return false
  }

  private static func comparableText(_ value: Value) -> String? {
    switch value {
    case .string(let s): return s
    case .secret(let s): return s.revealed()
    default: return nil
    }
  }
}
