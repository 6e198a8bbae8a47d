import Testing

@testable import PipelineCore

@Suite struct ExpressionEvaluatorTests {
  static let values: [String: Value] = [
    "epochs": .int(10), "zero": .int(0), "lr": .float(0.01), "train.lr": .float(0.1),
    "model": .string("tree"), "empty": .string(""), "train_model": .bool(true),
    "debug": .bool(false), "layers": .list([.int(64), .int(32)]), "none": .list([]),
    "tags": .dict(["team": .string("ml")]), "api_key": .secret(Secret("hunter22")),
  ]

  static func evaluate(_ source: String) throws -> Bool {
    try ExpressionParser.parse(source).evaluate { values[$0] }
  }

  @Test(arguments: [
    // bare names and literals are truthy by value
    ("train_model", true), ("debug", false), ("epochs", true), ("zero", false),
    ("lr", true), ("model", true), ("empty", false), ("layers", true), ("none", false),
    ("tags", true), ("api_key", true), ("0", false), ("''", false), ("[0]", true),
    // comparisons, numbers across int and float
    ("epochs > 0", true), ("epochs == 10.0", true), ("10.0 == epochs", true),
    ("lr < 1", true), ("lr == 0.01", true), ("epochs >= 10", true), ("epochs <= 9", false),
    ("epochs != 10", false), ("epochs < 10.5", true), ("train.lr > lr", true),
    ("-1 < zero", true), ("1e3 == 1000", true),
    // strings, either quote
    ("model == 'tree'", true), ("model == \"tree\"", true), ("model != 'mlp'", true),
    ("model < 'z'", true), ("'abc' >= 'abd'", false),
    // bools, lists and secrets
    ("train_model == true", true), ("debug != false", false),
    ("layers == [64, 32]", true), ("[1, 2] == [1, 2.0]", true), ("layers != [64]", true),
    ("api_key != ''", true), ("api_key == 'hunter22'", true),
    ("api_key in ['x', 'hunter22']", true),
    // membership
    ("model in ['linear', 'tree']", true), ("model not in ['linear', 'tree']", false),
    ("model in []", false), ("model not in []", true), ("epochs in [1, 10.0]", true),
    ("64 in layers", true), ("65 in layers", false), ("65 not in layers", true),
    ("epochs in [1, 'ten', 10]", true),
    // logic and precedence
    ("not debug", true), ("not train_model", false), ("not not train_model", true),
    ("not debug and epochs > 5", true), ("debug or epochs > 5", true), ("debug or zero", false),
    ("train_model and not debug", true), ("true or false and false", true),
    ("(true or false) and false", false), ("not (epochs > 5)", false),
    ("not debug == true", true),
    // short-circuit: the side not evaluated may name anything
    ("debug and missing > 1", false), ("train_model or missing", true),
  ])
  func evaluates(source: String, expected: Bool) throws {
    #expect(try Self.evaluate(source) == expected)
  }

  @Test(arguments: [
    ("missing > 1", "unknown parameter 'missing'"),
    ("train_model and missing", "unknown parameter 'missing'"),
    ("model == 1", "'==' cannot compare model (a string) with 1 (a number)"),
    ("epochs != '10'", "'!=' cannot compare epochs (a number) with '10' (a string)"),
    ("train_model < true", "'<' needs numbers or strings, but train_model is a bool"),
    ("epochs > layers", "'>' needs numbers or strings, but layers is a list"),
    ("model in 'tree'", "'in' needs a list on its right, but 'tree' is a string"),
    ("model not in tags", "'not in' needs a list on its right, but tags is a dict"),
    ("model in [1, 2]", "cannot look for model (a string) in a list of numbers"),
    ("api_key > 'a'", "'>' cannot order api_key (a secret): secrets allow only '==' and '!='"),
    ("api_key == 4", "'==' cannot compare api_key (a secret) with 4 (a number)"),
  ])
  func reportsRuntimeErrors(source: String, message: String) throws {
    let expression = try ExpressionParser.parse(source)
    do {
      _ = try expression.evaluate { Self.values[$0] }
      Issue.record("expected an error for \(source)")
    } catch {
      #expect(error.diagnostics.map(\.message) == [message])
      #expect(!error.description.contains("hunter22"))
    }
  }

  @Test func runtimeErrorsPointAtTheOperatorWhenALocationIsGiven() throws {
    let base = SourceLocation(file: "p.yaml", line: 7, column: 11)
    let expression = try ExpressionParser.parse("epochs > 1 and model == 1", location: base)
    do {
      _ = try expression.evaluate({ Self.values[$0] }, location: base)
      Issue.record("expected an error")
    } catch {
      #expect(
        error.diagnostics.first?.location == SourceLocation(file: "p.yaml", line: 7, column: 32))
    }
  }

  @Test func nanComparesUnequalAndUnordered() throws {
    let values: [String: Value] = ["x": .float(.nan)]
    for source in ["x == x", "x < 1", "x >= 1"] {
      #expect(try ExpressionParser.parse(source).evaluate { values[$0] } == false)
    }
    #expect(try ExpressionParser.parse("x != 1").evaluate { values[$0] } == true)
  }
}
