import Testing

@testable import PipelineCore

@Suite struct ResolverTests {
  typealias F = CoreFixtures

  static let marked = Marked(
    """
    params:
      epochs: {type: int, default: ‸10, min: 1, max: 1000}
      lr: {type: float, default: 0.01}
      train:
        lr: {type: float, default: 0.1}
      model: {type: choice, choices: [linear, tree, mlp], default: linear}
      run_name: {type: string, default: "${model}-e${epochs}", pattern: "^[a-z0-9-]+$"}
      layers: {type: list, items: int, default: [64, 32]}
      api_key: {type: secret}
    profiles:
      prod: {epochs: ‸30, lr: 0.005}
    steps:
      s: echo ${run_name} ${train.lr}

    """)

  static func pipeline(_ text: String = marked.text) throws -> Pipeline {
    try F.load(text).0
  }

  static func resolve(
    _ pipeline: Pipeline, files: [Binding] = [], profile: String? = nil, environment: [String: String] = [:],
    session: [Binding] = [], run: [Binding] = [], sources: FakeSources = FakeSources()
  ) -> Snapshot {
    let input = ResolutionInput(
      pipeline: pipeline, fileBindings: files, profile: profile, environment: environment, sessionBindings: session,
      runOverrides: run)
    return Resolver(sources: sources, input: input).resolve(input)
  }

  /// A pipeline of just these `params:` lines and one step.
  static func params(_ lines: String) throws -> Pipeline {
    try pipeline("params:\n" + lines + "steps:\n  s: echo\n")
  }

  // MARK: - Precedence

  /// Binds `epochs` in every layer up to `top`; `top` wins and the others are shadowed.
  @Test(arguments: Layer.allCases)
  func theHighestLayerWins(top: Layer) throws {
    let pipeline = try Self.pipeline()
    let up = { (layer: Layer) in layer <= top }
    let snapshot = Self.resolve(
      pipeline,
      files: up(.file) ? try F.fileBindings("epochs: 20\n", file: "params.yaml", pipeline: pipeline) : [],
      profile: up(.profile) ? "prod" : nil,
      environment: up(.environment) ? ["PIPESHELL_EPOCHS": "40"] : [:],
      session: up(.session) ? [F.session("epochs", "50")] : [],
      run: up(.run) ? [F.run("epochs", "60")] : [])
    let epochs = try #require(snapshot.parameters["epochs"])
    let expected = [Layer.default: 10, .file: 20, .profile: 30, .environment: 40, .session: 50, .run: 60]
    #expect(epochs.value == .int(expected[top]!))
    #expect(epochs.winner?.layer == top)
    #expect(epochs.bindings.map(\.layer) == Layer.highestFirst.filter(up))
    #expect(snapshot.problems.isEmpty)
  }

