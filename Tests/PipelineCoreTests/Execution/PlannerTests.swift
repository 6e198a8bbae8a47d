import Testing

@testable import PipelineCore

@Suite struct PlannerTests {
  typealias F = CoreFixtures

  static let text = """
    params:
      data_path: {type: path, default: data/train.csv}
      model: {type: choice, choices: [linear, tree, mlp], default: linear}
      epochs: {type: int, default: 10}
      lr: {type: float, default: 0.01}
      train_model: {type: bool, default: true}
      train:
        lr: {type: float, default: 0.1}
      token: {type: string, default: none}
      api_key: {type: secret}
      auth: {default: "Bearer ${api_key}"}
      seed: {type: int, default: 7}
    steps:
      prepare:
        run: ./prepare.sh ${data_path} out/prep.csv
        inputs: [prepare.sh, "${data_path}"]
        outputs: [out/prep.csv]
      train:
        needs: [prepare]
        when: train_model and epochs > 0
        run: ./train.sh --epochs ${epochs} --lr ${lr} --model ${model}
        env: {API_KEY: "${api_key}", AUTH: "${auth}", MODE: "${model}-fast"}
        params: [seed, train.lr]
        cwd: work/${model}
        metrics: out/${model}.json
      evaluate:
        needs: [train]
        run: ./evaluate.sh --token ${token}

    """

  static func plan(
    session: [Binding] = [F.secret("api_key", "hunter22")], run: [Binding] = [], environment: [String: String] = [:],
    sources: FakeSources = FakeSources(existing: ["/proj/prepare.sh", "/proj/data/train.csv"])
  ) throws -> Plan {
    let pipeline = try F.load(text).0
    return F.plan(
      ResolutionInput(pipeline: pipeline, environment: environment, sessionBindings: session, runOverrides: run),
      sources: sources
    ).plan
  }

  static func environment(_ step: PlannedStep?) -> [String: String] {
    Dictionary((step?.environment ?? []).map { ($0.name, $0.revealedValue()) }, uniquingKeysWith: { a, _ in a })
  }

  @Test func everyStepRunsByDefaultInDependencyOrder() throws {
    let plan = try Self.plan()
    #expect(plan.problems.isEmpty)
    #expect(plan.steps.map(\.name) == ["prepare", "train", "evaluate"])
    #expect(plan.steps.map(\.decision) == [.runs, .runs, .runs])
    let train = try #require(plan.step("train"))
    #expect(train.command.masked == "./train.sh --epochs 10 --lr 0.01 --model linear")
    #expect(train.workingDirectory == "/proj/work/linear")
    #expect(train.metricsFiles == ["out/linear.json"])
    #expect(plan.step("prepare")?.inputs == ["prepare.sh", "data/train.csv"])
    #expect(plan.step("prepare")?.outputs == ["out/prep.csv"])
    #expect(plan.step("prepare")?.workingDirectory == "/proj")
  }

  @Test func aStepWhoseConditionIsFalseIsSkippedWithItsReason() throws {
    let plan = try Self.plan(run: [F.run("train_model", "no")])
    #expect(plan.step("train")?.decision == .skipped(reason: "when: train_model is false"))
    #expect(plan.step("evaluate")?.decision == .runs)
    #expect(plan.problems.isEmpty)
    let zero = try Self.plan(run: [F.run("epochs", "0")])
    #expect(zero.step("train")?.decision == .skipped(reason: "when: epochs > 0 is false (epochs = 0)"))
  }

