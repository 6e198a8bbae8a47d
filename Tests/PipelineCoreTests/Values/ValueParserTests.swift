import Testing

@testable import PipelineCore

@Suite struct ValueParserTests {
  static let model = ParameterType.choice(["linear", "tree", "mlp"])

  static func yaml(_ text: String) throws -> YAMLNode {
    try YAMLReader().read(text, file: "<test>")
  }

  // MARK: - Text, as typed at the prompt

  @Test(arguments: [
    ("hello world", ParameterType.string, Value.string("hello world")),
    ("data/train.csv", .path, .string("data/train.csv")),
    ("42", .int, .int(42)),
    (" -7 ", .int, .int(-7)),
    ("1e3", .int, .int(1000)),
    ("0.01", .float, .float(0.01)),
    ("1e-6", .float, .float(1e-6)),
    ("-2.5E+3", .float, .float(-2500)),
    ("3", .float, .float(3)),
    ("tree", model, .string("tree")),
    (" mlp ", model, .string("mlp")),
    ("[64,32]", .list(items: .int), .list([.int(64), .int(32)])),
    ("[64, 32]", .list(items: .int), .list([.int(64), .int(32)])),
    ("64,32", .list(items: .int), .list([.int(64), .int(32)])),
    ("64", .list(items: .int), .list([.int(64)])),
    ("", .list(items: .int), .list([])),
    ("[]", .list(items: .string), .list([])),
    ("a, b", .list(items: .string), .list([.string("a"), .string("b")])),
    ("[0.5, 1e-6]", .list(items: .float), .list([.float(0.5), .float(1e-6)])),
    ("[yes, off]", .list(items: .bool), .list([.bool(true), .bool(false)])),
    ("{team: ml}", .dict, .dict(["team": .string("ml")])),
    (
      "{team: ml, size: 3, rate: 0.5, on: true}", .dict,
      .dict(["team": .string("ml"), "size": .int(3), "rate": .float(0.5), "on": .bool(true)])
    ),
    ("{}", .dict, .dict([:])),
  ])
  func parsesText(text: String, type: ParameterType, expected: Value) {
    #expect(ValueParser.parse(text, as: type) == .success(expected))
  }

  @Test(arguments: [
    ("true", true), ("false", false), ("yes", true), ("no", false), ("on", true), ("off", false),
    ("1", true), ("0", false), ("YES", true), ("Off", false), (" true ", true),
  ])
  func parsesBoolWords(word: String, expected: Bool) {
    #expect(ValueParser.parse(word, as: .bool) == .success(.bool(expected)))
  }

  @Test func parsesSecretsWithoutLookingInside() throws {
    let value = try ValueParser.parse("hunter22", as: .secret).get()
    #expect(value == .secret(Secret("hunter22")))
    #expect(value.text == "****")
    #expect(value.display == "****")
    #expect(value.revealedText == "hunter22")
  }

  @Test(arguments: [
    ("ten", ParameterType.int, "'ten' is not an int (whole number)"),
    ("1.5", .int, "'1.5' is not an int (whole number)"),
    ("", .int, "'' is not an int (whole number)"),
    ("12abc", .int, "'12abc' is not an int (whole number)"),
    ("fast", .float, "'fast' is not a float (number)"),
    ("", .float, "'' is not a float (number)"),
    ("0.1.2", .float, "'0.1.2' is not a float (number)"),
    ("maybe", .bool, "'maybe' is not a bool (true/false, yes/no, on/off, 1/0)"),
    ("2", .bool, "'2' is not a bool (true/false, yes/no, on/off, 1/0)"),
    ("forest", model, "'forest' is not one of linear, tree, mlp"),
    ("Tree", model, "'Tree' is not one of linear, tree, mlp"),
    ("[64, x]", .list(items: .int), "item 2: 'x' is not an int (whole number)"),
    ("64,x,3", .list(items: .int), "item 2: 'x' is not an int (whole number)"),
    ("[1, 2", .list(items: .int), "'[1, 2' is not a list of int (like [1, 2])"),
    ("[maybe]", .list(items: .bool), "item 1: 'maybe' is not a bool (true/false, yes/no, on/off, 1/0)"),
    ("team", .dict, "'team' is not a dict (like {key: value})"),
    ("[1, 2]", .dict, "'a list' is not a dict (like {key: value})"),
    ("{team: ml", .dict, "'{team: ml' is not a dict (like {key: value})"),
  ])
  func rejectsTextNamingTheValueAndWhatWasExpected(text: String, type: ParameterType, message: String) {
    guard case .failure(let problem) = ValueParser.parse(text, as: type) else {
      Issue.record("'\(text)' was accepted as \(type.name)")
      return
    }
    #expect(problem.description == message)
  }