  @Test func everyBindingRecordsItsSource() throws {
    let pipeline = try Self.pipeline()
    let snapshot = Self.resolve(
      pipeline,
      files: try F.fileBindings("# tuned\nlr: 0.5\nepochs: 20\n", file: "/proj/params.yaml", pipeline: pipeline),
      profile: "prod", environment: ["PIPESHELL_EPOCHS": "40"], session: [F.session("epochs", "50", line: 4)],
      run: [F.run("epochs", "60")])
    let sources = snapshot.parameters["epochs"]!.bindings.map(\.source.description)
    #expect(
      sources == [
        "run epochs=60  (prompt, line 9)", "set epochs 50  (prompt, line 4)", "PIPESHELL_EPOCHS",
        "prod  \(Self.marked.at(1))", "params.yaml:3:9",
        Self.marked.at(0),
      ])
    #expect(snapshot.parameters["epochs"]!.bindings.map(\.writtenText) == ["60", "50", "40", "30", "20", "10"])
    let lr = try #require(snapshot.parameters["lr"])
    #expect(lr.value == .float(0.005))
    #expect(lr.bindings.map(\.layer) == [.profile, .file, .default])
  }

  @Test func laterParamsFilesWinOverEarlierOnes() throws {
    let pipeline = try Self.pipeline()
    let first = try F.fileBindings("epochs: 20\nlr: 0.2\n", file: "params.yaml", pipeline: pipeline)
    let second = try F.fileBindings("epochs: 25\n", file: "more.yaml", pipeline: pipeline)
    let snapshot = Self.resolve(pipeline, files: first + second)
    #expect(snapshot.value("epochs") == .int(25))
    #expect(snapshot.value("lr") == .float(0.2))
    #expect(
      snapshot.parameters["epochs"]!.bindings.map(\.source.description) == [
        "more.yaml:1:9", "params.yaml:1:9", Self.marked.at(0),
      ])
  }

  @Test func aParamsFileBindsGroupsByNesting() throws {
    let pipeline = try Self.pipeline()
    let files = try F.fileBindings("train:\n  lr: 0.3\n", file: "params.yaml", pipeline: pipeline)
    let snapshot = Self.resolve(pipeline, files: files)
    #expect(snapshot.value("train.lr") == .float(0.3))
    #expect(snapshot.value("lr") == .float(0.01))
  }

  @Test func environmentVariablesBindDottedNames() throws {
    let snapshot = Self.resolve(try Self.pipeline(), environment: ["PIPESHELL_TRAIN_LR": "0.7", "PIPESHELL_LR": "0.2"])
    #expect(snapshot.value("train.lr") == .float(0.7))
    #expect(snapshot.value("lr") == .float(0.2))
    #expect(snapshot.parameters["train.lr"]?.winner?.source == .environment("PIPESHELL_TRAIN_LR"))
    #expect(snapshot.warnings.isEmpty)
  }

  @Test func anUndeclaredEnvironmentVariableIsAWarningWithASuggestion() throws {
    let snapshot = Self.resolve(
      try Self.pipeline(),
      environment: ["PIPESHELL_EPOHCS": "3", "PIPESHELL_ZZZ": "1", "PIPESHELL_RUN_ID": "7", "OTHER": "x"])
    #expect(
      snapshot.warnings.map(\.message) == [
        "environment variable PIPESHELL_EPOHCS names no parameter of this pipeline",
        "environment variable PIPESHELL_ZZZ names no parameter of this pipeline",
      ])
    #expect(snapshot.warnings.map(\.severity) == [.warning, .warning])
    #expect(snapshot.warnings.map(\.notes) == [["did you mean 'PIPESHELL_EPOCHS'?"], []])
    #expect(snapshot.value("epochs") == .int(10))
    #expect(snapshot.problems.isEmpty)
  }

  @Test func aBadValueInALayerNamesTheLayerAndSource() throws {
    let snapshot = Self.resolve(try Self.pipeline(), environment: ["PIPESHELL_EPOCHS": "lots"])
    let problem = try #require(snapshot.parameters["epochs"]?.problem)
    #expect(
      problem.message == "invalid value for 'epochs' (env: PIPESHELL_EPOCHS): 'lots' is not an int (whole number)")
    #expect(snapshot.value("epochs") == nil)
    // run_name reads epochs: its failure follows from this one and is not reported again.
    #expect(snapshot.problems.count == 1)
    #expect(snapshot.parameters["run_name"]?.followsFromOtherProblem == true)
  }

  @Test func aValueOutsideItsRangeInAFileIsLocated() throws {
    let pipeline = try Self.pipeline()
    let files = try F.fileBindings("\nepochs: 5000\n", file: "params.yaml", pipeline: pipeline)
    let problem = try #require(Self.resolve(pipeline, files: files).parameters["epochs"]?.problem)
    #expect(problem.message == "invalid value for 'epochs' (file): 5000 is above the maximum 1000")
    #expect(problem.location?.description == "params.yaml:2:9")
  }

  // MARK: - Interpolation

  @Test func interpolationRecordsItsInputs() throws {
    let pipeline = try Self.params("  a: {default: x}\n  b: {type: int, default: 3}\n  c: {default: \"${a}-${b}\"}\n")
    let snapshot = Self.resolve(pipeline, session: [F.session("b", "4")])
    #expect(snapshot.value("c") == .string("x-4"))
    #expect(snapshot.parameters["c"]?.inputs == ["a", "b"])
    #expect(snapshot.parameters["a"]?.inputs == [])
  }

  @Test func theSpecRunNameFollowsItsInputs() throws {
    let snapshot = Self.resolve(try Self.pipeline(), session: [F.session("model", "mlp"), F.session("epochs", "20")])
    #expect(snapshot.value("run_name") == .string("mlp-e20"))
    #expect(snapshot.parameters["run_name"]?.inputs == ["model", "epochs"])
    #expect(snapshot.parameters["run_name"]?.winner?.layer == .default)
  }

  @Test func aSessionValueMayInterpolate() throws {
    let snapshot = Self.resolve(try Self.pipeline(), session: [F.session("run_name", "${model}-x")])
    #expect(snapshot.value("run_name") == .string("linear-x"))
    #expect(snapshot.parameters["run_name"]?.inputs == ["model"])
  }

  @Test func anInterpolatedValueIsCheckedAgainstItsConstraints() throws {
    let snapshot = Self.resolve(try Self.pipeline(), session: [F.session("run_name", "${model}_X")])
    #expect(
      snapshot.parameters["run_name"]?.problem?.message
        == "invalid value for 'run_name' (session: set run_name ${model}_X): "
        + "'linear_X' does not match the pattern ^[a-z0-9-]+$")
  }

  @Test(
    arguments: [
      ("${env:V}", ["V": "from-env"], "from-env"),
      ("${env:V:-x}", [:], "x"),
      ("${env:V:-x}", ["V": "set"], "set"),
      ("${env:V:-x}", ["V": ""], "x"),
      ("${env:V:-}", [:], ""),
      ("a-${env:V:-b-c}-d", [:], "a-b-c-d"),
      ("$${env:V}", ["V": "no"], "${env:V}"),
      ("$${a} and ${env:V}", ["V": "yes"], "${a} and yes"),
      ("cost: $5", [:], "cost: $5"),
    ] as [(String, [String: String], String)])
  func environmentReferences(template: String, environment: [String: String], expected: String) throws {
    let pipeline = try Self.params("  p: {type: string, default: x}\n")
    let snapshot = Self.resolve(pipeline, environment: environment, session: [F.session("p", template)])
    #expect(snapshot.value("p") == .string(expected))
    #expect(snapshot.problems.isEmpty)
  }

  @Test func anUnsetEnvironmentVariableWithoutAFallbackIsAProblem() throws {
    let pipeline = try Self.params("  user: {default: \"${env:USER}\"}\n")
    let problem = Self.resolve(pipeline).parameters["user"]?.problem
    #expect(
      problem?.message.hasSuffix(
        "environment variable USER is not set (write ${env:USER:-default} for a fallback)") == true)
  }

  @Test func aLiteralDollarBraceInADefault() throws {
    let pipeline = try Self.params("  p: {default: \"$${HOME}/x\"}\n")
    #expect(Self.resolve(pipeline).value("p") == .string("${HOME}/x"))
  }

  @Test func aReferenceCycleThroughTheSessionIsNamed() throws {
    let pipeline = try Self.params("  a: {default: x}\n  b: {default: \"${a}\"}\n")
    let snapshot = Self.resolve(pipeline, session: [F.session("a", "${b}")])
    #expect(snapshot.parameters["a"]?.problem?.message == "reference cycle: a -> b -> a")
    #expect(snapshot.parameters["b"]?.problem?.message == "reference cycle: a -> b -> a")
    #expect(snapshot.value("a") == nil && snapshot.value("b") == nil)
  }

  @Test func aSelfReferenceThroughTheSessionIsACycle() throws {
    let pipeline = try Self.params("  a: {default: x}\n")
    let snapshot = Self.resolve(pipeline, session: [F.session("a", "${a}-1")])
    #expect(snapshot.parameters["a"]?.problem?.message == "reference cycle: a -> a")
  }

  @Test func aListParameterFromAnotherList() throws {
    let pipeline = try Self.params(
      "  layers: {type: list, items: int, default: [64, 32]}\n  wide: {type: list, items: int, default: \"${layers}\"}\n"
        + "  tags: {type: dict, default: {team: ml}}\n  more: {type: dict, default: \"${tags}\"}\n")
    let snapshot = Self.resolve(pipeline, session: [F.session("layers", "[128, 64, 32]")])
    #expect(snapshot.value("wide") == .list([.int(128), .int(64), .int(32)]))
    #expect(snapshot.parameters["wide"]?.inputs == ["layers"])
    #expect(snapshot.value("more") == .dict(["team": .string("ml")]))
  }

  @Test func aListItemMayInterpolate() throws {
    let pipeline = try Self.params(
      "  n: {type: int, default: 8}\n  layers: {type: list, items: int, default: [\"${n}\", 4]}\n")
    let snapshot = Self.resolve(pipeline, run: [F.run("n", "16")])
    #expect(snapshot.value("layers") == .list([.int(16), .int(4)]))
    #expect(snapshot.parameters["layers"]?.inputs == ["n"])
  }

  // MARK: - Dynamic sources

  @Test func aCommandRunsOncePerResolutionHoweverManyUseIt() throws {
    let pipeline = try Self.params(
      "  sha: {default: \"${cmd:git rev-parse --short HEAD}\"}\n"
        + "  tag: {default: \"v-${cmd:git rev-parse --short HEAD}\"}\n"
        + "  dir: {default: \"out/${cmd:git rev-parse --short HEAD}/${sha}\"}\n")
    let sources = FakeSources(commands: ["git rev-parse --short HEAD": .success("abc1234\n")])
    let snapshot = Self.resolve(pipeline, sources: sources)
    #expect(snapshot.value("sha") == .string("abc1234"))
    #expect(snapshot.value("tag") == .string("v-abc1234"))
    #expect(snapshot.value("dir") == .string("out/abc1234/abc1234"))
    #expect(sources.calls["cmd:git rev-parse --short HEAD in /proj"] == 1)
    #expect(snapshot.dynamicValues == [DynamicValue(source: "cmd:git rev-parse --short HEAD", value: "abc1234")])
    _ = Self.resolve(pipeline, sources: sources)
    #expect(sources.calls["cmd:git rev-parse --short HEAD in /proj"] == 2)
  }

  @Test func aFailingCommandShowsItsError() throws {
    let pipeline = try Self.params("  sha: {default: \"${cmd:git rev-parse HEAD}\"}\n")
    let sources = FakeSources(commands: [
      "git rev-parse HEAD": .failure(DynamicSourceFailure("exit status 128: fatal: not a git repository"))
    ])
    let problem = try #require(Self.resolve(pipeline, sources: sources).parameters["sha"]?.problem)
    #expect(problem.message.hasPrefix("invalid value for 'sha' (default): "))
    #expect(problem.message.hasSuffix("${cmd:git rev-parse HEAD} failed: exit status 128: fatal: not a git repository"))
  }

  @Test func aRealFailingCommandReportsItsStandardError() {
    let sources = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: ["PATH": "/usr/bin:/bin"])
    let result = sources.commandOutput("echo partial; echo 'no such ref' >&2; exit 3", in: "/")
    #expect(result == .failure(DynamicSourceFailure("exit status 3", errorOutput: "no such ref")))
    #expect(sources.commandOutput("printf ' v1 \\n'", in: "/") == .success(" v1 \n"))
  }

  @Test func aFileIsReadRelativeToThePipelineFolderOnce() throws {
    let pipeline = try Self.params(
      "  version: {default: \"${file:VERSION}\"}\n  label: {default: \"v${file:VERSION}-${file:/etc/stamp}\"}\n")
    let sources = FakeSources(files: ["/proj/VERSION": "1.2.3\n", "/etc/stamp": " s1 "])
    let snapshot = Self.resolve(pipeline, sources: sources)
    #expect(snapshot.value("version") == .string("1.2.3"))
    #expect(snapshot.value("label") == .string("v1.2.3-s1"))
    #expect(sources.calls["file:/proj/VERSION"] == 1)
    #expect(snapshot.dynamicValues.map(\.source) == ["file:VERSION", "file:/etc/stamp"])
  }

  @Test func aMissingFileIsAProblem() throws {
    let pipeline = try Self.params("  version: {default: \"${file:VERSION}\"}\n")
    let problem = Self.resolve(pipeline).parameters["version"]?.problem?.message
    #expect(problem?.hasSuffix("${file:VERSION}: no such file '/proj/VERSION'") == true)
  }

  // MARK: - Secrets

  static let secrets = """
      api_key: {type: secret}
      auth: {default: "Bearer ${api_key}"}
      header: {default: "X-Auth: ${auth}"}
      plain: {default: "${user}"}
      user: {default: me}

    """

  @Test func aValueInterpolatedFromASecretIsASecret() throws {
    let snapshot = Self.resolve(try Self.params(Self.secrets), session: [F.secret("api_key", "hunter22")])
    for name in ["api_key", "auth", "header"] {
      let resolved = try #require(snapshot.parameters[name])
      #expect(resolved.isSecret, "\(name)")
      #expect(resolved.value?.text == "****")
      #expect(resolved.value?.display == "****")
    }
    #expect(snapshot.value("auth")?.revealedText == "Bearer hunter22")
    #expect(snapshot.value("header")?.revealedText == "X-Auth: Bearer hunter22")
    #expect(snapshot.parameters["plain"]?.isSecret == false)
    #expect(snapshot.value("plain") == .string("me"))
    #expect(Set(snapshot.secretValues) == ["hunter22", "Bearer hunter22", "X-Auth: Bearer hunter22"])
  }

  @Test func aSecretFromASourceIsReadAtResolution() throws {
    let pipeline = try Self.params(Self.secrets)
    let binding = Binding(
      name: "api_key", raw: .secretSource(.command("pass show api")), layer: .session,
      source: .command("secret api_key --from-cmd \"pass show api\"", .prompt(line: 2)))
    let sources = FakeSources(commands: ["pass show api": .success("sk-live-123\n")])
    let snapshot = Self.resolve(pipeline, session: [binding], sources: sources)
    #expect(snapshot.value("api_key")?.revealedText == "sk-live-123")
    #expect(snapshot.dynamicValues.isEmpty)
    let fromEnv = Binding(
      name: "api_key", raw: .secretSource(.environment("API_KEY")), layer: .session,
      source: .command("secret api_key --from-env API_KEY", .prompt(line: 2)))
    let env = Self.resolve(pipeline, environment: ["API_KEY": "from-env-1"], session: [fromEnv])
    #expect(env.value("api_key")?.revealedText == "from-env-1")
  }

  @Test func aShortSecretIsRefusedWithoutShowingIt() throws {
    let snapshot = Self.resolve(try Self.params(Self.secrets), environment: ["PIPESHELL_API_KEY": "abc"])
    let problem = try #require(snapshot.parameters["api_key"]?.problem)
    #expect(
      problem.message == "invalid value for 'api_key' (env: PIPESHELL_API_KEY): "
        + "a secret must have at least 4 characters (shorter ones would mask ordinary text)")
  }

  @Test func aValueFromASecretThatFailsItsTypeDoesNotShowTheSecret() throws {
    let pipeline = try Self.params(
      "  api_key: {type: secret}\n  port: {type: int, default: \"${api_key}\"}\n"
        + "  mode: {type: choice, choices: [a, b], default: \"${api_key}\"}\n")
    let snapshot = Self.resolve(pipeline, session: [F.secret("api_key", "hunter22")])
    for name in ["port", "mode"] {
      let problem = try #require(snapshot.parameters[name]?.problem, "\(name)")
      #expect(!problem.description.contains("hunter22"), "\(problem)")
      #expect(problem.message.contains("****"), "\(problem)")
    }
  }

  @Test func aSecretFromACommandDefaultIsNotRecordedAsADynamicValue() throws {
    let pipeline = try Self.params(
      "  api_key: {type: secret, default: \"${cmd:vault read key}\"}\n  sha: {default: \"${cmd:git rev-parse HEAD}\"}\n"
    )
    let sources = FakeSources(commands: [
      "vault read key": .success("sk-vault-99"), "git rev-parse HEAD": .success("abc"),
    ])
    let snapshot = Self.resolve(pipeline, sources: sources)
    #expect(snapshot.value("api_key")?.revealedText == "sk-vault-99")
    #expect(snapshot.dynamicValues == [DynamicValue(source: "cmd:git rev-parse HEAD", value: "abc")])
  }

  // MARK: - Missing and invalid values

  @Test func aRequiredParameterWithoutAValueIsAProblem() throws {
    let pipeline = try Self.params(
      "  api_key: {type: secret, required: true}\n  name: {type: string, required: true}\n")
    let snapshot = Self.resolve(pipeline)
    #expect(
      snapshot.problems.map(\.message) == [
        "parameter 'api_key' is required and has no value", "parameter 'name' is required and has no value",
      ])
    #expect(snapshot.problems.map(\.notes) == [["bind it with 'secret api_key'"], ["set it with 'set name VALUE'"]])
    #expect(Self.resolve(pipeline, session: [F.secret("api_key", "abcd"), F.session("name", "x")]).problems.isEmpty)
  }

  @Test func anOptionalParameterWithoutAValueHasNone() throws {
    let snapshot = Self.resolve(try Self.params("  note: {type: string}\n"))
    #expect(snapshot.value("note") == nil)
    #expect(snapshot.problems.isEmpty)
  }

  @Test func aPathThatMustExist() throws {
    let marked = Marked("params:\n  data: {type: path, default: ‸data/train.csv, must_exist: true}\nsteps: {s: echo}\n")
    let pipeline = try Self.pipeline(marked.text)
    let missing = Self.resolve(pipeline).parameters["data"]?.problem
    #expect(missing?.message == "invalid value for 'data' (default): path 'data/train.csv' does not exist")
    #expect(missing?.location?.description == marked.at())
    let present = FakeSources(existing: ["/proj/data/train.csv", "/abs/x.csv"])
    #expect(Self.resolve(pipeline, sources: present).problems.isEmpty)
    #expect(Self.resolve(pipeline, session: [F.session("data", "/abs/x.csv")], sources: present).problems.isEmpty)
  }

  @Test func theSnapshotKeepsDeclarationOrder() throws {
    let snapshot = Self.resolve(try Self.pipeline())
    #expect(snapshot.order == ["epochs", "lr", "train.lr", "model", "run_name", "layers", "api_key"])
    #expect(snapshot.value("layers") == .list([.int(64), .int(32)]))
  }

  /// `a.b` beside a group `a` holding `b` declares `a.b` twice: it resolves once, with the
  /// first declaration's spec, and the later default ranks above the earlier one.
  @Test func aNameDeclaredTwiceResolvesOnce() throws {
    let pipeline = try Self.params("  a.b: 1\n  a:\n    b: 2\n  c: \"${a.b}\"\n")
    let snapshot = Self.resolve(pipeline, session: [F.session("c", "x${a.b}")])
    let ab = try #require(snapshot.parameters["a.b"])
    #expect(ab.value == .int(2))
    #expect(ab.bindings.map(\.writtenText) == ["2", "1"])
    #expect(ab.spec.location.line == 2)
    #expect(snapshot.value("c") == .string("x2"))
    #expect(snapshot.parameters.count == 2 && snapshot.order == ["a.b", "a.b", "c"])
  }
}

