import Testing

@testable import PipelineCore

/// Every `when:` form, translated to Argo's expression tag, decides as pipeshell decides, for
/// several sets of values: Argo sees each value as the text pipeshell passes to steps.
@Suite struct ArgoConditionTests {
  static let pipeline = """
    name: conditions
    params:
      epochs: {type: int, default: 10}
      count:  {type: int, default: 0}
      lr:     {type: float, default: 0.01}
      model:  {type: choice, choices: [linear, tree, mlp], default: linear}
      name:   {type: string, default: "it's {x}"}
      empty:  {type: string, default: ""}
      flag:   {type: bool, default: true}
      off:    {type: bool, default: false}
      data:   {type: path, default: data/train.csv}
      group.size: {type: int, default: 3}
    steps:
      only: {run: "true"}

    """

  static let conditions = [
    "true", "false", "flag", "not flag", "off", "epochs", "count", "lr", "name", "empty", "not empty", "data",
    "epochs > 0", "epochs >= 10", "epochs < 10", "epochs <= 9", "epochs == 10", "epochs != 10", "epochs == 10.0",
    "lr < 0.1", "lr == 0.01", "lr > 0.001", "lr >= epochs", "-1 < count", "count == -0",
    "model == 'mlp'", "model != 'linear'", "model in ['tree', 'mlp']", "model not in ['tree', 'mlp']",
    "name == \"it's {x}\"", "name == 'it\\'s {x}'", "name < 'j'", "name >= 'it'", "empty == ''",
    "data == 'data/train.csv'", "flag == true", "off != true", "flag and epochs > 5", "flag or off",
    "not (flag and off)", "(epochs > 5 or lr > 0.5) and model == 'linear'", "epochs in [1, 10, 100]",
    "lr in [0.01, 0.02]", "epochs not in [1, 2]", "epochs in [10.0]", "group.size > 2 and not off",
    "not not flag", "count or empty", "empty or model", "'}}' == name", "name != '{{x}}'",
  ]

  static let bindings: [[String: String]] = [
    [:],
    [
      "epochs": "0", "count": "5", "lr": "0.5", "model": "mlp", "name": "", "empty": "x", "flag": "false",
      "off": "true", "group.size": "1",
    ],
    ["epochs": "1", "model": "tree", "name": "}}", "lr": "1e-06", "data": "other.csv"],
    ["epochs": "100", "name": "{{x}}", "count": "-3", "flag": "no"],
  ]

  @Test(arguments: 0..<bindings.count)
  func translationsDecideAsPipeshellDoes(_ set: Int) throws {
    let (pipeline, snapshot) = try ArgoFixtures.resolved(Self.pipeline, session: Self.bindings[set])
    let names = try #require(exportNames(pipeline))
    // What Argo receives: each parameter's text, under its Argo name.
    var parameters: [String: String] = [:]
    for spec in pipeline.parameters {
      let value = try #require(snapshot.value(spec.name), "\(spec.name)")
      parameters[ArgoNames.parameterName(spec.name)] = value.text
    }
    #expect(names.parameters["group.size"] == "group-size")
    for text in Self.conditions {
      let expression = try ExpressionParser.parse(text)
      let expected = try expression.evaluate { snapshot.value($0) }
      let tag = try ArgoCondition(pipeline: pipeline, snapshot: snapshot, names: names, step: "only").tag(expression)
      #expect(tag.hasPrefix("{{= ") && tag.hasSuffix(" }}"))
      let inner = String(tag.dropFirst(4).dropLast(3))
      #expect(!inner.contains("}}") && !inner.contains("{{"), "\(text) -> \(inner)")
      let result: ExprSubset.Value
      do { result = try ExprSubset.evaluate(inner, parameters: parameters) } catch {
        Issue.record("\(text) -> \(inner): \(error)")
        continue
      }
      #expect(result == .bool(expected), "\(text) -> \(inner) with \(Self.bindings[set])")
    }
  }

  @Test func everyFormInAManifestValidatesAgainstTheStrictSchema() throws {
    var text = Self.pipeline.replacing("  only: {run: \"true\"}\n", with: "")
    for (index, condition) in Self.conditions.enumerated() {
      text += "  s\(index):\n    when: '\(condition.replacing("'", with: "''"))'\n    run: \"true\"\n"
    }
    let yaml = try ArgoFixtures.export(text)
    #expect(yaml.split(separator: "\n").filter { $0.hasPrefix("        when: '{{= ") }.count == Self.conditions.count)
    #expect(try ArgoFixtures.schemaProblems(yaml) == [])
  }

  @Test func stringLiteralsAreEscapedForExprAndTheTag() {
    #expect(ArgoCondition.quoted("it's {x}\\\n") == #"'it\'s \u007bx\u007d\\\n'"#)
    #expect(ArgoCondition.quoted("ü\u{1}") == "'ü\\u0001'")
    #expect(ArgoCondition.floatLiteral(2) == "2.0")
    #expect(ArgoCondition.floatLiteral(1e-06) == "1e-06")
  }

  @Test func theEvaluatorRefusesWhatExprRefuses() throws {
    for text in ["1 && true", "!'x'", "'a' < 1", "asInt('x')", "workflow.parameters['none']"] {
      #expect(throws: ExprSubset.Failure.self) { try ExprSubset.evaluate(text, parameters: [:]) }
    }
    #expect(try ExprSubset.evaluate("1 == 1.0 && 'b' > 'a' && 2 in [1, 2.0]", parameters: [:]) == .bool(true))
  }

  private func exportNames(_ pipeline: Pipeline) -> ArgoNames? {
    var problems: [(problem: ArgoExportProblem, location: PipelineCore.SourceLocation?)] = []
    let names = ArgoNames(pipeline, problems: &problems)
    return problems.isEmpty ? names : nil
  }
}
