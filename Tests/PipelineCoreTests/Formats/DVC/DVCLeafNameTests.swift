import Testing

@testable import PipelineCore

/// The parameter names a loaded project writes once per leaf (`DVCProject.leafName`) are the
/// names `parameterName(for:)` gives, for the files of the templating context and for the others.
@Suite struct DVCLeafNameTests {
  static let dvcYAML = """
    vars: [vars.yaml]
    stages:
      fit:
        cmd: fit ${train.lr} ${seeds[1]} ${opt}
        params: [train, log-level, {configs/extra.yaml: [deep.x, "w*"]}]
    """
  static let files = [
    "params.yaml": "train: {lr: 0.1, layers: [64, 32]}\nlog-level: debug\nin: {x: 1}\n0: zero\n",
    "vars.yaml": "seeds: [1, 2]\nopt: {a: 1, b: [x]}\n",
    "configs/extra.yaml": "deep: {x: 1, y: 2}\nwide: 3\nwin: 4\n'a.b': 5\n",
  ]

  static func project() throws -> DVCProject {
    var all = files
    all["dvc.yaml"] = dvcYAML
    return try DVCProjectLoader().load(files: InMemoryDVCFiles(all)).0
  }

  @Test func everyLeafIsNamedAsParameterNameNamesIt() throws {
    let project = try Self.project()
    var unindexed = project
    unindexed.leafNames = []
    var checked = 0
    for (index, file) in project.paramsFiles.enumerated() {
      for (position, leaf) in file.leaves.enumerated() {
        let expected = project.parameterName(for: DVCValueSource(file: file.path, path: leaf.path)).description
        #expect(project.leafName(position, inFile: index) == expected)
        #expect(unindexed.leafName(position, inFile: index) == expected)
        checked += 1
      }
    }
    #expect(checked == 13)
    #expect(
      project.leafName(0, inFile: try #require(project.paramsFilePosition("configs/extra.yaml")))
        == "[configs/extra.yaml].deep.x")
  }

  @Test func aStagesDependencyNamesAreItsDependenciesNamed() throws {
    let project = try Self.project()
    let stage = try #require(project.stage("fit"))
    let names = project.parameterDependencyNames(of: stage)
    #expect(names == project.parameterDependencies(of: stage).map { project.parameterName(for: $0).description })
    #expect(
      names == [
        "train.lr", "train.layers", "log-level", "[configs/extra.yaml].deep.x", "[configs/extra.yaml].wide",
        "[configs/extra.yaml].win", "seeds", "opt.a", "opt.b",
      ])
  }

  /// Past sixteen values the positions taken are hashed; before, the list is searched: either
  /// way each value is named once, in the order first named.
  @Test(arguments: [5, 16, 17, 40])
  func aValueNamedTwiceIsOneDependency(keys: Int) throws {
    let wide = (0..<keys).map { "k\($0): \($0)" }.joined(separator: "\n") + "\n"
    let project = try DVCProjectLoader().load(
      files: InMemoryDVCFiles([
        "params.yaml": "train: {lr: 0.1}\n", "wide.yaml": wide,
        "dvc.yaml": """
        vars: [wide.yaml]
        stages:
          s:
            cmd: echo ${k3} ${k\(keys - 1)} ${train.lr} ${k3}
            params: [{wide.yaml: []}, train.lr, {wide.yaml: [k0]}]
        """,
      ])
    ).0
    let stage = try #require(project.stage("s"))
    let names = project.parameterDependencyNames(of: stage)
    #expect(names == (0..<keys).map { "k\($0)" } + ["train.lr"])
    #expect(project.parameterDependencies(of: stage).count == keys + 1)
  }

  /// The stages of a group share the leaves their `params` name and read values of their own:
  /// the names `DependencyNames` gives from the last stage's `params` are a stage's own.
  @Test func theStagesOfAGroupAreNamedTheirOwnDependencies() throws {
    let project = try DVCProjectLoader().load(
      files: InMemoryDVCFiles([
        "params.yaml": "train: {lr: 0.1, batch: 8}\nregions: {a: {size: 1}, b: {size: 2}, c: {size: 3}}\n",
        "sub/params.yaml": "train: {lr: 0.5}\n",
        "dvc.yaml": """
        stages:
          r:
            foreach: ${regions}
            do:
              cmd: run ${key} ${item.size}
              params: [train.batch]
          w:
            foreach: [a, b]
            do:
              wdir: ${item}
              cmd: run
              params: [train.lr]
          s:
            cmd: run
            wdir: sub
            params: [train.lr]
        """,
        "a/params.yaml": "train: {lr: 1}\n", "b/params.yaml": "train: {lr: 2}\n",
      ])
    ).0
    var shared = DependencyNames()
    var seen: [[String]] = []
    for stage in project.stages {
      let names = shared.names(of: stage, in: project)
      #expect(names == project.parameterDependencyNames(of: stage))
      seen.append(names)
    }
    #expect(
      seen == [
        ["train.batch", "regions.a.size"], ["train.batch", "regions.b.size"], ["train.batch", "regions.c.size"],
        ["[a/params.yaml].train.lr"], ["[b/params.yaml].train.lr"], ["[sub/params.yaml].train.lr"],
      ])
  }

  @Test func parametersCarryTheirWrittenNames() throws {
    let project = try Self.project()
    let parameters = project.parameters
    #expect(parameters.map(\.writtenName) == parameters.map(\.name.description))
    #expect(parameters.map(\.writtenName).contains("[0]"))
    #expect(parameters.map(\.writtenName).contains("[configs/extra.yaml][a.b]"))
  }

  @Test func twoKeysOfOneTextGiveOneParameterTheFirstValue() throws {
    let plain = try ParamsFileReader.parse("a: 1\nb: {c: 2}\n", path: "params.yaml")
    #expect(!plain.mayRepeatLeafPaths)
    let repeated = try ParamsFileReader.parse("1: first\n'1': second\nz: 3\n", path: "params.yaml")
    #expect(repeated.mayRepeatLeafPaths)
    #expect(repeated.leaves.count == 3)
    let project = try DVCProjectLoader().load(
      files: InMemoryDVCFiles([
        "params.yaml": "1: first\n'1': second\nz: 3\n", "dvc.yaml": "stages:\n  s:\n    cmd: x\n",
      ])
    ).0
    #expect(project.parameters.map(\.writtenName) == ["[1]", "z"])
    #expect(project.parameters.first?.value == .string("first"))
  }
}
