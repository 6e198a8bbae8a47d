import Testing

@testable import PipelineCore

@Suite struct ExpressionExplanationTests {
  static let values: [String: Value] = [
    "epochs": .int(10), "zero": .int(0), "lr": .float(0.01), "model": .string("tree"),
    "train_model": .bool(false), "debug": .bool(true), "run_name": .string(""),
    "layers": .list([]), "api_key": .secret(Secret("hunter22")), "blank": .secret(Secret("")),
  ]

  @Test(arguments: [
    ("train_model and epochs > 0", "train_model is false"),
    ("debug and zero > 0", "zero > 0 is false (zero = 0)"),
    ("epochs > 0 and lr > 0.1", "lr > 0.1 is false (lr = 0.01)"),
    ("zero", "zero is 0"),
    ("run_name", "run_name is ''"),
    ("layers", "layers is []"),
    ("blank", "blank is empty"),
    ("not debug", "debug is true"),
    ("not api_key", "api_key is set"),
    ("not (epochs > 5)", "epochs > 5 is true (epochs = 10)"),
    ("not (debug and epochs > 5)", "debug and epochs > 5 is true (debug = true, epochs = 10)"),
    (
      "model == 'mlp' or epochs > 100",
      "model == 'mlp' is false (model = 'tree'), and epochs > 100 is false (epochs = 10)"
    ),
    ("model in ['linear', 'mlp']", "model in ['linear', 'mlp'] is false (model = 'tree')"),
    ("model not in ['tree']", "model not in ['tree'] is false (model = 'tree')"),
    ("epochs < lr", "epochs < lr is false (epochs = 10, lr = 0.01)"),
    ("api_key == 'other'", "api_key == 'other' is false (api_key = ****)"),
    ("false", "false is false"),
    ("1 > 2", "1 > 2 is false"),
    ("missing > 1", "missing > 1 cannot be evaluated: unknown parameter 'missing'"),
    ("epochs > 1", "epochs > 1 is true"),
  ])
  func explains(source: String, explanation: String) throws {
    let expression = try ExpressionParser.parse(source)
    #expect(expression.explainFalse { Self.values[$0] } == explanation)
  }

  @Test func neverShowsASecret() throws {
    for source in ["api_key == 'x'", "api_key in ['a']", "not api_key", "api_key > 'a'"] {
      let text = try ExpressionParser.parse(source).explainFalse { Self.values[$0] }
      #expect(!text.contains("hunter22"), "\(text)")
    }
  }
}
