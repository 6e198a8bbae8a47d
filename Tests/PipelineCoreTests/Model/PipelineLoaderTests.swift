import Testing

@testable import PipelineCore

@Suite struct PipelineLoaderTests {
  typealias F = CoreFixtures

  /// The single error a text produces, checked for its message, location and notes.
  static func expectOneError(
    _ marked: Marked, _ message: String, notes: [String]? = nil, marker: Int = 0,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    let diagnostics = F.diagnostics(marked.text, sourceLocation: sourceLocation)
    #expect(diagnostics.map(\.message) == [message], sourceLocation: sourceLocation)
    guard let first = diagnostics.first else { return }
    #expect(first.severity == .error, sourceLocation: sourceLocation)
    #expect(first.location?.description == marked.at(marker), sourceLocation: sourceLocation)
    if let notes { #expect(first.notes == notes, sourceLocation: sourceLocation) }
  }

  // MARK: - The SPEC example

  @Test func loadsTheSpecExample() throws {
    let (pipeline, warnings) = try F.load(F.specExample)
    #expect(warnings.isEmpty)
    #expect(pipeline.name == "train-eval")
    #expect(pipeline.description == "Train and evaluate a model")
    #expect(pipeline.folder == F.folder)
    #expect(
      pipeline.parameterNames == [
        "data_path", "model", "epochs", "lr", "train_model", "layers", "tags", "run_name", "git_sha", "user", "api_key",
      ])
    let types = pipeline.parameters.map(\.type)
    #expect(
      types == [
        .path, .choice(["linear", "tree", "mlp"]), .int, .float, .bool, .list(items: .int), .dict, .string, .string,
        .string, .secret,
      ])
    let epochs = try #require(pipeline.parameter("epochs"))
    #expect(epochs.minimum == 1 && epochs.maximum == 1000)
    #expect(epochs.location.description == "pipeline.yaml:7:3")
    #expect(pipeline.parameter("lr")?.minimum == 0.000001)
    #expect(pipeline.parameter("data_path")?.mustExist == true)
    #expect(pipeline.parameter("data_path")?.description == "Training data")
    #expect(pipeline.parameter("run_name")?.pattern == "^[a-z0-9-]+$")
    #expect(pipeline.parameter("api_key")?.required == true)
    #expect(pipeline.parameter("api_key")?.defaultValue == nil)
    #expect(pipeline.profiles.map(\.name) == ["dev", "prod"])
    #expect(pipeline.profile("prod")?.bindings.map(\.name) == ["epochs", "lr"])
    #expect(pipeline.steps.map(\.name) == ["prepare", "train", "evaluate"])

