import Testing

@testable import PipelineCore

/// `Value.literal` reads back to the same value; cases found by fuzzing (`Scripts/fuzz value`).
@Suite struct ValueLiteralTests {
  @Test(arguments: [
    (Value.dict(["+ea}": .string("ml, size")]), ParameterType.dict),
    (.dict(["a: b": .int(1), "": .bool(true), "x y": .list([.int(2)]), "team": .string("ml")]), .dict),
    (.dict(["quote\"key": .float(0.5), "-dash": .string("v")]), .dict),
    (
      .list([.string("a\u{1}b"), .string("tab\tand\nnewline"), .string("\u{7f}\u{85}\u{2028}")]), .list(items: .string)
    ),
    (.list([.dict(["k{": .string("}")])]), .list(items: .dict)),
  ])
  func literalReadsBackToTheSameValue(value: Value, type: ParameterType) {
    #expect(ValueParser.parse(value.literal, as: type) == .success(value), "\(value.literal)")
  }

  /// `1e999` was inferred as infinity, written `inf` and read back as the string "inf".
  @Test func numbersTooLargeForAFloatAreInferredAsText() throws {
    let node = try YAMLReader().read("{a: 1e999, b: -1e400, c: 1e308}", file: "<value>")
    let value = ValueParser.inferred(node)
    #expect(value == .dict(["a": .string("1e999"), "b": .string("-1e400"), "c": .float(1e308)]))
    #expect(ValueParser.parse(value.literal, as: .dict) == .success(value))
  }

  @Test func plainKeysStayBare() {
    #expect(Value.dict(["team": .string("ml"), "train.lr": .float(0.1)]).display == #"{team: "ml", train.lr: 0.1}"#)
  }

  /// A value with control codes is shown escaped, so a table cannot send them to the terminal.
  @Test func controlCodesAreEscapedWhenShown() {
    #expect(Value.string("\u{1b}[31mred").display == #""\u001B[31mred""#)
    #expect(Value.list([.string("a\rb")]).display == #"["a\u000Db"]"#)
  }
}