  @Test func aStepSeesParametersItDependsOnAndNoOthers() throws {
    let plan = try Self.plan()
    let prepare = Self.environment(plan.step("prepare"))
    #expect(prepare == ["PARAM_DATA_PATH": "data/train.csv"])
    let train = Self.environment(plan.step("train"))
    #expect(
      Set(train.keys.filter { $0.hasPrefix("PARAM_") }) == [
        "PARAM_EPOCHS", "PARAM_LR", "PARAM_MODEL", "PARAM_TRAIN_MODEL", "PARAM_SEED", "PARAM_TRAIN_LR",
      ])
    #expect(train["PARAM_TRAIN_LR"] == "0.1")
    #expect(train["PARAM_TRAIN_MODEL"] == "true")
    #expect(train["MODE"] == "linear-fast")
    #expect(Self.environment(plan.step("evaluate")) == ["PARAM_TOKEN": "none"])
  }

  @Test func secretsNeverBecomeParamVariables() throws {
    let train = try #require(try Self.plan().step("train"))
    let names = train.environment.map(\.name)
    #expect(!names.contains("PARAM_API_KEY"))
    #expect(!names.contains("PARAM_AUTH"))
    #expect(Set(train.dependencies.map(\.name)).isSuperset(of: ["api_key", "auth"]))
  }

  @Test func secretsInEnvAreFlaggedAndMaskedForDisplay() throws {
    let train = try #require(try Self.plan().step("train"))
    #expect(Set(train.environment.filter(\.isSecret).map(\.name)) == ["API_KEY", "AUTH"])
    let environment = Self.environment(train)
    #expect(environment["API_KEY"] == "hunter22")
    #expect(environment["AUTH"] == "Bearer hunter22")
    let shown = Dictionary(train.environment.map { ($0.name, $0.displayValue) }, uniquingKeysWith: { a, _ in a })
    #expect(shown["API_KEY"] == "****")
    #expect(shown["AUTH"] == "****")
    #expect(shown["MODE"] == "linear-fast")
    #expect(!train.environment.contains { $0.displayValue.contains("hunter22") })
    #expect(!"\(train.environment)".contains("hunter22"))
  }

  @Test func aSecretBoundLaterThatEndsUpInRunIsAPlanProblem() throws {
    let plan = try Self.plan(session: [F.secret("api_key", "hunter22"), F.session("token", "${api_key}")])
    #expect(
      plan.problems.map(\.message) == [
        "step 'evaluate' puts secret 'token' on its command line, where every user of the machine can see it"
      ])
    let line = Self.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
      $0.contains("./evaluate.sh")
    }
    #expect(plan.problems.first?.location?.line == line.map { $0 + 1 })
    let evaluate = try #require(plan.step("evaluate"))
    #expect(!evaluate.command.masked.contains("hunter22"))
    #expect(evaluate.command.masked == "./evaluate.sh --token ****")
    #expect(!"\(evaluate.command)".contains("hunter22"))
    #expect(!Self.environment(evaluate).keys.contains("PARAM_TOKEN"))
  }

  @Test func aStepThatAllowsSecretsInArgumentsGetsThemInClear() throws {
    let text = """
      params:
        api_key: {type: secret}
      steps:
        call:
          run: curl -u ${api_key} example.org
          allow_secret_in_args: true

      """
    let pipeline = try F.load(text).0
    let plan = F.plan(
      ResolutionInput(pipeline: pipeline, sessionBindings: [F.secret("api_key", "hunter22")]), sources: FakeSources()
    ).plan
    #expect(plan.problems.isEmpty)
    #expect(plan.step("call")?.command.revealed() == "curl -u hunter22 example.org")
    #expect(plan.step("call")?.command.masked == "curl -u **** example.org")
  }

  @Test func resolutionProblemsStopThePlan() throws {
    let unbound = try Self.plan(session: [])
    #expect(
      unbound.problems.map(\.message) == [
        "invalid value for 'auth' (default): 'api_key' has no value",
        "parameter 'api_key' has no value",
      ])
    let bad = try Self.plan(run: [F.run("epochs", "many")])
    #expect(
      bad.problems.map(\.message).contains {
        $0.hasPrefix("invalid value for 'epochs' (run")
      })
  }

  @Test func dynamicSourcesInStepFieldsAreReadOncePerPlan() throws {
    let text = """
      steps:
        a: echo ${cmd:date +%s} ${file:VERSION}
        b:
          run: echo ${cmd:date +%s}
          env: {STAMP: "${cmd:date +%s}", V: "${file:VERSION}", HOME_DIR: "${env:HOME:-/none}"}

      """
    let pipeline = try F.load(text).0
    let sources = FakeSources(commands: ["date +%s": .success("1700000000\n")], files: ["/proj/VERSION": "2.0\n"])
    let plan = F.plan(ResolutionInput(pipeline: pipeline), sources: sources).plan
    #expect(plan.problems.isEmpty)
    #expect(plan.step("a")?.command.masked == "echo 1700000000 2.0")
    #expect(Self.environment(plan.step("b")) == ["STAMP": "1700000000", "V": "2.0", "HOME_DIR": "/none"])
    #expect(sources.calls["cmd:date +%s in /proj"] == 1)
    #expect(sources.calls["file:/proj/VERSION"] == 1)
  }
}