  // MARK: - YAML nodes, as written in a file

  @Test(arguments: [
    ("[64, 32]", ParameterType.list(items: .int), Value.list([.int(64), .int(32)])),
    ("[64,32]", .list(items: .int), .list([.int(64), .int(32)])),
    ("- 64\n- 32\n", .list(items: .int), .list([.int(64), .int(32)])),
    ("'64,32'", .list(items: .int), .list([.int(64), .int(32)])),
    ("[a, 'b c']", .list(items: .string), .list([.string("a"), .string("b c")])),
    ("{team: ml}", .dict, .dict(["team": .string("ml")])),
    ("team: ml\nsize: 3\n", .dict, .dict(["team": .string("ml"), "size": .int(3)])),
    (
      "{n: '3', nested: {a: [1, x]}}", .dict,
      .dict(["n": .string("3"), "nested": .dict(["a": .list([.int(1), .string("x")])])])
    ),
    ("10", .int, .int(10)),
    ("1e-6", .float, .float(1e-6)),
    ("0.000001", .float, .float(0.000001)),
    ("on", .bool, .bool(true)),
    ("no", .bool, .bool(false)),
    ("mlp", model, .string("mlp")),
    ("\"10\"", .string, .string("10")),
    ("data/train.csv", .path, .string("data/train.csv")),
  ])
  func parsesYAML(text: String, type: ParameterType, expected: Value) throws {
    #expect(ValueParser.parse(try Self.yaml(text), as: type) == .success(expected))
  }

  @Test(arguments: [
    ("[64, x]", ParameterType.list(items: .int), "item 2: 'x' is not an int (whole number)"),
    ("[[1], 2]", .list(items: .int), "item 1: 'a list' is not an int (whole number)"),
    ("{a: 1}", .int, "'a mapping' is not an int (whole number)"),
    ("[1, 2]", .string, "'a list' is not a string"),
    ("{a: 1}", .list(items: .int), "'a mapping' is not a list of int (like [1, 2])"),
    ("ml", .dict, "'ml' is not a dict (like {key: value})"),
    ("3.5", .int, "'3.5' is not an int (whole number)"),
    ("svm", model, "'svm' is not one of linear, tree, mlp"),
  ])
  func rejectsYAML(text: String, type: ParameterType, message: String) throws {
    guard case .failure(let problem) = ValueParser.parse(try Self.yaml(text), as: type) else {
      Issue.record("'\(text)' was accepted as \(type.name)")
      return
    }
    #expect(problem.description == message)
  }

  @Test func infersUntypedScalars() throws {
    #expect(ValueParser.inferred(try Self.yaml("3")) == .int(3))
    #expect(ValueParser.inferred(try Self.yaml("0.5")) == .float(0.5))
    #expect(ValueParser.inferred(try Self.yaml("true")) == .bool(true))
    #expect(ValueParser.inferred(try Self.yaml("'3'")) == .string("3"))
    #expect(ValueParser.inferred(try Self.yaml("inf")) == .string("inf"))
    #expect(ValueParser.inferred(try Self.yaml("ml")) == .string("ml"))
  }

  @Test(arguments: [
    Value.int(10), .float(0.01), .float(1e-6), .bool(true), .string("plain"),
    .list([.int(64), .int(32)]), .dict(["team": .string("ml")]),
  ])
  /// Strings are left out: their quotes belong to the shell's lexer, not to the value parser.
  func literalReadsBackToTheSameValue(value: Value) {
    let type: ParameterType =
      switch value {
      case .int: .int
      case .float: .float
      case .bool: .bool
      case .list: .list(items: .int)
      case .dict: .dict
      default: .string
      }
    #expect(ValueParser.parse(value.literal, as: type) == .success(value))
  }
}

