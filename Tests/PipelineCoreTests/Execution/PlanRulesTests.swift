import Testing

@testable import PipelineCore

/// What stops a plan and what does not: missing inputs, values only skipped steps need,
/// secrets in paths or read from a secret's environment source, and how values are written
/// into command lines and environments.
@Suite struct PlanRulesTests {
  typealias F = CoreFixtures

  static func plan(
    _ text: String, session: [Binding] = [], environment: [String: String] = [:], existing: Set<String> = []
  ) throws -> Plan {
    let pipeline = try F.load(text).0
    return F.plan(
      ResolutionInput(pipeline: pipeline, environment: environment, sessionBindings: session),
      sources: FakeSources(existing: existing)
    ).plan
  }

  @Test func aMissingInputStopsThePlanUnlessAStepWritesIt() throws {
    let text = """
      steps:
        make: {run: "true", outputs: [out/data.csv, models]}
        use: {needs: [make], run: "true", inputs: [out/data.csv, models/a.bin, raw.txt, seed.txt]}

      """
    let plan = try Self.plan(text, existing: ["/proj/seed.txt"])
    #expect(
      plan.problems.map(\.message) == [
        "input 'raw.txt' of step 'use' does not exist, and no step declares it as an output"
      ])
    #expect(plan.problems.first?.location?.line == 3)
  }

  /// An input DVC tracks (`dvc add` wrote `raw.txt.dvc`, or `data.dvc` for its folder) whose data
  /// is missing is brought back by DVC, not by a step: the plan says how, as `dvc repro` also
  /// stops there.
  @Test func aMissingInputThatDVCTracksSaysHowToBringItBack() throws {
    let text = """
      steps:
        use: {run: "true", inputs: [raw.txt, data/part/a.csv, other.txt]}

      """
    let plan = try Self.plan(text, existing: ["/proj/raw.txt.dvc", "/proj/data.dvc", "/proj.dvc", "/other.txt.dvc"])
    #expect(plan.problems.count == 3)
    #expect(
      plan.problems.map { $0.notes.first ?? "" } == [
        "DVC tracks it in raw.txt.dvc, but its data is not here: 'dvc checkout raw.txt.dvc' or 'dvc pull raw.txt.dvc'"
          + " brings it (dvc repro stops here too: missing data 'source')",
        "DVC tracks it in data.dvc, but its data is not here: 'dvc checkout data.dvc' or 'dvc pull data.dvc'"
          + " brings it (dvc repro stops here too: missing data 'source')",
        "create it, or remove it from 'inputs'",
      ])
  }

  /// From a stage's `wdir`, an input above it (`../raw.txt`) is looked for up to the DVC
  /// project's root (the folder holding `.dvc/`), and the `.dvc` file named from the step's
  /// folder; nothing above the root counts.
  @Test func aMissingInputAboveTheStepsFolderThatDVCTracksSaysHowToBringItBack() throws {
    let text = """
      steps:
        use: {cwd: sub, run: "true", inputs: [../raw.txt, ../../outside.txt, deep.txt]}

      """
    let plan = try Self.plan(
      text, existing: ["/proj/.dvc", "/proj/raw.txt.dvc", "/outside.txt.dvc", "/proj/sub/deep.txt.dvc"])
    #expect(
      plan.problems.map { $0.notes.first ?? "" } == [
        "DVC tracks it in ../raw.txt.dvc, but its data is not here: 'dvc checkout ../raw.txt.dvc' or 'dvc pull"
          + " ../raw.txt.dvc' brings it (dvc repro stops here too: missing data 'source')",
        "create it, or remove it from 'inputs'",
        "DVC tracks it in deep.txt.dvc, but its data is not here: 'dvc checkout deep.txt.dvc' or 'dvc pull"
          + " deep.txt.dvc' brings it (dvc repro stops here too: missing data 'source')",
      ])
  }

  /// Outputs written relative to a step's own folder (plain, or with `.`, `..` and trailing
  /// slashes), absolute, or the folder itself, provide inputs other steps write from theirs:
  /// the output, a file inside it, or a folder it is written in (`sub/deep/a` holds `deep/a/b`).
  @Test func anInputIsProvidedByAnOutputWrittenFromAnotherFolder() throws {
    let text = """
      steps:
        make:
          cwd: sub
          run: "true"
          outputs: [x, ./y/, ../top.txt, /abs/out, deep/a/b]
        all:
          cwd: whole
          run: "true"
          outputs: ["."]
        use:
          needs: [make, all]
          run: "true"
          inputs: [sub/x/inner.txt, sub/y, top.txt, /abs/out/f, sub/deep/a/b/c, whole/w, sub/z, sub/deep/a, x]

      """
    let plan = try Self.plan(text)
    #expect(
      plan.problems.map(\.message) == [
        "input 'sub/z' of step 'use' does not exist, and no step declares it as an output",
        "input 'x' of step 'use' does not exist, and no step declares it as an output",
      ])
  }

  /// DVC runs a stage reading the folder `data` after the stage that writes `data/file.csv`
  /// into it, and so does pipeshell: the folder is provided, not missing.
  @Test func aFolderAStepWritesIntoIsProvided() throws {
    let text = """
      steps:
        consume: {needs: [produce], run: "true", inputs: [data, data/file.csv, dat, data/other], outputs: [listing.txt]}
        produce: {run: "true", outputs: [data/file.csv, /abs/x/y]}
        more: {needs: [produce], run: "true", inputs: [/abs, /abs/x, /ab]}

      """
    let plan = try Self.plan(text)
    #expect(
      plan.problems.map(\.message) == [
        "input 'dat' of step 'consume' does not exist, and no step declares it as an output",
        "input 'data/other' of step 'consume' does not exist, and no step declares it as an output",
        "input '/ab' of step 'more' does not exist, and no step declares it as an output",
      ])
  }

  @Test func valuesThatOnlySkippedStepsNeedDoNotStopTheRun() throws {
    let text = """
      params:
        publish: {type: bool, default: false}
        token: {type: secret, required: true}
        count: {type: int, default: 3}
      steps:
        work: echo ${count}
        upload:
          when: publish
          run: ./upload.sh
          env: {TOKEN: "${token}"}

      """
    let skipped = try Self.plan(text)
    #expect(skipped.problems.isEmpty)
    #expect(skipped.step("upload")?.decision == .skipped(reason: "when: publish is false"))
    let running = try Self.plan(text, session: [F.session("publish", "true")])
    #expect(running.problems.map(\.message) == ["parameter 'token' is required and has no value"])
  }

  @Test func aValueAConditionReadsIsNeededEvenWhenItsStepIsSkipped() throws {
    let text = """
      params:
        level: {type: int, required: true}
      steps:
        work:
          when: level > 2
          run: "true"

      """
    #expect(try Self.plan(text).problems.map(\.message) == ["parameter 'level' is required and has no value"])
  }

  @Test(
    arguments: [
      ("${env:X:-d}", ["X": ""], "d"), ("${env:X:-d}", [:], "d"), ("${env:X:-d}", ["X": "v"], "v"),
      ("${env:X-d}", ["X": ""], ""), ("${env:X-d}", [:], "d"), ("${env:X-d}", ["X": "v"], "v"),
    ] as [(String, [String: String], String)])
  func environmentFallbacksFollowPOSIX(template: String, environment: [String: String], expected: String) throws {
    let text = """
      params:
        p: {default: "\(template)"}
      steps:
        s:
          run: echo ${p}/\(template)
          env: {E: "\(template)"}

      """
    let plan = try Self.plan(text, environment: environment)
    #expect(plan.problems.isEmpty)
    #expect(plan.step("s")?.command.masked == "echo \(expected)/\(expected)")
    #expect(plan.step("s")?.environment.first?.revealedValue() == expected)
  }

  @Test func listsAndDictsAreWrittenAsShellWordsInCommandsAndJSONInTheEnvironment() throws {
    let text = """
      params:
        layers: {type: list, items: string, default: ["64", "a b", "it's"]}
        tags: {type: dict, default: {team: ml}}
      steps:
        s:
          run: ./train.py --layers ${layers} --tags ${tags}
          env: {LAYERS: "${layers}"}

      """
    let s = try #require(try Self.plan(text).step("s"))
    #expect(s.command.masked == #"./train.py --layers 64 'a b' 'it'\''s' --tags '{"team":"ml"}'"#)
    let environment = Dictionary(s.environment.map { ($0.name, $0.revealedValue()) }, uniquingKeysWith: { a, _ in a })
    #expect(environment["LAYERS"] == #"["64","a b","it's"]"#)
    #expect(environment["PARAM_TAGS"] == #"{"team":"ml"}"#)
  }

  @Test func aSecretInAPathIsRefusedAndNeverShown() throws {
    let text = """
      params:
        token: {type: secret}
        folder: {default: "work-${token}"}
      steps:
        s:
          run: "true"
          cwd: ${folder}
          outputs: ["out/${folder}.txt"]

      """
    let diagnostics = F.diagnostics(text)
    #expect(diagnostics.map(\.message).allSatisfy { $0.contains("puts a secret into a file path") })
    #expect(diagnostics.count == 2)
  }

  @Test func aTemplateReadingASecretsEnvironmentSourceIsSecret() throws {
    let text = """
      params:
        token: {type: secret}
      steps:
        s: 'curl -H "auth: ${env:TOKEN_SOURCE}" example.org'

      """
    let session = Binding(
      name: "token", raw: .secretSource(.environment("TOKEN_SOURCE")), layer: .session,
      source: .command("secret token --from-env TOKEN_SOURCE", .prompt(line: 1)))
    let plan = try Self.plan(text, session: [session], environment: ["TOKEN_SOURCE": "hunter22"])
    #expect(plan.problems.map(\.message).first?.contains("puts secret") ?? false)
    #expect(plan.step("s")?.command.masked == #"curl -H "auth: ****" example.org"#)
  }
}
