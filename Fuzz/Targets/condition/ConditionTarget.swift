import FuzzSupport
import PipelineCore

/// `when:` conditions: parse, print back, type-check against the fixture's parameters, and
/// evaluate and explain against its resolved values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCondition(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  check(input.rest())
  return 0
}

private func check(_ text: String) {
  let location = SourceLocation(file: "pipeline.yaml", line: 1, column: 7)
  let expression: Expression
  do {
    expression = try ExpressionParser.parse(text, location: location)
  } catch {
    fuzzRequire(!error.diagnostics.isEmpty, "a parse error without a diagnostic")
    _ = FuzzResolution.render(error.diagnostics, text: "when: " + text)
    return
  }
  // `text` is the normalized source: it reads back to the same condition and is stable.
  let printed = expression.text
  do {
    let again = try ExpressionParser.parse(printed)
    fuzzRequire(
      again == expression, "text \(fuzzShow(printed)) reads back as \(fuzzShow(again)), not \(fuzzShow(expression))")
    fuzzRequire(again.text == printed, "text is not stable: \(fuzzShow(printed)) then \(fuzzShow(again.text))")
  } catch {
    fuzzRequire(false, "text \(fuzzShow(printed)) of \(fuzzShow(text)) does not parse: \(error.diagnostics)")
  }
  let problems = expression.typeCheck(Fixture.types, location: location)
  _ = FuzzResolution.render(problems, text: "when: " + text)
  let snapshot = FuzzResolution.fixtureSnapshot
  let lookup: (String) -> Value? = { snapshot.value($0) }
  do {
    _ = try expression.evaluate(lookup, location: location)
  } catch {
    // A condition that type-checks evaluates without error once every name has a value.
    let bound = expression.referencedNames.allSatisfy { snapshot.value($0) != nil }
    fuzzRequire(
      !problems.isEmpty || !bound,
      "\(fuzzShow(text)) type-checks but fails to evaluate: \(error.diagnostics)")
  }
  let explanation = expression.explainFalse(lookup)
  fuzzRequire(
    !explanation.contains(Fixture.secretValue) || text.contains(Fixture.secretValue), "explainFalse shows the secret")
}
