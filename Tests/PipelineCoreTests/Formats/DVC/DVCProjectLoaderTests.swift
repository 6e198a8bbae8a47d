import Testing

@testable import PipelineCore

/// `DVCProjectLoader` on its own: what each stage holds, which references stay references, and
/// where and how each mistake is reported.
@Suite struct DVCProjectLoaderTests {
  static let params =
    "train:\n  lr: 0.1\n  layers: [64, 32]\n  opt: {a: 1}\nmodels: {small: {lr: 0.5}, big: {lr: 0.05}}\nn: 3\n"

  static func load(_ dvcYAML: String, files: [String: String] = [:]) throws -> DVCProject {
    var all = ["params.yaml": params, "dvc.yaml": dvcYAML]
    all.merge(files) { _, new in new }
    return try DVCProjectLoader().load(files: InMemoryDVCFiles(all)).0
  }

  static func errors(_ dvcYAML: String, files: [String: String] = [:]) -> [String] {
    do {
      _ = try load(dvcYAML, files: files)
      return []
    } catch let error as DiagnosticError {
      return error.diagnostics.filter { $0.severity == .error }.map {
        ([$0.description] + $0.notes).joined(separator: " | ")
      }
    } catch {
      return ["\(error)"]
    }
  }

  @Test func keepsReferencesToParamsValuesAndSubstitutesItems() throws {
    let project = try Self.load(
      """
      vars: [{local: here}]
      stages:
        fit:
          foreach: ${models}
          do:
            cmd: fit ${key} --lr ${item.lr} --n ${n} --where ${local}
            outs: ["${key}-${n}.pkl"]
      """)
    let stage = try #require(project.stage("fit@small"))
    #expect(stage.group == "fit")
    #expect(stage.commandTexts == ["fit small --lr 0.5 --n 3 --where here"])
    #expect(stage.commands[0].description == "fit small --lr ${models.small.lr} --n ${n} --where here")
    #expect(stage.commands[0].references.map(\.source.description) == ["params.yaml:models.small.lr", "params.yaml:n"])
    #expect(stage.outs[0].path.template.description == "small-${n}.pkl")
    #expect(stage.usedValues.map(\.description) == ["params.yaml:models.small.lr", "params.yaml:n"])
    #expect(project.structuralValues.map(\.description) == ["params.yaml:models"])
    #expect(
      project.parameterDependencies(of: stage).map(\.description) == ["params.yaml:models.small.lr", "params.yaml:n"])
  }

  @Test func rendersTemplatesAgainWithNewValues() throws {
    let project = try Self.load("stages:\n  s:\n    cmd: run ${train.lr} ${train.opt} ${train.layers[1]} \\${x}\n")
    let template = try #require(project.stage("s")?.commands.first)
    let values: [DVCValueSource: DVCValue] = [
      DVCValueSource(file: "params.yaml", path: ParameterKeyPath(["train", "lr"])): .float(0.2),
      DVCValueSource(file: "params.yaml", path: ParameterKeyPath(["train", "opt"])): .dict([
        .init(key: "a", value: .bool(false))
      ]),
      DVCValueSource(file: "params.yaml", path: ParameterKeyPath(["train", "layers", "1"])): .int(16),
    ]
    let rendered = try DVCTemplateRenderer.render(template, inCommand: true) { values[$0] }
    #expect(rendered == .string("run 0.2  16 ${x}"))
    let optional = DVCInterpolation.Settings(booleanOptional: true)
    #expect(
      try DVCTemplateRenderer.render(template, inCommand: true, settings: optional) { values[$0] }
        == .string("run 0.2 --no-a 16 ${x}"))
  }

  @Test func recordsValuesThatShapeTheExpansion() throws {
    let project = try Self.load(
      "stages:\n  s:\n    foreach: ${train.layers}\n    do:\n      wdir: ${n}\n      cmd: run ${item}\n")
    #expect(project.stages.map(\.name) == ["s@64", "s@32"])
    #expect(project.stages[0].wdir == "3")
    #expect(project.structuralValues.map(\.description) == ["params.yaml:train.layers", "params.yaml:n"])
  }

  /// Axes that multiply past the limit are refused at the matrix, before any stage is made.
  @Test func aMatrixOfTooManyStagesIsRefused() throws {
    let axis = "[" + (0...100).map(String.init).joined(separator: ", ") + "]"
    let yaml = "stages:\n  s:\n    matrix:\n      a: \(axis)\n      b: \(axis)\n      c: \(axis)\n    cmd: run\n"
    #expect(
      Self.errors(yaml) == [
        "dvc.yaml:4:7: error: 'stages.s.matrix' makes 101 x 101 x 101 stages, more than the 1000000 pipeshell "
          + "expands | split the matrix into several stages, or use fewer values"
      ])
    let fits = try Self.load("stages:\n  s:\n    matrix:\n      a: \(axis)\n      b: [x, y]\n    cmd: run ${item.a}\n")
    #expect(fits.stages.count == 202)
  }

  /// A matrix of hundreds makes each combination on the core that expands its stage; names and
  /// values come in DVC's order (`itertools.product`: the last axis changes fastest).
  @Test func aLargeMatrixNamesItsStagesInDVCsOrder() throws {
    let a = (0..<10).map(String.init), b = ["x", "y", "z"], c = (0..<20).map { "c\($0)" }
    let yaml =
      "stages:\n  s:\n    matrix:\n      a: [\(a.joined(separator: ", "))]\n      b: [\(b.joined(separator: ", "))]\n"
      + "      c: [\(c.joined(separator: ", "))]\n    cmd: run ${item.a} ${item.b} ${item.c} ${key}\n"
    let project = try Self.load(yaml)
    let expected = a.flatMap { a in b.flatMap { b in c.map { (a, b, $0) } } }
    #expect(project.stages.count == 600)
    #expect(project.stages.map(\.name) == expected.map { "s@\($0.0)-\($0.1)-\($0.2)" })
    #expect(
      project.stages.map { $0.commandTexts[0] }
        == expected.map { "run \($0.0) \($0.1) \($0.2) \($0.0)-\($0.1)-\($0.2)" })
  }

  @Test func largeGroupsResolveInOrderAndReportTheFirstError() throws {
    let items = (0..<700).map { $0 == 400 || $0 == 650 ? "{y: \($0)}" : "{x: \($0)}" }.joined(separator: ", ")
    let ok = try Self.load(
      "stages:\n  s:\n    foreach: [\(items.replacing("{y: 400}", with: "{x: 400}").replacing("{y: 650}", with: "{x: 650}"))]\n    do:\n      cmd: run ${item.x} ${n}\n"
    )
    #expect(ok.stages.count == 700)
    #expect(ok.stages.map(\.name) == (0..<700).map { "s@\($0)" })
    #expect(ok.stages.map { $0.commandTexts[0] } == (0..<700).map { "run \($0) 3" })
    #expect(ok.stages[699].usedValues.map(\.description) == ["params.yaml:n"])
    let errors = Self.errors("stages:\n  s:\n    foreach: [\(items)]\n    do:\n      cmd: run ${item.x}\n")
    #expect(
      errors == ["dvc.yaml:5:16: error: Could not find 'item.x' | in DVC's words: failed to parse 'stages.s@400.cmd'"])
  }

  /// A group's stages select each params value once (the context changes only in `item` and
  /// `key`), yet each stage keeps its own references, each at its own place, and records what
  /// it read; a value checked for `cmd` is still checked again for a path.
  @Test(arguments: [2, 700]) func aGroupSelectsParamsValuesOnceAndEachStageKeepsThem(items: Int) throws {
    let list = (0..<items).map(String.init).joined(separator: ", ")
    let project = try Self.load(
      "stages:\n  s:\n    foreach: [\(list)]\n    do:\n      cmd: run ${n} ${item} ${n} ${train.opt}\n"
        + "      outs: [\"o/${item}-${n}\"]\n")
    #expect(project.stages.count == items)
    for (index, stage) in project.stages.enumerated() where index == 0 || index == items - 1 {
      #expect(stage.commandTexts == ["run 3 \(index) 3 --a 1"])
      let references = stage.commands[0].references
      #expect(references.map(\.expression) == ["n", "n", "train.opt"])
      #expect(references.map(\.location.column) == [16, 29, 34])
      #expect(stage.outs[0].path.path == "o/\(index)-3")
      #expect(stage.outs[0].path.template.references.map(\.location.column) == [25])
      #expect(stage.usedValues.map(\.description) == ["params.yaml:n", "params.yaml:train.opt"])
    }
    let errors = Self.errors(
      "stages:\n  s:\n    foreach: [\(list)]\n    do:\n      cmd: run ${train.opt}\n      outs: [\"x${train.opt}\"]\n")
    #expect(
      errors == [
        "dvc.yaml:6:16: error: Cannot interpolate data of type 'dict' | in DVC's words: failed to parse 'stages.s@0.outs'"
      ])
  }

  /// A context too large to copy for each worker (params of more than 10,000 values) is shared
  /// by the workers of a large group instead, with the same stages.
  @Test func aLargeGroupOverLargeParamsResolvesTheSame() throws {
    let big = "big: [" + (0...10_000).map(String.init).joined(separator: ", ") + "]\n"
    let list = (0..<600).map(String.init).joined(separator: ", ")
    let project = try Self.load(
      "stages:\n  s:\n    foreach: [\(list)]\n    do:\n      cmd: run ${item} ${n} ${big[9999]}\n",
      files: ["params.yaml": Self.params + big])
    #expect(project.stages.count == 600)
    #expect(project.stages.map { $0.commandTexts[0] } == (0..<600).map { "run \($0) 3 9999" })
    #expect(project.stages[599].usedValues.map(\.description) == ["params.yaml:n", "params.yaml:big.9999"])
  }

  /// DVC reads `x@2` written by hand as the name of the stage group `x` makes: that stage
  /// stands for both (a warning says so), and a name no group makes is refused.
  @Test func aStageWrittenUnderAGeneratedNameIsTheGeneratedStage() throws {
    let text = "stages:\n  x@2:\n    cmd: echo other\n  x:\n    foreach: [1, 2]\n    do:\n      cmd: echo ${item}\n"
    let (project, warnings) = try DVCProjectLoader().load(files: InMemoryDVCFiles(["dvc.yaml": text]))
    #expect(project.stages.map(\.name) == ["x@2", "x@1"])
    #expect(project.stages.map { $0.commandTexts } == [["echo 2"], ["echo 1"]])
    #expect(
      warnings.map(\.description) == [
        "dvc.yaml:2:3: warning: the stage written as 'x@2' is never used: DVC runs the stage 'x' makes under that name"
      ])
    #expect(Self.errors(text.replacing("x@2", with: "x@3")).first?.contains("stage name 'x@3' holds '@'") == true)
  }

  @Test func namesGeneratedStagesAsDVC() throws {
    let project = try Self.load(
      """
      stages:
        m:
          matrix:
            a: [1, 1.5, true, null, x]
            b: [[1], {k: v}]
          cmd: run
      """)
    #expect(
      project.stages.map(\.name) == [
        "m@1-b0", "m@1-b1", "m@1.5-b0", "m@1.5-b1", "m@true-b0", "m@true-b1", "m@None-b0", "m@None-b1", "m@x-b0",
        "m@x-b1",
      ])
  }

  @Test(arguments: [
    (
      "stages:\n  s:\n    cmd: run ${train.lrr}\n",
      "dvc.yaml:3:14: error: Could not find 'train.lrr' | in DVC's words: failed to parse 'stages.s.cmd' | did you mean 'train.lr'?"
    ),
    (
      "stages:\n  s:\n    cmd: run ${train.layers}\n",
      "dvc.yaml:3:14: error: Cannot interpolate data of type 'list' | in DVC's words: failed to parse 'stages.s.cmd'"
    ),
    (
      "stages:\n  s:\n    cmd: run\n    deps: [\"${train.opt}\"]\n",
      "dvc.yaml:4:13: error: Cannot interpolate data of type 'dict' | in DVC's words: failed to parse 'stages.s.deps'"
    ),
    (
      "stages:\n  s:\n    cmd: run ${train..lr}\n",
      "dvc.yaml:3:14: error: cannot parse '${train..lr}': expected a key after '.' | in DVC's words: failed to parse 'stages.s.cmd'"
    ),
    (
      "stages:\n  s:\n    cmd: run\n    live:\n      logs: {}\n",
      "dvc.yaml:4:5: error: unknown key 'live' in stage 's' | 'live' is DVC 2's DVCLive key, which DVC 3 refuses; list DVCLive's files under 'metrics' and 'plots' (see https://dvc.org/doc/user-guide/upgrade)"
    ),
    (
      "stages:\n  s:\n    cmd: run\n    outz: [a]\n",
      "dvc.yaml:4:5: error: unknown key 'outz' in stage 's' | did you mean 'outs'?"
    ),
    ("stagse:\n  s:\n    cmd: run\n", "dvc.yaml:1:1: error: unknown key 'stagse' in dvc.yaml | did you mean 'stages'?"),
    ("stages:\n  s:\n    deps: [a]\n", "dvc.yaml:2:3: error: stage 's' has no 'cmd'"),
    (
      "stages:\n  s:\n    cmd: run\n    frozen: yes\n",
      "dvc.yaml:4:13: error: expected true or false for 'frozen' of stage 's', found 'yes'"
    ),
    (
      "stages:\n  s:\n    cmd: 42\n",
      "dvc.yaml:3:10: error: expected text or a list for 'cmd' of stage 's', found the number 42"
    ),
    (
      "stages:\n  s:\n    foreach: [a]\n    cmd: run\n    do: {cmd: run}\n",
      "dvc.yaml:4:5: error: unknown key 'cmd' in stage 's' (a 'foreach' stage holds only 'foreach' and 'do')"
    ),
    (
      "stages:\n  s:\n    foreach: ${n}\n    do: {cmd: run}\n",
      "dvc.yaml:3:14: error: expected a list or a mapping for 'stages.s.foreach', got int"
    ),
    (
      "vars: [\"${n}.yaml\"]\nstages:\n  s: {cmd: run}\n",
      "dvc.yaml:1:9: error: interpolating is not allowed in 'vars' | DVC reads 'vars' before any ${...}"
    ),
    (
      "vars: [{n: 4}]\nstages:\n  s: {cmd: run}\n",
      "dvc.yaml:1:8: error: cannot redefine 'n' from 'vars[0]' as it already exists in 'params.yaml' | in DVC's words: failed to parse 'vars'"
    ),
    (
      "vars: [missing.yaml]\nstages:\n  s: {cmd: run}\n",
      "dvc.yaml:1:8: error: 'missing.yaml' does not exist | in DVC's words: failed to parse 'vars'"
    ),
    (
      "vars: [v.yaml:a, v.yaml]\nstages:\n  s: {cmd: run}\n",
      "dvc.yaml:1:18: error: cannot load 'v.yaml' as it's partially loaded already | in DVC's words: failed to parse 'vars'"
    ),
    (
      "vars: [v.yaml:zz]\nstages:\n  s: {cmd: run}\n",
      "dvc.yaml:1:8: error: could not find 'zz' in 'v.yaml' | in DVC's words: failed to parse 'vars'"
    ),
    (
      "stages:\n  s:\n    foreach: [a]\n    do:\n      vars: [{item: 1}]\n      cmd: run\n",
      "dvc.yaml:5:14: error: attempted to modify reserved key 'item' | in DVC's words: failed to parse 'stages.s@a.vars'"
    ),
    (
      "stages:\n  s@x:\n    cmd: run\n",
      "dvc.yaml:2:3: error: stage name 's@x' holds '@', which DVC keeps for the stages made by 'foreach' and 'matrix' | DVC cannot find such a stage ('Stage 's@x' not found')"
    ),
    (
      "stages:\n  s:\n    foreach: [user@host, plain]\n    do: {cmd: run}\n",
      "dvc.yaml:3:5: error: the 'foreach' here makes a stage named 's@user@host', which holds a second '@' | DVC splits a stage name at its last '@' and cannot find this stage ('Stage 's@user@host' not found') | use values without '@' in 'foreach' (a list of mappings names its stages by position: '@0', '@1')"
    ),
    (
      // `@` and a combining accent are one Character, but Python's `"@" in name` finds it.
      "stages:\n  s:\n    foreach: [\"u@\u{301}h\"]\n    do: {cmd: run}\n",
      "dvc.yaml:3:5: error: the 'foreach' here makes a stage named 's@u@\u{301}h', which holds a second '@' | DVC splits a stage name at its last '@' and cannot find this stage ('Stage 's@u@\u{301}h' not found') | use values without '@' in 'foreach' (a list of mappings names its stages by position: '@0', '@1')"
    ),
    (
      "stages:\n  s:\n    foreach: {k@1: a}\n    do: {cmd: run}\n",
      "dvc.yaml:3:5: error: the 'foreach' here makes a stage named 's@k@1', which holds a second '@' | DVC splits a stage name at its last '@' and cannot find this stage ('Stage 's@k@1' not found') | use values without '@' in 'foreach' (a list of mappings names its stages by position: '@0', '@1')"
    ),
    (
      "stages:\n  m:\n    matrix:\n      a: [z, \"x@y\"]\n    cmd: run\n",
      "dvc.yaml:3:5: error: the 'matrix' here makes a stage named 'm@x@y', which holds a second '@' | DVC splits a stage name at its last '@' and cannot find this stage ('Stage 'm@x@y' not found') | use values without '@' in 'matrix' (a list of mappings names its stages by position: '@0', '@1')"
    ),
    (
      // DVC 3.67.1 fails on it (`assert key` in `resolve_one`): refused here, at the matrix.
      "stages:\n  m:\n    matrix: {}\n    cmd: run\n",
      "dvc.yaml:3:13: error: 'stages.m.matrix' has no axes: DVC fails on such a stage (an AssertionError when it resolves it) | give the matrix at least one axis, or write the stage without 'matrix'"
    ),
    (
      // The first of the combinations DVC makes (the last axis changes fastest) is named.
      "stages:\n  m:\n    matrix:\n      a: [p, \"q@r\"]\n      b: [1, 2]\n    cmd: run\n",
      "dvc.yaml:3:5: error: the 'matrix' here makes a stage named 'm@q@r-1', which holds a second '@' | DVC splits a stage name at its last '@' and cannot find this stage ('Stage 'm@q@r-1' not found') | use values without '@' in 'matrix' (a list of mappings names its stages by position: '@0', '@1')"
    ),
    (
      "stages:\n  m:\n    matrix:\n      a: [p, \"q@r\"]\n      b: [1, \"x@y\"]\n    cmd: run\n",
      "dvc.yaml:3:5: error: the 'matrix' here makes a stage named 'm@p-x@y', which holds a second '@' | DVC splits a stage name at its last '@' and cannot find this stage ('Stage 'm@p-x@y' not found') | use values without '@' in 'matrix' (a list of mappings names its stages by position: '@0', '@1')"
    ),
    (
      "stages:\n  a:\n    cmd: run\n    deps: [y]\n    outs: [x]\n  b:\n    cmd: run\n    deps: [x]\n    outs: [y]\n",
      "dvc.yaml:2:3: error: Same item(s) are defined as both a dependency and an output in stages: a, b. | the stages read each other's outputs in a cycle: a -> b -> a"
    ),
    (
      "stages:\n  a:\n    cmd: run\n    outs: [x]\n  b:\n    cmd: run\n    outs: [x]\n",
      "dvc.yaml:7:12: error: output 'x' is specified in stages: 'a', 'b' | use unique outputs, or a 'foreach' that gives each stage its own"
    ),
    (
      "stages:\n  a:\n    cmd: run\n    outs: [d]\n  b:\n    cmd: run\n    outs: [d/x]\n",
      "dvc.yaml:7:12: error: the output 'd/x' of stage 'b' is inside the output 'd' of stage 'a'"
    ),
    (
      "stages:\n  s:\n    cmd: ${train.opt}\n",
      "dvc.yaml:3:10: error: the command of stage 's' is a dict, not text | a whole dict can only be unpacked inside a longer command: 'cmd: python train.py ${...}'"
    ),
    (
      "stages:\n  s:\n    cmd: run\n    plots:\n      - p.csv: [{x: a}]\n",
      "dvc.yaml:5:16: error: Expected dict for 'p.csv', got: 'list'"
    ),
  ])
  func reportsWhatDVCRefusesWithWhereAndWhy(dvcYAML: String, message: String) {
    #expect(Self.errors(dvcYAML, files: ["v.yaml": "a: 1\nb: 2\n"]) == [message])
  }

  @Test func refusesDatesInTheTemplatingContextAsDVC() {
    let errors = Self.errors("stages:\n  s: {cmd: run}\n", files: ["params.yaml": "when: 2001-12-14\n"])
    #expect(
      errors == [
        "params.yaml:1:7: error: Unsupported value of type 'date' in 'params.yaml:when' | DVC cannot put dates in its templating context; quote the value to make it text"
      ])
  }

  @Test func warnsAboutParamsThatAreMissing() throws {
    let (_, warnings) = try DVCProjectLoader().load(
      files: InMemoryDVCFiles([
        "params.yaml": Self.params,
        "dvc.yaml": "stages:\n  s:\n    cmd: run\n    params:\n      - train.lrr\n      - gone.yaml:\n",
      ]))
    #expect(
      warnings.map(\.description) == [
        "dvc.yaml:5:9: warning: Parameters 'train.lrr' are missing from 'params.yaml' (stage 's')",
        "dvc.yaml:6:9: warning: params file 'gone.yaml' of stage 's' does not exist",
      ])
  }
}