    let train = try #require(pipeline.step("train"))
    #expect(train.needs == ["prepare"])
    #expect(train.when?.expression.text == "train_model and epochs > 0")
    #expect(train.timeout == 600)
    #expect(train.retries == 1)
    #expect(train.cache && !train.continueOnError && !train.allowSecretInArgs)
    #expect(train.env.map(\.name) == ["API_KEY"])
    #expect(train.run.template.parameterNames == ["epochs", "lr", "model"])
    #expect(train.run.location.description == "pipeline.yaml:29:10")
    #expect(Set(train.parameterDependencies) == ["epochs", "lr", "model", "api_key", "train_model"])
    #expect(pipeline.step("prepare")?.inputs.map(\.template.source) == ["prepare.sh", "${data_path}"])
    #expect(pipeline.step("evaluate")?.metrics.map(\.template.source) == ["out/metrics.json"])
  }

  @Test func theSameTextHashesTheSame() throws {
    let a = try F.load(F.specExample).0.sourceHash
    let b = try F.load(F.specExample).0.sourceHash
    let c = try F.load(F.specExample + "# edited\n").0.sourceHash
    #expect(a == b && a != c)
  }

  @Test func theNameDefaultsToTheFileName() throws {
    let (pipeline, warnings) = try F.load("steps: {a: echo hi}\n", file: "/x/etl.pipeline.yaml")
    #expect(pipeline.name == "etl")
    #expect(warnings.isEmpty)
  }

  // MARK: - Unknown keys

  @Test func unknownTopLevelKeySuggests() {
    F_expect(
      Marked("params: {epochs: 3}\n‸stpes:\n  a: echo hi\n"),
      "unknown key 'stpes' in the pipeline; expected one of name, description, params, profiles, steps, executor",
      notes: ["did you mean 'steps'?"], extra: ["the pipeline has no 'steps'"])
  }

  @Test(arguments: [
    ("epochs: {type: int, ‸defualt: 10}", "defualt", "default"),
    ("epochs: {‸tpye: int, default: 10}", "tpye", "type"),
    ("epochs: {type: int, default: 10, ‸mni: 1}", "mni", "min"),
    ("epochs: {type: int, default: 10, ‸requird: true}", "requird", "required"),
  ])
  func unknownParameterKeySuggests(line: String, key: String, suggestion: String) {
    let marked = Marked("params:\n  \(line)\nsteps:\n  a: echo ${epochs}\n")
    let diagnostics = F.diagnostics(marked.text)
    let expected =
      "unknown key '\(key)' in parameter 'epochs'; expected one of type, default, required, description, min, max, "
      + "choices, pattern, min_length, max_length, items, must_exist"
    #expect(diagnostics.first?.message == expected)
    #expect(diagnostics.first?.location?.description == marked.at())
    #expect(diagnostics.first?.notes == ["did you mean '\(suggestion)'?"])
  }

  @Test func unknownStepKeySuggests() {
    Self.expectOneError(
      Marked("steps:\n  a: echo a\n  b:\n    run: echo b\n    ‸need: [a]\n"),
      "unknown key 'need' in step 'b'; expected one of run, needs, when, env, cwd, params, inputs, outputs, metrics, "
        + "timeout, retries, continue_on_error, cache, allow_secret_in_args, description, executor, resources",
      notes: ["did you mean 'needs'?"])
  }

  @Test func unknownTypeSuggests() {
    Self.expectOneError(
      Marked("params:\n  lr: {type: ‸flaot, default: 0.1}\nsteps:\n  a: echo ${lr}\n"),
      "unknown type 'flaot' for parameter 'lr'; expected one of string, int, float, bool, choice, list, dict, path, secret",
      notes: ["did you mean 'float'?"])
  }

  @Test func unknownListItemType() {
    Self.expectOneError(
      Marked("params:\n  xs: {type: list, items: ‸nt}\nsteps:\n  a: echo ${xs}\n"),
      "unknown type 'nt' for parameter 'xs'; expected one of string, int, float, bool, choice, list, dict, path, secret",
      notes: ["did you mean 'int'?"])
  }

  // MARK: - Steps

  @Test func needsAnUnknownStepSuggests() {
    Self.expectOneError(
      Marked("steps:\n  prepare: echo p\n  ‸train:\n    run: echo t\n    needs: [prepar]\n"),
      "step 'train' needs unknown step 'prepar'", notes: ["did you mean 'prepare'?"])
  }

  @Test func aDependencyCycleIsNamed() {
    Self.expectOneError(
      Marked("steps:\n  ‸a:\n    run: echo a\n    needs: [b]\n  b:\n    run: echo b\n    needs: a\n"),
      "dependency cycle: a -> b -> a")
  }

  @Test func aLongerCycleIsNamedInOrder() {
    let diagnostics = F.diagnostics(
      "steps:\n  c: {run: x, needs: [a]}\n  a: {run: x, needs: [b]}\n  b: {run: x, needs: [c]}\n  d: {run: x, needs: [d]}\n"
    )
    #expect(diagnostics.map(\.message) == ["dependency cycle: a -> b -> c -> a", "dependency cycle: d -> d"])
  }

  @Test func stepsRunInDependencyOrderKeepingFileOrderOtherwise() throws {
    let text = """
      steps:
        evaluate: {run: echo e, needs: [train]}
        lint: echo l
        train: {run: echo t, needs: [prepare, fetch]}
        prepare: {run: echo p, needs: fetch}
        fetch: echo f
        report: {run: echo r, needs: [evaluate, lint]}

      """
    let pipeline = try F.load(text).0
    #expect(pipeline.steps.map(\.name) == ["lint", "fetch", "prepare", "train", "evaluate", "report"])
  }

  @Test(arguments: [
    ("when: ‸epochs > and lr > 0", "expected a value after '>', found 'and'", 9),
    ("when: epochs > 0 ‸& lr > 0", "unexpected character '&'; use 'and'", 0),
    ("when: \"epochs > 0 ‸& lr > 0\"", "unexpected character '&'; use 'and'", 0),
    ("when: (epochs > 0‸", "expected ')' to close '('", 0),
  ])
  func badConditionSyntaxPointsIntoTheCondition(line: String, message: String, shift: Int) {
    let marked = Marked("params: {epochs: 3, lr: 0.1}\nsteps:\n  a:\n    run: echo\n    \(line)\n")
    let diagnostics = F.diagnostics(marked.text)
    #expect(diagnostics.map(\.message) == [message])
    let column = marked.positions[0].column + shift
    #expect(diagnostics.first?.location?.description == "pipeline.yaml:5:\(column)")
  }

  @Test(arguments: [
    "{type: string, default: x}", "{type: choice, choices: [linear, mlp], default: mlp}", "x", "{type: path}",
  ])
  func aConditionComparingAStringWithANumber(spec: String) {
    Self.expectOneError(
      Marked("params:\n  model: \(spec)\nsteps:\n  a:\n    run: echo\n    when: model ‸== 1\n"),
      "'==' cannot compare model (a string) with 1 (a number)")
  }

  @Test func aConditionNamingAnUnknownParameter() {
    Self.expectOneError(
      Marked("params: {epochs: 3}\nsteps:\n  a:\n    run: echo\n    when: ‸epohcs > 0\n"),
      "unknown parameter 'epohcs'", notes: ["did you mean 'epochs'?"])
  }

  // MARK: - References

  @Test func anUnknownReferenceInAStepSuggests() {
    Self.expectOneError(
      Marked("params: {epochs: 3}\nsteps:\n  train:\n    run: ‸./train.sh --epochs ${epohcs}\n"),
      "unknown parameter 'epohcs' in step 'train'", notes: ["did you mean 'epochs'?"])
  }

  @Test func anUnknownReferenceInAStepEnvironmentSuggests() {
    Self.expectOneError(
      Marked("params: {epochs: 3}\nsteps:\n  train:\n    run: ./train.sh\n    env: {EPOCHS: \"‸${epohcs}\"}\n"),
      "unknown parameter 'epohcs' in step 'train'", notes: ["did you mean 'epochs'?"])
  }

  @Test func anUnknownReferenceInADefaultSuggests() {
    Self.expectOneError(
      Marked("params:\n  epochs: 3\n  run_name: {default: \"‸run-${epohcs}\"}\nsteps:\n  a: echo ${run_name}\n"),
      "unknown parameter 'epohcs' in the default of 'run_name'", notes: ["did you mean 'epochs'?"])
  }

  @Test func anUnknownNameInStepParamsSuggests() {
    Self.expectOneError(
      Marked("params: {epochs: 3}\nsteps:\n  ‸a:\n    run: echo\n    params: [epohcs]\n"),
      "unknown parameter 'epohcs' in 'params' of step 'a'", notes: ["did you mean 'epochs'?"])
  }

  @Test(arguments: [
    ("run: \"echo ‸${epochs\"", "'${' is not closed by '}'"),
    ("run: echo ‸${1x}", "'1x' is not a parameter name; expected ${name}, ${env:VAR}, ${cmd:COMMAND} or ${file:PATH}"),
    ("run: echo ‸${env:1X}", "'1X' is not an environment variable name"),
    ("run: echo ok ‸${cmd:}", "'${cmd:}' needs a command"),
  ])
  func aMalformedTemplatePointsAtItsDollar(line: String, message: String) {
    Self.expectOneError(Marked("params: {epochs: 3}\nsteps:\n  a:\n    \(line)\n"), message)
  }

  // MARK: - Secrets on command lines

  static let secretParams = """
    params:
      api_key: {type: secret}
      auth: {type: string, default: "Bearer ${api_key}"}
      header: {default: "X-Auth: ${auth}"}
      user: {default: me}

    """

  @Test func aSecretInRunIsAnError() {
    let marked = Marked(Self.secretParams + "steps:\n  call:\n    run: ‸curl -u ${user}:${api_key} example.org\n")
    Self.expectOneError(
      marked, "step 'call' puts secret 'api_key' on its command line, where every user of the machine can see it",
      notes: ["pass it through 'env:' (env: {NAME: \"${api_key}\"}) or set 'allow_secret_in_args: true'"])
  }

  @Test(arguments: ["auth", "header"])
  func aParameterWhoseDefaultInterpolatesASecretIsASecretInRun(name: String) {
    let marked = Marked(Self.secretParams + "steps:\n  call:\n    run: ‸curl -H \"${\(name)}\" example.org\n")
    Self.expectOneError(
      marked, "step 'call' puts secret '\(name)' on its command line, where every user of the machine can see it")
  }

  @Test func aSecretThroughEnvIsFine() throws {
    let text =
      Self.secretParams
      + "steps:\n  call:\n    run: curl -H \"$AUTH\" example.org\n    env: {AUTH: \"${auth}\", KEY: \"${api_key}\"}\n"
    let (pipeline, warnings) = try F.load(text)
    #expect(warnings.isEmpty)
    #expect(pipeline.step("call")?.env.map(\.name) == ["AUTH", "KEY"])
  }

  @Test func aSecretInArgumentsIsFineWhenTheStepAllowsIt() throws {
    let text =
      Self.secretParams + "steps:\n  call:\n    run: curl -u ${api_key} example.org\n    allow_secret_in_args: true\n"
    #expect(try F.load(text).0.step("call")?.allowSecretInArgs == true)
  }

  @Test func aSecretCannotHaveALiteralDefault() {
    Self.expectOneError(
      Marked("params:\n  api_key: {type: secret, ‸default: hunter22}\nsteps:\n  a: echo\n"),
      "a secret parameter cannot have a default (it would be written in the file); bind it with 'secret api_key'")
  }

  @Test func aSecretMayDefaultToADynamicSource() throws {
    _ = try F.load("params:\n  api_key: {type: secret, default: \"${env:API_KEY}\"}\nsteps:\n  a: echo\n")
  }

  // MARK: - Duplicates and defaults

  @Test(arguments: [
    ("params: {a: 1}\n‸params: {b: 2}\nsteps: {s: echo}\n", "duplicate key 'params' in the pipeline"),
    ("params:\n  a: 1\n  ‸a: 2\nsteps: {s: echo}\n", "parameter 'a' is declared twice"),
    ("params:\n  g:\n    a: 1\n    ‸a: 2\nsteps: {s: echo}\n", "parameter 'g.a' is declared twice"),
    ("params:\n  a: {type: int, ‸type: float}\nsteps: {s: echo}\n", "duplicate key 'type' in parameter 'a'"),
    ("steps:\n  s: echo 1\n  ‸s: echo 2\n", "step 's' is declared twice"),
    ("steps:\n  s:\n    run: echo 1\n    ‸run: echo 2\n", "duplicate key 'run' in step 's'"),
    (
      "params: {a: 1}\nprofiles:\n  dev:\n    a: 2\n    ‸a: 3\nsteps: {s: echo}\n", "duplicate key 'a' in profile 'dev'"
    ),
  ])
  func duplicateKeysAreErrors(text: String, message: String) {
    Self.expectOneError(Marked(text), message)
  }

  @Test(arguments: [
    ("{type: int, default: ‸ten}", "invalid default for 'p': 'ten' is not an int (whole number)"),
    ("{type: float, default: ‸fast}", "invalid default for 'p': 'fast' is not a float (number)"),
    (
      "{type: bool, default: ‸maybe}",
      "invalid default for 'p': 'maybe' is not a bool (true/false, yes/no, on/off, 1/0)"
    ),
    ("{type: choice, choices: [a, b], default: ‸c}", "invalid default for 'p': 'c' is not one of a, b"),
    ("{type: list, items: int, default: ‸[1, x]}", "invalid default for 'p': item 2: 'x' is not an int (whole number)"),
    ("{type: dict, default: ‸[1]}", "invalid default for 'p': 'a list' is not a dict (like {key: value})"),
  ])
  func anInvalidDefaultForItsType(spec: String, message: String) {
    Self.expectOneError(Marked("params:\n  p: \(spec)\nsteps: {s: echo}\n"), message)
  }

  @Test func aDefaultReferenceCycleIsNamed() {
    Self.expectOneError(
      Marked(
        "params:\n  ‸a: {default: \"${b}\"}\n  b: {default: \"x-${a}\"}\n  c: {default: \"${a}\"}\nsteps: {s: echo}\n"),
      "reference cycle: a -> b -> a")
  }

  @Test func aSelfReferenceIsACycle() {
    Self.expectOneError(Marked("params:\n  ‸a: {default: \"${a}\"}\nsteps: {s: echo}\n"), "reference cycle: a -> a")
  }

  // MARK: - Profiles and groups

  @Test func aProfileBindingAnUndeclaredNameSuggests() {
    Self.expectOneError(
      Marked("params: {epochs: 3}\nprofiles:\n  dev: {‸epohcs: 2}\nsteps: {s: echo}\n"),
      "unknown parameter 'epohcs' in profile 'dev'", notes: ["did you mean 'epochs'?"])
  }

  @Test func aProfileBindingAnUndeclaredDottedNameSuggests() {
    Self.expectOneError(
      Marked(
        "params:\n  train: {lr: {type: float, default: 0.1}}\nprofiles:\n  dev:\n    train: {‸rl: 2}\nsteps: {s: echo}\n"
      ),
      "unknown parameter 'train.rl' in profile 'dev'", notes: ["did you mean 'train.lr'?"])
  }

  @Test func nestedGroupsDeclareDottedNames() throws {
    let text = """
      params:
        train:
          lr: {type: float, default: 0.1}
          optimizer:
            name: {type: choice, choices: [sgd, adam], default: adam}
            momentum: 0.9
        eval: {batch: 32}
      profiles:
        dev:
          train: {lr: 0.5, optimizer: {momentum: 0.0}}
          train.optimizer.name: sgd
      steps:
        fit: ./fit.sh ${train.lr} ${train.optimizer.name}

      """
    let pipeline = try F.load(text).0
    #expect(pipeline.parameterNames == ["train.lr", "train.optimizer.name", "train.optimizer.momentum", "eval.batch"])
    #expect(pipeline.parameter("train.lr")?.type == .float)
    #expect(pipeline.parameter("train.optimizer.momentum")?.type == .float)
    #expect(pipeline.parameter("eval.batch")?.type == .int)
    let dev = try #require(pipeline.profile("dev"))
    #expect(dev.bindings.map(\.name) == ["train.lr", "train.optimizer.momentum", "train.optimizer.name"])
    #expect(pipeline.step("fit")?.run.template.parameterNames == ["train.lr", "train.optimizer.name"])
  }

  @Test func aDictParameterIsBoundWholeNotAsAGroup() throws {
    let text =
      "params:\n  tags: {type: dict, default: {team: ml}}\nprofiles:\n  dev: {tags: {team: infra, tier: 2}}\nsteps: {s: echo}\n"
    let dev = try #require(try F.load(text).0.profile("dev"))
    #expect(dev.bindings.map(\.name) == ["tags"])
  }

  // MARK: - Many problems at once

  @Test func everyProblemInAFileIsReportedAtOnce() {
    let marked = Marked(
      """
      params:
        epochs: {type: int, default: ‸ten}
        lr: {type: ‸flaot}
        api_key: {type: secret}
      profiles:
        dev: {‸epohcs: 2}
      steps:
        train:
          run: ‸./train.sh ${api_key}
          ‸need: [prepare]
        ‸eval:
          run: ‸./eval.sh ${lr} ${modle}
          needs: [trian]

      """)
    let diagnostics = F.diagnostics(marked.text)
    let found = Set(diagnostics.map { "\($0.location?.description ?? "-") \($0.message)" })
    let expected: Set<String> = [
      "\(marked.at(0)) invalid default for 'epochs': 'ten' is not an int (whole number)",
      "\(marked.at(1)) unknown type 'flaot' for parameter 'lr'; expected one of string, int, float, bool, choice, list, dict, path, secret",
      "\(marked.at(2)) unknown parameter 'epohcs' in profile 'dev'",
      "\(marked.at(3)) step 'train' puts secret 'api_key' on its command line, where every user of the machine can see it",
      "\(marked.at(4)) unknown key 'need' in step 'train'; expected one of run, needs, when, env, cwd, params, inputs, "
        + "outputs, metrics, timeout, retries, continue_on_error, cache, allow_secret_in_args, description, executor, resources",
      "\(marked.at(5)) step 'eval' needs unknown step 'trian'",
      "\(marked.at(6)) unknown parameter 'modle' in step 'eval'",
    ]
    #expect(found == expected)
    #expect(diagnostics.count == expected.count)
  }

  @Test func warningsAloneDoNotStopALoad() throws {
    let (_, warnings) = try F.load("params: {a: 1}\n")
    #expect(warnings.map(\.message) == ["the pipeline has no 'steps'"])
    #expect(warnings.first?.severity == .warning)
  }
}

/// Like `expectOneError`, for a text that also produces `extra` diagnostics after the first.
private func F_expect(
  _ marked: Marked, _ message: String, notes: [String], extra: [String],
  sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
  let diagnostics = CoreFixtures.diagnostics(marked.text, sourceLocation: sourceLocation)
  #expect(diagnostics.map(\.message) == [message] + extra, sourceLocation: sourceLocation)
  #expect(diagnostics.first?.location?.description == marked.at(), sourceLocation: sourceLocation)
  #expect(diagnostics.first?.notes == notes, sourceLocation: sourceLocation)
}
