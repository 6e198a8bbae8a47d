/// A `when:` condition in Argo's expression syntax: an expression tag `{{= EXPR }}`, which Argo
/// evaluates with expr-lang and whose `true` or `false` its `when` (govaluate) then reads.
///
/// An expression tag reads each parameter as a value (`workflow.parameters['epochs']`) instead
/// of pasting its text into the condition, as a plain `{{workflow.parameters.epochs}}` would:
/// a value holding a quote, a space or an operator cannot change what the condition means.
/// Parameters arrive as strings, so numbers go through `asInt`/`asFloat` and booleans compare
/// with `'true'` (their `enum` keeps them to `true`/`false`); truth follows pipeshell's (a
/// non-zero number, a non-empty string). String literals escape `{` and `}` so the tag's `}}`
/// cannot occur inside it.
struct ArgoCondition {
  let pipeline: Pipeline
  let snapshot: Snapshot
  let names: ArgoNames
  let step: String
  /// The values the steps read from files: written as literals (they are not parameters).
  var fileValues = ArgoFileValues()

  /// The kinds an expression has here (what pipeshell's evaluator tells apart).
  enum Kind { case number, string, bool, list }

  /// `{{= ... }}` for the condition.
  func tag(_ expression: Expression) throws(ArgoExportProblem) -> String {
    "{{= " + (try truth(expression)) + " }}"
  }

  /// The expression as an expr-lang boolean, by pipeshell's truth rules.
  func truth(_ expression: Expression) throws(ArgoExportProblem) -> String {
    let (text, kind) = try term(expression)
    switch kind {
    case .bool: return text
    case .number: return "(\(text) != 0)"
    case .string: return "(\(text) != '')"
    case .list: return "(len(\(text)) > 0)"
    }
  }

  func term(_ expression: Expression) throws(ArgoExportProblem) -> (String, Kind) {
    switch expression {
    case .literal(let value, _): return try literal(value)
    case .name(let name, _): return try parameter(name)
    case .list(let items, _):
      var texts: [String] = []
      for item in items { texts.append(try term(item).0) }
      return ("[" + texts.joined(separator: ", ") + "]", .list)
    case .not(let operand, _): return ("!" + (try truth(operand)), .bool)
    case .and(let left, let right): return ("(\(try truth(left)) && \(try truth(right)))", .bool)
    case .or(let left, let right): return ("(\(try truth(left)) || \(try truth(right)))", .bool)
    case .comparison(let op, let left, let right, _):
      return ("(\(try term(left).0) \(op.rawValue) \(try term(right).0))", .bool)
    case .membership(let element, let collection, let negated, _):
      let (list, kind) = try term(collection)
      guard kind == .list else { throw unsupported("'in' needs a list written in the condition") }
      let test = "(\(try term(element).0) in \(list))"
      return (negated ? "!" + test : test, .bool)
    }
  }

  private func parameter(_ name: String) throws(ArgoExportProblem) -> (String, Kind) {
    if let value = fileValues.value(of: name) { return try literal(value) }
    guard let spec = pipeline.parameter(name), let argoName = names.parameters[name] else {
      throw unsupported("'\(name)' is not a declared parameter")
    }
    if spec.isSecret || (snapshot.parameters[name]?.isSecret ?? false) {
      throw unsupported("it reads secret '\(name)', which is not an Argo parameter")
    }
    let reference = "workflow.parameters['\(argoName)']"
    switch spec.type {
    case .int: return ("asInt(\(reference))", .number)
    case .float: return ("asFloat(\(reference))", .number)
    case .bool: return ("(\(reference) == 'true')", .bool)
    case .string, .choice, .path: return (reference, .string)
    case .list, .dict, .secret, .any: throw unsupported("it reads \(spec.type.name) parameter '\(name)'")
    }
  }

  private func literal(_ value: Value) throws(ArgoExportProblem) -> (String, Kind) {
    switch value {
    case .int(let number): return (String(number), .number)
    case .float(let number):
      guard number.isFinite else { throw unsupported("the number \(number) has no literal in Argo's expressions") }
      return (Self.floatLiteral(number), .number)
    case .bool(let flag): return (flag ? "true" : "false", .bool)
    case .string(let text): return (Self.quoted(text), .string)
    case .list(let items):
      var texts: [String] = []
      for item in items { texts.append(try literal(item).0) }
      return ("[" + texts.joined(separator: ", ") + "]", .list)
    case .dict, .secret, .null: throw unsupported("a \(value) literal has no counterpart in Argo's expressions")
    }
  }

  private func unsupported(_ reason: String) -> ArgoExportProblem {
    .untranslatableCondition(step: step, reason: reason)
  }

  /// A float as expr-lang reads it back: always with a `.` or an exponent.
  static func floatLiteral(_ number: Double) -> String {
    let text = "\(number)"
    return text.contains(".") || text.contains("e") ? text : text + ".0"
  }

  /// A string literal in single quotes: `\` and `'` escaped, control characters, `{` and `}`
  /// as `\u` escapes (so `}}` cannot end the tag early and `{{` cannot start another).
  static func quoted(_ text: String) -> String {
    var out = "'"
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "'": out += "\\'"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "{", "}": out += "\\u" + hex4(scalar.value)
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u" + hex4(scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "'"
  }

  private static func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
