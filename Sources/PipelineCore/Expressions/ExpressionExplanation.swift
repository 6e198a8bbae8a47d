extension Expression {
  /// Says why the condition is false, for a skipped step's reason: the first false part of an
  /// `and`, every part of an `or`, with the values of the parameters involved, e.g.
  /// `epochs > 0 is false (epochs = 0)`. Secrets show as `****`.
  package func explainFalse(_ lookup: (String) -> Value?) -> String {
    withoutActuallyEscaping(lookup) { lookup in
      ExpressionExplainer(evaluator: ExpressionEvaluator(lookup: lookup)).explain(self)
    }
  }
}

/// Builds the text of `explainFalse`, walking down to the parts that decided the outcome.
private struct ExpressionExplainer {
  let evaluator: ExpressionEvaluator

  func explain(_ expression: Expression) -> String {
    let truth: Bool
    do {
      truth = try evaluator.truth(of: expression)
    } catch {
      return "\(expression.text) cannot be evaluated: \(error.problem.message)"
    }
    return truth ? "\(expression.text) is true" : reasonFalse(expression)
  }

  /// Why an expression known to be false is false.
  private func reasonFalse(_ expression: Expression) -> String {
    switch expression {
    case .and(let l, let r):
      return holds(l) ? reasonFalse(r) : reasonFalse(l)
    case .or(let l, let r):
      return reasonFalse(l) + ", and " + reasonFalse(r)
    case .not(let operand, _):
      return describe(operand, outcome: true)
    default:
      return describe(expression, outcome: false)
    }
  }

  /// `name is VALUE` for a bare name, else `TEXT is true/false (name = value, ...)`.
  private func describe(_ expression: Expression, outcome: Bool) -> String {
    if case .name(let name, _) = expression, let value = evaluator.lookup(name) {
      return "\(name) is \(Self.describe(value))"
    }
    let head = "\(expression.text) is \(outcome)"
    let values = expression.namesInOrder.compactMap { name in
      evaluator.lookup(name).map { "\(name) = \(Expression.literalText($0))" }
    }
    return values.isEmpty ? head : head + " (" + values.joined(separator: ", ") + ")"
  }

  private func holds(_ expression: Expression) -> Bool {
    (try? evaluator.truth(of: expression)) ?? false
  }

  /// A value as the subject of "is": secrets say only whether they are empty.
  private static func describe(_ value: Value) -> String {
    guard case .secret = value else { return Expression.literalText(value) }
    return ExpressionEvaluator.isTruthy(value) ? "set" : "empty"
  }
}
