import Testing

@testable import PipelineCore

@Suite struct ExpressionParserTests {
  @Test(arguments: [
    ("a>1", "a > 1"),
    ("a  and b   or c", "a and b or c"),
    ("a or b and c", "a or b and c"),
    ("(a or b) and c", "(a or b) and c"),
    ("a and (b and c)", "a and (b and c)"),
    ("((a))", "a"),
    ("not a and b", "not a and b"),
    ("not (a and b)", "not (a and b)"),
    ("not not a", "not not a"),
    ("not (a == 1)", "not (a == 1)"),
    ("x in [1,2, 'a']", "x in [1, 2, 'a']"),
    ("x not in [1,]", "x not in [1]"),
    ("x in []", "x in []"),
    ("x in names", "x in names"),
    ("\"s\" == name", "'s' == name"),
    (#"s == 'it\'s'"#, #"s == 'it\'s'"#),
    ("-1 < x and x < -2.5", "-1 < x and x < -2.5"),
    ("lr >= 1e-3", "lr >= 0.001"),
    ("lr == 2.0", "lr == 2.0"),
    ("flag != true and other == false", "flag != true and other == false"),
    ("train.lr < 0.1", "train.lr < 0.1"),
    ("_x_1 <= 3", "_x_1 <= 3"),
  ])
  func normalizesText(source: String, text: String) throws {
    #expect(try ExpressionParser.parse(source).text == text)
  }

  @Test(arguments: Expression.ComparisonOperator.allCases)
  func parsesEveryComparison(op: Expression.ComparisonOperator) throws {
    let parsed = try ExpressionParser.parse("x \(op.rawValue) 1")
    #expect(parsed == .comparison(op, .name("x"), .literal(.int(1))))
  }

  @Test func comparisonBindsTighterThanNotThenAndThenOr() throws {
    let a = Expression.name("a")
    let b = Expression.name("b")
    let c = Expression.name("c")
    #expect(try ExpressionParser.parse("a or b and c") == .or(a, .and(b, c)))
    #expect(try ExpressionParser.parse("a and b or c") == .or(.and(a, b), c))
    #expect(try ExpressionParser.parse("a and b and c") == .and(.and(a, b), c))
    #expect(try ExpressionParser.parse("not a == b") == .not(.comparison(.equal, a, b)))
    #expect(try ExpressionParser.parse("not a and b") == .and(.not(a), b))
    #expect(
      try ExpressionParser.parse("a == 1 or b in [2]")
        == .or(
          .comparison(.equal, a, .literal(.int(1))),
          .membership(b, .list([.literal(.int(2))]), negated: false)))
  }

  @Test func literalsHaveTheirTypes() throws {
    let parsed = try ExpressionParser.parse("[1, 2.5, 'a', \"b\", true, false, -3]")
    let values: [Value] = [
      .int(1), .float(2.5), .string("a"), .string("b"), .bool(true), .bool(false), .int(-3),
    ]
    #expect(parsed == .list(values.map { .literal($0) }))
  }

  @Test func positionsDoNotChangeIdentity() throws {
    let tight = try ExpressionParser.parse("a>1")
    let loose = try ExpressionParser.parse("a   >   1")
    #expect(tight == loose)
    #expect(tight.hashValue == loose.hashValue)
    guard case .comparison(_, _, _, let at) = loose else { throw Failure("not a comparison") }
    #expect(at.offset == 4)
  }

  @Test func referencedNamesAreCollectedOnce() throws {
    let parsed = try ExpressionParser.parse("a and train.lr > 1 or a in [d, 'e']")
    #expect(parsed.referencedNames == ["a", "train.lr", "d"])
    #expect(parsed.namesInOrder == ["a", "train.lr", "d"])
  }

  static let base = SourceLocation(file: "pipeline.yaml", line: 3, column: 11)

  @Test(arguments: [
    ("epochs >", "expected a value after '>'", 8),
    ("", "expected a condition, found nothing", 0),
    ("a and", "expected a value after 'and'", 5),
    ("a and or b", "expected a value after 'and', found 'or'", 6),
    ("> 1", "expected a value, found '>'", 0),
    ("a b", "expected 'and', 'or' or a comparison before 'b'", 2),
    ("(a or b", "expected ')' to close '('", 7),
    ("(a b)", "expected 'and', 'or' or a comparison before 'b'", 3),
    ("x in [1, 2", "expected ']' to close '['", 10),
    ("x in [1 2]", "expected ',' or ']' after a list item, found '2'", 8),
    ("a = 1", "unexpected character '='; use '=='", 2),
    ("a && b", "unexpected character '&'; use 'and'", 2),
    ("!a", "unexpected character '!'; use 'not'", 0),
    ("a # b", "unexpected character '#'", 2),
    ("name == 'abc", "unterminated string: expected a closing quote", 8),
    (
      "a < b < c", "comparisons cannot be chained: '<' follows a comparison; join them with 'and'",
      6
    ),
    (
      "a == b in c",
      "comparisons cannot be chained: 'in' follows a comparison; join them with 'and'", 7
    ),
    ("a not b", "expected 'in' after 'not'", 6),
    ("a)", "unmatched ')'", 1),
    ("x > 1e", "'1e' is not a number", 4),
    ("x > 99999999999999999999", "'99999999999999999999' is out of range", 4),
    ("x > 1e400", "'1e400' is out of range", 4),
    ("x > -y", "expected a value after '-', found 'y'", 5),
  ])
  func reportsWhatWasExpectedAndWhere(source: String, message: String, offset: Int) {
    #expect(throws: DiagnosticError.self) {
      try ExpressionParser.parse(source, location: Self.base)
    }
    do {
      _ = try ExpressionParser.parse(source, location: Self.base)
    } catch {
      #expect(error.diagnostics.count == 1)
      #expect(error.diagnostics.first?.message == message)
      #expect(error.diagnostics.first?.location?.column == Self.base.column + offset)
      #expect(error.diagnostics.first?.location?.line == 3)
    }
  }

  @Test func errorsWithoutALocationHaveNone() {
    do {
      _ = try ExpressionParser.parse("a >")
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostics.first?.location == nil)
    }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    for opener in ["(", "[", "not "] {
      let source = String(repeating: opener, count: 500) + "a"
      #expect(throws: DiagnosticError.self) { try ExpressionParser.parse(source) }
    }
  }
}

struct Failure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