@Suite struct ConstraintCheckerTests {
  static func spec(
    _ type: ParameterType, min: Double? = nil, max: Double? = nil, pattern: String? = nil,
    minLength: Int? = nil, maxLength: Int? = nil
  ) -> ParameterSpec {
    var spec = ParameterSpec(name: "p", type: type, location: .init(file: "pipeline.yaml", line: 1, column: 1))
    spec.minimum = min
    spec.maximum = max
    spec.pattern = pattern
    spec.minLength = minLength
    spec.maxLength = maxLength
    return spec
  }

  static let epochs = spec(.int, min: 1, max: 1000)
  static let lr = spec(.float, min: 0.000001, max: 1)
  static let runName = spec(.string, pattern: "^[a-z0-9-]+$")
  static let code = spec(.string, minLength: 3, maxLength: 5)
  static let layers = spec(.list(items: .int), minLength: 1, maxLength: 2)

  @Test(arguments: [
    (epochs, Value.int(1)), (epochs, .int(1000)), (epochs, .float(500)), (lr, .float(0.000001)), (lr, .float(1)),
    (runName, .string("mlp-e20")), (code, .string("abc")), (code, .string("abcde")),
    (layers, .list([.int(1)])), (layers, .list([.int(1), .int(2)])), (spec(.secret), .secret(Secret("abcd"))),
    (spec(.bool, min: 1), .bool(false)),
  ])
  func acceptsValuesInsideTheConstraints(spec: ParameterSpec, value: Value) {
    #expect(ConstraintChecker.check(value, against: spec) == nil)
  }

  @Test(arguments: [
    (epochs, Value.int(0), "0 is below the minimum 1"),
    (epochs, .int(1001), "1001 is above the maximum 1000"),
    (epochs, .int(-5), "-5 is below the minimum 1"),
    (lr, .float(0), "0.0 is below the minimum 1e-06"),
    (lr, .float(1.5), "1.5 is above the maximum 1"),
    (spec(.float, min: 0.5), .float(0.25), "0.25 is below the minimum 0.5"),
    (runName, .string("Bad_Name"), "'Bad_Name' does not match the pattern ^[a-z0-9-]+$"),
    (runName, .string(""), "'' does not match the pattern ^[a-z0-9-]+$"),
    (spec(.string, pattern: "(unclosed"), .string("x"), "the pattern (unclosed is not a valid regular expression"),
    (code, .string("ab"), "length 2 is below the minimum length 3"),
    (code, .string("abcdef"), "length 6 is above the maximum length 5"),
    (layers, .list([]), "length 0 is below the minimum length 1"),
    (layers, .list([.int(1), .int(2), .int(3)]), "length 3 is above the maximum length 2"),
    (
      spec(.secret), .secret(Secret("abc")),
      "a secret must have at least 4 characters (shorter ones would mask ordinary text)"
    ),
    (
      spec(.secret), .secret(Secret("")),
      "a secret must have at least 4 characters (shorter ones would mask ordinary text)"
    ),
  ])
  func rejectsValuesOutsideTheConstraints(spec: ParameterSpec, value: Value, message: String) {
    #expect(ConstraintChecker.check(value, against: spec)?.description == message)
  }

  /// Every constraint a secret can fail, with a value that fails it: the text never holds it.
  @Test(arguments: [
    (spec(.secret), "s3c"),
    (spec(.secret, pattern: "^sk-[a-z]+$"), "hunter22"),
    (spec(.secret, pattern: "^[0-9]+$"), "Hunter-2-Secret"),
    (spec(.secret, minLength: 20), "hunter22"),
    (spec(.secret, maxLength: 5), "hunter22secret"),
    (spec(.secret, pattern: "(bad"), "hunter22"),
  ])
  func aSecretNeverAppearsInAProblem(spec: ParameterSpec, secret: String) throws {
    let problem = try #require(ConstraintChecker.check(.secret(Secret(secret)), against: spec))
    #expect(!problem.description.contains(secret))
    #expect(!"\(problem)".contains(secret))
    #expect(!String(reflecting: problem).contains(secret))
  }

  @Test func aSecretPatternMismatchShowsTheMask() {
    let problem = ConstraintChecker.check(.secret(Secret("hunter22")), against: Self.spec(.secret, pattern: "^sk-"))
    #expect(problem?.description == "'****' does not match the pattern ^sk-")
  }
}
