import PipelineTestSupport
import Testing

@testable import PipelineCore

/// The one template engine's DVC dialect against phase 1's reference renderer
/// (`DVCTemplateRenderer`, DVC's own rules as read from its source): every stage of every fixture
/// project renders the same commands and paths at plan time as the reference rendered at load,
/// with the file's values and with values changed in the session.
@Suite struct DVCDialectTests {
  static func project(_ fixture: DVCProjectFixtures.Fixture) throws -> DVCProject {
    let files = InMemoryDVCFiles(fixture.files)
    return try DVCProjectLoader().load(dvcFile: fixture.dvcFiles[0], files: files).0
  }

  static func plan(_ mapping: DVCPipelineMapper.Mapping, session: [Binding] = []) -> (Snapshot, Plan) {
    let sources = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: [:])
    let dynamic = DynamicValues(sources: sources, environment: [:], folder: "/nonexistent")
    let snapshot = Resolver(dynamic: dynamic).resolve(
      ResolutionInput(pipeline: mapping.pipeline, fileBindings: mapping.fileBindings, sessionBindings: session))
    return (snapshot, Planner(dynamic: dynamic).plan(mapping.pipeline, snapshot: snapshot))
  }

  /// The fixtures DVC reads (the others are refused, as DVC refuses them).
  static let loadable = DVCProjectFixtures.all.filter { fixture in
    fixture.dvcFiles.count == 1 && (try? project(fixture)) != nil
  }

  @Test func mostFixturesLoad() { #expect(Self.loadable.count >= 9) }

  @Test(arguments: loadable)
  func stagesRenderAsTheReferenceRenders(_ fixture: DVCProjectFixtures.Fixture) throws {
    let project = try Self.project(fixture)
    #expect(!project.stages.isEmpty)
    let mapping = DVCPipelineMapper.map(project, overlay: nil, folder: "/nonexistent")
    let (_, plan) = Self.plan(mapping)
    for stage in project.stages {
      guard let planned = plan.step(stage.name) else {
        Issue.record("\(fixture.name): no step \(stage.name)")
        continue
      }
      #expect(planned.commandLines.map(\.masked) == stage.commandLines, "\(fixture.name): \(stage.name)")
      #expect(planned.inputs == stage.deps.map(\.path), "\(fixture.name): \(stage.name) deps")
      #expect(planned.outputs == stage.outs.map(\.path.path), "\(fixture.name): \(stage.name) outs")
    }
  }

  /// Every value of every fixture changed in the session: each command is what the reference
  /// renders from the changed values.
  @Test(arguments: loadable)
  func changedValuesRenderAsTheReferenceRenders(_ fixture: DVCProjectFixtures.Fixture) throws {
    let project = try Self.project(fixture)
    #expect(!project.stages.isEmpty)
    let mapping = DVCPipelineMapper.map(project, overlay: nil, folder: "/nonexistent")
    var session: [Binding] = []
    var changed: [DVCValueSource: DVCValue] = [:]
    let structural = Set(project.structuralValues)
    for parameter in project.parameters {
      if structural.contains(where: {
        $0.file == parameter.source.file
          && ($0.path.isPrefix(of: parameter.source.path) || parameter.source.path.isPrefix(of: $0.path))
      }) {
        continue
      }
      guard let new = Self.changed(parameter.value) else { continue }
      changed[parameter.source] = new
      session.append(
        Binding(
          name: parameter.name.description, raw: .value(Value(new)), layer: .session,
          source: .command("set", .prompt(line: 1))))
    }
    let (_, plan) = Self.plan(mapping, session: session)
    for stage in project.stages where stage.skipReasonFree {
      guard let planned = plan.step(stage.name) else { continue }
      var expected: [String] = []
      for template in stage.commandIsList ? stage.commands : stage.commands.flatMap({ DVCCommandLines.split($0).lines })
      {
        let rendered = try? DVCTemplateRenderer.render(template, inCommand: true, settings: project.settings) {
          source in
          guard let file = project.paramsFile(source.file) else { return nil }
          var root = file.value
          for (changedSource, value) in changed where changedSource.file == source.file {
            root = Self.replacing(root, at: changedSource.path.segments[...], with: value)
          }
          return DVCTemplateRenderer.value(at: source.path, in: root)
        }
        if case .string(let text)? = rendered { expected.append(text) }
      }
      #expect(planned.commandLines.map(\.masked) == expected, "\(fixture.name): \(stage.name)")
    }
  }

  static let examples = [
    "iterative__example-get-started/dvc.yaml", "iterative__example-get-started-experiments/dvc.yaml",
    "andreaconti__lidar-confidence/experiments/dvc.yaml",
    "andreaconti__lidar-confidence/experiments/baselines/dvc.yaml",
    "gottalottarock__esm-2-contact-map/pipeline/dvc.yaml",
    "iterative__pipeline-conifguration/multi-params-files/dvc.yaml",
    "iterative__pipeline-conifguration/multi-validation-datasets/dvc.yaml",
    "iterative__pipeline-conifguration/single-params-file/dvc.yaml",
  ]

  /// The example projects (real ones) render as the reference renders too.
  @Test(.enabled(if: PosixFiles.isFolder(DVCStagesAgainstDVCTests.examples)), arguments: examples)
  func exampleProjectsRenderAsTheReferenceRenders(_ dvcFile: String) throws {
    let path = DVCStagesAgainstDVCTests.examples + "/" + dvcFile
    let folder = PosixFiles.parentFolder(of: path)
    let (project, _) = try DVCProjectLoader().load(files: LocalDVCFiles(root: folder))
    let mapping = DVCPipelineMapper.map(project, overlay: nil, folder: folder)
    let (_, plan) = Self.plan(mapping)
    #expect(!project.stages.isEmpty)
    for stage in project.stages {
      let planned = try #require(plan.step(stage.name))
      #expect(planned.commandLines.map(\.masked) == stage.commandLines, "\(dvcFile): \(stage.name)")
      #expect(planned.inputs == stage.deps.map(\.path), "\(dvcFile): \(stage.name) deps")
      #expect(planned.outputs == stage.outs.map(\.path.path), "\(dvcFile): \(stage.name) outs")
    }
  }

  /// Another value of the same kind.
  static func changed(_ value: DVCValue) -> DVCValue? {
    switch value {
    case .int(let i): return .int(i + 7)
    case .float(let f): return .float(f * 3 + 0.25)
    case .bool(let b): return .bool(!b)
    case .string(let s): return .string(s + "-x y")
    case .list(let items): return .list(items.reversed() + items)
    default: return nil
    }
  }

  static func replacing(_ root: DVCValue, at path: ArraySlice<String>, with value: DVCValue) -> DVCValue {
    guard let key = path.first else { return value }
    switch root {
    case .dict(let entries):
      return .dict(
        entries.map {
          $0.key == key ? .init(key: key, value: replacing($0.value, at: path.dropFirst(), with: value)) : $0
        })
    default: return root
    }
  }

  @Test func exactTemplatesKeepTextAndEscapesApplyToTheWholeResult() throws {
    let files = InMemoryDVCFiles([
      "params.yaml": "name: 'a\\${b}'\nn: 1\nd: {x: 1, flag: true, off: false, l: [1, 'two words']}\n",
      "dvc.yaml": """
      stages:
        s:
          cmd: echo ${name} \\${n} ${d}
          outs:
            - ${name}
      """,
    ])
    let (project, _) = try DVCProjectLoader().load(files: files)
    let mapping = DVCPipelineMapper.map(project, overlay: nil, folder: "/nonexistent")
    let (_, plan) = Self.plan(mapping)
    // DVC turns every `\${` of the joined text into `${`, a value's own included.
    #expect(plan.step("s")?.command.masked == "echo a${b} ${n} --x 1 --flag --l 1 'two words'")
    // An exact template keeps the value as it is.
    #expect(plan.step("s")?.outputs == ["a\\${b}"])
    #expect(plan.step("s")?.command.masked == project.stage("s")?.commandTexts.first)
  }

  /// DVC's last step is Python's `str.replace("\\${", "${")`: left to right, without overlaps;
  /// a backslash before anything else stays, and so does one before an escaped backslash.
  @Test(arguments: [
    ("plain", "plain"),
    ("\\${a}", "${a}"),
    ("\\\\${a}", "\\${a}"),
    ("x\\${a} \\${b}\\", "x${a} ${b}\\"),
    ("\\$", "\\$"),
    ("\\${", "${"),
    ("\\$\\${", "\\$${"),
    ("é\\${ü}", "é${ü}"),
  ])
  func escapesAreReplacedAsPythonReplaces(_ written: String, _ expected: String) {
    #expect(DVCTemplateRenderer.unescaped(written) == expected)
  }

  /// Many escapes in one long string are replaced in one pass (the text is not moved once per
  /// escape): the result keeps every other byte.
  @Test func manyEscapesInALongString() {
    let written = String(repeating: "a\\${b}", count: 200_000)
    let expected = String(repeating: "a${b}", count: 200_000)
    #expect(DVCTemplateRenderer.unescaped(written) == expected)
  }

  @Test func aListCannotBeInterpolated() throws {
    let files = InMemoryDVCFiles([
      "params.yaml": "v: 1\n",
      "dvc.yaml": "stages:\n  s:\n    cmd: echo ${v}\n",
    ])
    let (project, _) = try DVCProjectLoader().load(files: files)
    let mapping = DVCPipelineMapper.map(project, overlay: nil, folder: "/nonexistent")
    let set = Binding(
      name: "v", raw: .value(.list([.int(1)])), layer: .session, source: .command("set", .prompt(line: 1)))
    var pipeline = mapping.pipeline
    pipeline.parameters[0].type = .any
    let (_, plan) = Self.plan(
      DVCPipelineMapper.Mapping(pipeline: pipeline, fileBindings: mapping.fileBindings, bindingsByFile: [], notes: []),
      session: [set])
    #expect(plan.problems.map(\.message) == ["failed to interpolate '${v}': Cannot interpolate data of type 'list'"])
  }
}

extension DVCStage {
  var skipReasonFree: Bool { !frozen }
}