/// Bindings as the run store keeps them read back the same; secrets never written.
@Suite struct RecordedBindingsTests {
  @Test func everyKindOfBindingRoundTrips() throws {
    let node = try YAMLReader().read("{a: [1, \"x, y\"], b: {c: é}}", file: "params.yaml")
    let bindings = [
      Binding(name: "f", raw: .yaml(node), layer: .file, source: .paramsFile(node.location)),
      Binding(name: "p", raw: .yaml(node), layer: .profile, source: .profile("prod", node.location)),
      Binding(name: "e", raw: .text("1"), layer: .environment, source: .environment("PIPESHELL_E")),
      Binding(
        name: "s", raw: .text("a 'b' \"c\""), layer: .session,
        source: .command("set s ...", .script(file: "x.psh", line: 3))),
      Binding(name: "r", raw: .text("${s}-1"), layer: .run, source: .command("run r=...", .commandOption(index: 2))),
      Binding(
        name: "k", raw: .secretSource(.command("vault read x")), layer: .session,
        source: .command("secret k", .prompt(line: 1))),
    ]
    let text = RecordedBindings.encode(bindings, secretNames: ["k"])
    let entries = try #require(RecordedBindings.decode(text))
    #expect(entries == bindings.map { .binding($0) })
  }

  @Test func aSecretsValueIsNeverWritten() throws {
    let bindings = [
      Binding(
        name: "t", raw: .secret(Secret("hunter22")), layer: .session, source: .command("secret t", .prompt(line: 1))),
      Binding(name: "u", raw: .text("hunter33"), layer: .environment, source: .environment("PIPESHELL_U")),
    ]
    let text = RecordedBindings.encode(bindings, secretNames: ["t", "u"])
    #expect(!text.contains("hunter"))
    let entries = try #require(RecordedBindings.decode(text))
    #expect(entries.map(\.name) == ["t", "u"])
    #expect(entries.allSatisfy { if case .secret = $0 { true } else { false } })
  }
}
