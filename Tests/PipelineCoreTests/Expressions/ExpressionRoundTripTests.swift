import Testing

@testable import PipelineCore

/// A condition's `text` reads back as the same condition (found by fuzzing, `Scripts/fuzz condition`).
@Suite struct ExpressionRoundTripTests {
  @Test(arguments: [
    // `(not a) == b` is not `not a == b`, which means `not (a == b)`.
    "(not flag) == false",
    "(not a) in [true]",
    "[1] == [(not b)]",
    // A tab, then a combining mark: as characters the escape `\t` would take the mark and
    // read back as a `t`.
    "name == '\t\u{355}x'",
    "name == 'a\\\t\u{301}'",
    // A string that starts with a combining mark, just after its opening quote.
    "name == '\u{301}x'",
    "name == \"it\\'s\u{301}\"",
    // A key path whose first key is a number is written `[1]...`: `1[...]` reads as a number.
    "[1][1= \\[(b\u{01}\0\0\n ]",
    "[0].a == 1",
    // A key with `--` is written in brackets: the condition reads `-` only between characters.
    "b[zz--Ra--0epochs-x]",
    "a[-x] == a[x-]",
    // A first key that is a word of the conditions stays in brackets.
    "[not][]",
    "[in].x in [1]",
    // A list holding a name with a bracketed key, then more keys; a key holding a bracket.
    "x in[1,2,lrpip.-y.pip.-y.-y.pit.-r]",
    "a[b\\[0\\]].c == 1",
    // A bracket followed by a combining mark is still a bracket.
    "A[i2x \\[\u{311}5\\\\].b == 1",
  ])
  func textReadsBackAsTheSameCondition(source: String) throws {
    let parsed = try ExpressionParser.parse(source)
    let again = try ExpressionParser.parse(parsed.text)
    #expect(again == parsed, "\(parsed.text)")
    #expect(again.text == parsed.text)
  }

  @Test func aFirstKeyThatIsANumberStaysInBrackets() throws {
    #expect(try ExpressionParser.parse("[0].a == 1").text == "[0].a == 1")
    #expect(ParameterName.canonical("[0][a]") == "[0].a")
    #expect(ParameterName.canonical("train.log-level") == "train.log-level")
    #expect(ParameterName.canonical("b.zz--x") == "b[zz--x]")
  }

  @Test func notBeforeAComparisonOperandKeepsItsParentheses() throws {
    let parsed = try ExpressionParser.parse("(not flag) == false")
    #expect(parsed == .comparison(.equal, .not(.name("flag")), .literal(.bool(false))))
    #expect(parsed.text == "(not flag) == false")
    #expect(try ExpressionParser.parse("not flag == false").text == "not (flag == false)")
  }

  @Test func stringsKeepCombiningMarksAfterEscapes() throws {
    let parsed = try ExpressionParser.parse("s == '\\t\u{301}'")
    #expect(parsed == .comparison(.equal, .name("s"), .literal(.string("\t\u{301}"))))
  }

  @Test func offsetsCountUnicodeScalarsAsLibyamlCountsColumns() {
    do {
      _ = try ExpressionParser.parse("'e\u{301}' == &", location: .init(file: "p.yaml", line: 1, column: 1))
      Issue.record("expected an error")
    } catch {
      // `'é'` written as e and a combining acute is four scalars, then a space, `==`, a space.
      #expect(error.diagnostics.first?.location?.column == 1 + 8)
    }
  }

  @Test(arguments: ["x < 1e400", "x > -1e309", "x == 99999999999999999999"])
  func numbersOutOfRangeAreErrors(source: String) {
    #expect(throws: DiagnosticError.self) { try ExpressionParser.parse(source) }
  }
}
