/// Checks a typed value against its parameter's constraints (range, pattern, length).
package enum ConstraintChecker {
  /// Returns the first problem, or nil when the value fits. Never puts a secret in the text.
  package static func check(_ value: Value, against spec: ParameterSpec) -> ValueProblem? {
    switch value {
    case .int, .float:
      guard let n = value.number else { return nil }
      if let minimum = spec.minimum, n < minimum {
        return .belowMinimum(text: value.text, minimum: Value.format(minimum).trimmedZero)
      }
      if let maximum = spec.maximum, n > maximum {
        return .aboveMaximum(text: value.text, maximum: Value.format(maximum).trimmedZero)
      }
    case .string(let s):
      return checkText(s, spec: spec, shown: s)
    case .secret(let secret):
      let s = secret.revealed()
      if s.count < Secret.minimumLength { return .secretTooShort }
      if s.utf8.count > Secret.maximumBytes { return .secretTooLong(bytes: s.utf8.count) }
      return checkText(s, spec: spec, shown: Secret.mask)
    case .list(let items):
      if let problem = checkLength(items.count, spec: spec) { return problem }
    default:
      break
    }
    return nil
  }

  private static func checkText(_ s: String, spec: ParameterSpec, shown: String) -> ValueProblem? {
    // Counting characters walks the whole text: only when a length is constrained.
    if spec.minLength != nil || spec.maxLength != nil, let problem = checkLength(s.count, spec: spec) { return problem }
    if let pattern = spec.pattern {
      guard let regex = try? Regex(pattern) else { return .invalidPattern(pattern: pattern) }
      if (try? regex.firstMatch(in: s)) == nil {
        return .patternMismatch(text: shown, pattern: pattern)
      }
    }
    return nil
  }

  private static func checkLength(_ length: Int, spec: ParameterSpec) -> ValueProblem? {
    if let minimum = spec.minLength, length < minimum { return .tooShort(length: length, minimum: minimum) }
    if let maximum = spec.maxLength, length > maximum { return .tooLong(length: length, maximum: maximum) }
    return nil
  }
}

extension String {
  /// `10.0` becomes `10`; other text is unchanged.
  package var trimmedZero: String { hasSuffix(".0") ? String(dropLast(2)) : self }
}
