// Temporary stand-in until the expression language lands.
package struct Expression: Sendable, Hashable {
  package var text: String
  package var referencedNames: Set<String> {
    Set(text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }).map(String.init)
      .filter { ParameterName.isValid($0) && !["and", "or", "not", "in", "true", "false"].contains($0) })
  }
  package func evaluate(_ lookup: (String) -> Value?) throws(DiagnosticError) -> Bool { true }
  package func explainFalse(_ lookup: (String) -> Value?) -> String { "\(text) is false" }
  package func typeCheck(_ types: [String: ParameterType], location: SourceLocation?) -> [Diagnostic] { [] }
}
package enum ExpressionParser {
  package static func parse(_ text: String, location: SourceLocation? = nil) throws(DiagnosticError) -> Expression {
    Expression(text: text)
  }
}
