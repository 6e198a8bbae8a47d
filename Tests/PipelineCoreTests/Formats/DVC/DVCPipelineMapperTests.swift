import Testing

@testable import PipelineCore

/// A DVC project mapped to today's model, then resolved and planned by today's resolver and
/// planner: commands render as DVC renders them, values sit in the `file` layer, and a change
/// of a value changes the commands that read it.
@Suite struct DVCPipelineMapperTests {
  static let files = InMemoryDVCFiles([
    "params.yaml":
      "train:\n  lr: 0.001\n  tiny: 1.0e-05\n  flag: true\n  log-level: debug\n  opt: {a: 1, b: [x, y]}\nlayers: [64, 32]\nseed: 1\n",
    "other.json": #"{"batch": 32}"#,
    "dvc.yaml": #"""
    stages:
      prepare:
        cmd: prepare --seed ${seed} --tiny ${train.tiny} --flag ${train.flag} --level ${train.log-level}
        outs: [data]
      train:
        cmd:
          - train --lr ${train.lr} ${train.opt}
          - echo first ${layers[0]}
        deps: [data]
        params: [train.lr, {other.json: [batch]}]
        outs: [model.pkl]
        metrics: [{metrics.json: {cache: false}}, scores.yaml]
        desc: Train it
      lines:
        cmd: |
          echo one \${not.a.ref}
          echo two ${seed}
        always_changed: true
      frozen:
        cmd: echo frozen
        frozen: true
    """#,
  ])

  static func plan(_ mapping: DVCPipelineMapper.Mapping, session: [Binding] = []) -> Plan {
    let sources = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: [:])
    let dynamic = DynamicValues(sources: sources, environment: [:], folder: mapping.pipeline.folder)
    let snapshot = Resolver(dynamic: dynamic).resolve(
      ResolutionInput(pipeline: mapping.pipeline, fileBindings: mapping.fileBindings, sessionBindings: session))
    return Planner(dynamic: dynamic).plan(mapping.pipeline, snapshot: snapshot)
  }

  @Test func mapsStagesAndPlansAsDVCRenders() throws {
    let (project, _) = try DVCProjectLoader().load(files: Self.files)
    let mapping = DVCPipelineMapper.map(project, overlay: nil, folder: "/work/project")
    let pipeline = mapping.pipeline
    #expect(pipeline.steps.map(\.name) == ["prepare", "train", "lines", "frozen"])
    #expect(pipeline.step("train")?.needs == ["prepare"])
    #expect(
      pipeline.parameterNames == [
        "train.lr", "train.tiny", "train.flag", "train.log-level", "train.opt.a", "train.opt.b", "layers", "seed",
        "[other.json].batch",
      ])
    #expect(pipeline.parameter("layers")?.type == .list(items: .int))
    #expect(mapping.fileBindings.first?.layer == .file)
    #expect(mapping.fileBindings.first?.raw == .value(.float(0.001)))
    #expect(mapping.fileBindings.first?.source == .paramsFile(SourceLocation(file: "params.yaml", line: 2, column: 7)))
    #expect(
      pipeline.step("train")?.params == ["train.lr", "[other.json].batch", "train.opt.a", "train.opt.b", "layers"])
    #expect(pipeline.step("lines")?.cache == false)
    #expect(pipeline.step("lines")?.noCacheReason == "always_changed: true")
    #expect(pipeline.step("frozen")?.verifyReason == "frozen: true (dvc.yaml)")
    #expect(pipeline.step("train")?.metrics.map(\.template.source) == ["metrics.json", "scores.yaml"])
    #expect(pipeline.step("train")?.description == "Train it")
    #expect(pipeline.step("train")?.commands.count == 2)
    #expect(pipeline.step("train")?.env.map(\.name) == ["DVC_ROOT", "DVC_STAGE"])
    #expect(mapping.notes.isEmpty)

    let plan = Self.plan(mapping)
    #expect(plan.problems.isEmpty)
    #expect(plan.step("prepare")?.command.masked == project.stage("prepare")?.commandTexts[0])
    #expect(plan.step("train")?.command.masked == "(\ntrain --lr 0.001 --a 1 --b x y\n) && (\necho first 64\n)")
    #expect(plan.step("train")?.commandLines.map(\.masked) == ["train --lr 0.001 --a 1 --b x y", "echo first 64"])
    #expect(plan.step("lines")?.command.masked == "(\necho one ${not.a.ref}\n) && (\necho two 1\n)")
    #expect(plan.step("frozen")?.decision == .verifies(reason: "frozen: true (dvc.yaml)"))

    // A session value changes every command that reads it, a list item and a dict unpacked
    // into options included.
    func set(_ name: String, _ text: String) -> Binding {
      Binding(name: name, raw: .text(text), layer: .session, source: .command("set \(name) \(text)", .prompt(line: 1)))
    }
    let changed = Self.plan(
      mapping, session: [set("train.lr", "0.2"), set("train.opt.a", "7"), set("layers", "[8, 4]")])
    #expect(changed.step("train")?.command.masked == "(\ntrain --lr 0.2 --a 7 --b x y\n) && (\necho first 8\n)")
  }

  /// DVC runs a stage with no dependency and no output on every `dvc repro` (a callback
  /// stage), and so does pipeshell; a value its command reads is a dependency.
  @Test func aStageWithNoDependencyAndNoOutputRunsEveryTime() throws {
    let files = InMemoryDVCFiles([
      "params.yaml": "n: 1\n",
      "dvc.yaml":
        "stages:\n  ping:\n    cmd: echo ping\n  reads:\n    cmd: echo ${n}\n  keyed:\n    cmd: echo\n    params: [n]\n",
    ])
    let mapping = DVCPipelineMapper.map(try DVCProjectLoader().load(files: files).0, overlay: nil, folder: "/p")
    let steps = mapping.pipeline.steps
    #expect(steps.map(\.name) == ["ping", "reads", "keyed"])
    #expect(steps.map(\.cache) == [false, true, true])
    #expect(steps[0].noCacheReason == "no deps and no outs: DVC runs it every time")
  }

  /// DVC restores from its run cache only a stage with dependencies and outputs, none of them
  /// `persist` or uncached; pipeshell restores no other DVC stage from its own cache either.
  @Test func onlyStagesDVCWouldRestoreAreRestoredFromTheCache() throws {
    let files = InMemoryDVCFiles([
      "params.yaml": "n: 1\n",
      "dvc.yaml": """
      stages:
        plain: {cmd: make, deps: [in.txt], outs: [a.txt]}
        valued: {cmd: "make ${n}", outs: [b.txt]}
        nodeps: {cmd: make, outs: [c.txt]}
        kept: {cmd: make, deps: [in.txt], outs: [{d.txt: {persist: true}}]}
        uncached: {cmd: make, deps: [in.txt], outs: [{e.txt: {cache: false}}]}
        always: {cmd: make, deps: [in.txt], outs: [f.txt], always_changed: true}

      """,
    ])
    let mapping = DVCPipelineMapper.map(try DVCProjectLoader().load(files: files).0, overlay: nil, folder: "/p")
    #expect(mapping.pipeline.steps.map(\.restoresOutputs) == [true, true, false, false, false, false])
  }

  @Test func anInputWrittenOnceForManyStagesIsOneProblemNamingThem() throws {
    let files = InMemoryDVCFiles([
      "dvc.yaml": """
      stages:
        train:
          matrix:
            seed: [1, 2, 3, 4, 5]
          cmd: train ${item.seed}
          deps: [train.py]
        pair:
          foreach: [a, b]
          do:
            cmd: echo ${item}
            deps: ["missing/${item}.txt", shared.py]
      """
    ])
    let (project, _) = try DVCProjectLoader().load(files: files)
    let plan = Self.plan(DVCPipelineMapper.map(project, overlay: nil, folder: "/nonexistent/project"))
    let create = "create it, or remove it from 'inputs'"
    #expect(
      plan.problems.map { [$0.message] + $0.notes } == [
        [
          "input 'train.py' of 5 steps does not exist, and no step declares it as an output",
          "the steps: train@1, train@2, train@3 and 2 more", create,
        ],
        ["input 'missing/a.txt' of step 'pair@a' does not exist, and no step declares it as an output", create],
        [
          "input 'shared.py' of 2 steps does not exist, and no step declares it as an output",
          "the steps: pair@a, pair@b", create,
        ],
        ["input 'missing/b.txt' of step 'pair@b' does not exist, and no step declares it as an output", create],
      ])
    #expect(plan.problems.first?.location?.line == 6)
  }

  /// The steps of a group share one list of inputs (made once, as their stages share one list
  /// of dependencies), yet each keeps its own outputs, metrics and upstream steps.
  @Test func aGroupsStepsShareTheirInputsAndKeepTheirOwnOutputs() throws {
    let files = InMemoryDVCFiles([
      "dvc.yaml": """
      stages:
        prep:
          matrix: {part: [a, b]}
          cmd: prep ${item.part}
          outs: ["data/${item.part}"]
        fit:
          matrix:
            m: [x, y, z]
          cmd: fit ${item.m}
          deps: [data/a, fit.py]
          outs: ["model-${item.m}.pkl"]
          metrics: ["metrics-${item.m}.json"]
        use:
          foreach: [x, y]
          do:
            cmd: use ${item}
            deps: ["model-${item}.pkl"]
      """
    ])
    let (project, _) = try DVCProjectLoader().load(files: files)
    let mapping = DVCPipelineMapper.map(project, overlay: nil, folder: "/nonexistent/project")
    let fits = mapping.pipeline.steps.filter { $0.name.hasPrefix("fit@") }
    #expect(fits.map(\.name) == ["fit@x", "fit@y", "fit@z"])
    #expect(fits.allSatisfy { $0.inputs.sharesStorage(with: fits[0].inputs) })
    #expect(fits.map { $0.inputs.map(\.template.source) } == Array(repeating: ["data/a", "fit.py"], count: 3))
    #expect(fits.map(\.needs) == Array(repeating: ["prep@a"], count: 3))
    #expect(
      fits.map { $0.outputs.map(\.template.source) }
        == ["x", "y", "z"].map { ["model-\($0).pkl", "metrics-\($0).json"] })
    #expect(fits.map { $0.metrics.map(\.template.source) } == ["x", "y", "z"].map { ["metrics-\($0).json"] })
    #expect(mapping.pipeline.step("use@x")?.inputs.map(\.template.source) == ["model-x.pkl"])
    #expect(mapping.pipeline.step("use@x")?.needs == ["fit@x"])
    #expect(mapping.pipeline.step("use@y")?.needs == ["fit@y"])
    let plan = Self.plan(mapping)
    #expect(plan.step("fit@z")?.inputs == ["data/a", "fit.py"])
    #expect(plan.step("use@y")?.inputs == ["model-y.pkl"])
    #expect(
      plan.problems.map(\.message) == ["input 'fit.py' of 3 steps does not exist, and no step declares it as an output"]
    )
  }

  @Test func aCommandStringsLinesKeepTheTextBetweenThem() throws {
    let template = DVCTemplate(parts: [.literal("\n\na\r\nb\n\n  c\n")])
    let split = DVCCommandLines.split(template)
    #expect(split.lines.map(\.literalText) == ["a", "b", "  c"])
    #expect(split.prefix == "\n\n")
    #expect(split.separators == ["\r\n", "\n\n", "\n"])
    #expect(split.joined(["a", "b", "  c"]) == "\n\na\r\nb\n\n  c\n")
  }
}
