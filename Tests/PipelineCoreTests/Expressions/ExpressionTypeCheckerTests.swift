import Testing

@testable import PipelineCore

@Suite struct ExpressionTypeCheckerTests {
  static let types: [String: ParameterType] = [
    "epochs": .int, "lr": .float, "model": .choice(["linear", "tree", "mlp"]),
    "train_model": .bool, "layers": .list(items: .int), "data_path": .path,
    "api_key": .secret, "run_name": .string, "modes": .list(items: .choice(["fast", "slow"])),
    "tags": .dict, "train.lr": .float,
  ]
  static let base = SourceLocation(file: "pipeline.yaml", line: 20, column: 11)

  static func check(_ source: String) throws -> [Diagnostic] {
    try ExpressionParser.parse(source, location: base).typeCheck(types, location: base)
  }

  @Test(arguments: [
    "train_model and epochs > 0", "lr <= 0.5 or epochs == 3", "model == 'mlp'",
    "model in ['linear', 'tree']", "'fast' in modes", "64 in layers", "api_key != ''",
    "data_path == 'data/x.csv'", "run_name < 'm'", "not train_model", "train.lr > lr",
    "layers == [1, 2]", "tags", "epochs in [1, 2.5]", "not (epochs > 0)", "not epochs > 0",
    "model in [1, 'tree']", "epochs in []", "model in [epochs, run_name]",
  ])
  func acceptsWellTypedConditions(source: String) throws {
    #expect(try Self.check(source).isEmpty)
  }

  @Test(arguments: [
    ("epohcs > 0", "unknown parameter 'epohcs'", 0, ["did you mean 'epochs'?"]),
    ("train.rl > 0", "unknown parameter 'train.rl'", 0, ["did you mean 'train.lr'?"]),
    ("zzz", "unknown parameter 'zzz'", 0, []),
    ("model == 1", "'==' cannot compare model (a string) with 1 (a number)", 6, []),
    ("epochs == '10'", "'==' cannot compare epochs (a number) with '10' (a string)", 7, []),
    ("data_path != 3", "'!=' cannot compare data_path (a string) with 3 (a number)", 10, []),
    ("train_model == 1", "'==' cannot compare train_model (a bool) with 1 (a number)", 12, []),
    (
      "model == 'mpl'", "'mpl' is not a choice of model (linear, tree, mlp)", 9,
      ["did you mean 'mlp'?"]
    ),
    ("'forest' != model", "'forest' is not a choice of model (linear, tree, mlp)", 0, []),
    (
      "model in ['linear', 'treee']", "'treee' is not a choice of model (linear, tree, mlp)", 20,
      ["did you mean 'tree'?"]
    ),
    ("'turbo' in modes", "'turbo' is not a choice of modes (fast, slow)", 0, []),
    ("train_model < true", "'<' needs numbers or strings, but train_model is a bool", 12, []),
    ("layers > 1", "'>' needs numbers or strings, but layers is a list", 7, []),
    (
      "api_key < 'x'", "'<' cannot order api_key (a secret): secrets allow only '==' and '!='", 8,
      []
    ),
    ("model in run_name", "'in' needs a list on its right, but run_name is a string", 6, []),
    ("'a' in layers", "cannot look for 'a' (a string) in a list of numbers", 4, []),
    ("model not in [1, 2]", "cannot look for model (a string) in a list of numbers", 6, []),
    // Items of several kinds, none a string: evaluating it would fail the same way (found by
    // the fuzzer: the check passed it, the evaluator refused it).
    ("model in [1, 2.5, ['a']]", "cannot look for model (a string) in a list of numbers", 6, []),
    ("tags == 1", "'==' cannot compare tags (a dict) with 1 (a number)", 5, []),
    (
      "(not epochs) > 0", "'>' needs numbers or strings, but not epochs is a bool", 13,
      ["'not' applies to 'epochs' alone; write 'not (epochs > 0)' to negate the comparison"]
    ),
  ])
  func reportsProblems(source: String, message: String, offset: Int, notes: [String]) throws {
    let diagnostics = try Self.check(source)
    #expect(diagnostics.map(\.message) == [message])
    #expect(diagnostics.first?.location?.column == Self.base.column + offset)
    #expect(diagnostics.first?.notes == notes)
  }

  @Test func collectsEveryProblem() throws {
    let diagnostics = try Self.check("epochs > 'a' or modle == 'x' and layers < 2")
    #expect(diagnostics.count == 3)
    #expect(diagnostics.map(\.location?.column) == [18, 27, 51])
  }

  @Test func unknownNamesDoNotCascade() throws {
    #expect(try Self.check("nope == 'x' and nope in [1]").count == 2)
    #expect(try Self.check("nope == 1").map(\.message) == ["unknown parameter 'nope'"])
  }
}
