import FoundationEssentials
import PipelineTestSupport
import Testing

@testable import PipelineCore

/// A plan takes a DVC stage's commands and paths as the loader rendered them while the values
/// they read are those of the params files (`LoadedValues`): the plan must be the one rendering
/// every field again makes, for every fixture and example project, as loaded and after values
/// change; and a value from any other place makes the fields that read it render again.
@Suite struct DVCLoadedTextsTests {
  static let examples = "/work/shared/dvc-examples"

  static func set(_ name: String, _ text: String) -> Binding {
    Binding(name: name, raw: .text(text), layer: .session, source: .command("set \(name) \(text)", .prompt(line: 1)))
  }

  static func snapshot(_ mapping: DVCPipelineMapper.Mapping, session: [Binding] = []) -> (Snapshot, DynamicValues) {
    let sources = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: [:])
    let dynamic = DynamicValues(sources: sources, environment: [:], folder: mapping.pipeline.folder)
    let snapshot = Resolver(dynamic: dynamic).resolve(
      ResolutionInput(pipeline: mapping.pipeline, fileBindings: mapping.fileBindings, sessionBindings: session))
    return (snapshot, dynamic)
  }

  /// Everything a plan says of each step, and its problems.
  static func summary(_ mapping: DVCPipelineMapper.Mapping, session: [Binding] = [], loadedTexts: Bool) -> [String] {
    let (snapshot, dynamic) = snapshot(mapping, session: session)
    var planner = Planner(dynamic: dynamic)
    planner.usesLoadedTexts = loadedTexts
    let plan = planner.plan(mapping.pipeline, snapshot: snapshot)
    let steps = plan.steps.map { step in
      let environment = step.environment.map { "\($0.name)=\($0.revealedValue())" }.joined(separator: " ")
      return [
        step.name, "\(step.decision)", step.command.revealed(), step.command.masked,
        step.commandLines.map { $0.revealed() + " / " + $0.masked }.joined(separator: " | "), environment,
        step.inputs.joined(separator: ","), step.outputs.joined(separator: ","),
        step.metricsFiles.joined(separator: ","), step.workingDirectory,
      ].joined(separator: "\n")
    }
    return steps + plan.problems.map(\.description)
  }

  /// Each fixture's and example's projects, loaded and mapped (those DVC refuses are left out).
  static func mappings() -> [(String, DVCPipelineMapper.Mapping)] {
    var all: [(String, DVCPipelineMapper.Mapping)] = []
    for fixture in DVCProjectFixtures.all {
      for dvcFile in fixture.dvcFiles {
        var files = InMemoryDVCFiles(fixture.files)
        let folder = PosixFiles.parentFolder(of: "/p/" + dvcFile)
        let prefix = String(folder.dropFirst("/p".count).drop { $0 == "/" })
        if !prefix.isEmpty {
          files.files = Dictionary(
            uniqueKeysWithValues: files.files.compactMap { path, text in
              path.hasPrefix(prefix + "/") ? (String(path.dropFirst(prefix.count + 1)), text) : nil
            })
        }
        let name = String(dvcFile.split(separator: "/").last ?? "dvc.yaml")
        guard let project = try? DVCProjectLoader().load(dvcFile: name, files: files).0 else { continue }
        all.append(("\(fixture.name)/\(dvcFile)", DVCPipelineMapper.map(project, overlay: nil, folder: folder)))
      }
    }
    let projects = [
      "iterative__example-get-started", "iterative__example-get-started-experiments",
      "andreaconti__lidar-confidence/experiments", "andreaconti__lidar-confidence/experiments/baselines",
      "gottalottarock__esm-2-contact-map/pipeline", "iterative__pipeline-conifguration/multi-params-files",
      "iterative__pipeline-conifguration/multi-validation-datasets",
      "iterative__pipeline-conifguration/single-params-file",
    ]
    for project in projects {
      let folder = examples + "/" + project
      guard let loaded = try? DVCProjectLoader().load(files: LocalDVCFiles(root: folder)).0 else { continue }
      all.append((project, DVCPipelineMapper.map(loaded, overlay: nil, folder: folder)))
    }
    return all
  }

  @Test func everyProjectPlansAsWithEveryFieldRenderedAgain() throws {
    let mappings = Self.mappings()
    #expect(mappings.count >= 25)
    var changedSome = 0
    for (name, mapping) in mappings {
      #expect(
        Self.summary(mapping, loadedTexts: true) == Self.summary(mapping, loadedTexts: false), "\(name) as loaded")
      // Every other value set in the session: the fields reading one render again.
      let session = mapping.pipeline.parameterNames.enumerated().compactMap { index, name -> Binding? in
        guard index % 2 == 0, let type = mapping.pipeline.parameter(name)?.type else { return nil }
        switch type {
        case .int: return Self.set(name, "7")
        case .float: return Self.set(name, "0.5")
        case .string: return Self.set(name, "changed")
        case .bool: return Self.set(name, "false")
        default: return nil
        }
      }
      changedSome += session.isEmpty ? 0 : 1
      #expect(
        Self.summary(mapping, session: session, loadedTexts: true)
          == Self.summary(mapping, session: session, loadedTexts: false), "\(name) with values set")
    }
    #expect(changedSome >= 15)
  }

  static let files = InMemoryDVCFiles([
    "params.yaml": "train:\n  lr: 0.001\n  epochs: 10\nseeds: [1, 2]\nname: run\n",
    "dvc.yaml": """
    stages:
      train:
        matrix:
          seed: ${seeds}
        cmd: train --lr ${train.lr} --seed ${item.seed}
        outs: ["models/${item.seed}.pkl"]
      report:
        cmd: report ${name} ${train.epochs}
        outs: ["${name}.html"]
    """,
  ])

  static func texts(
    _ mapping: DVCPipelineMapper.Mapping, session: [Binding] = [], environment: [String: String] = [:],
    otherFile: [Binding] = []
  ) throws -> [String?] {
    let sources = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: [:])
    let dynamic = DynamicValues(sources: sources, environment: [:], folder: mapping.pipeline.folder)
    let snapshot = Resolver(dynamic: dynamic).resolve(
      ResolutionInput(
        pipeline: mapping.pipeline, fileBindings: mapping.fileBindings + otherFile, environment: environment,
        sessionBindings: session))
    let loaded = LoadedValues(snapshot)
    return mapping.pipeline.steps.flatMap { step in
      (step.commands + step.outputs).map { loaded.text(of: $0.template) }
    }
  }

  @Test func onlyTheValuesTheParamsFilesGaveKeepTheLoadedTexts() throws {
    let project = try DVCProjectLoader().load(files: Self.files).0
    let mapping = DVCPipelineMapper.map(project, overlay: nil, folder: "/p")
    #expect(mapping.pipeline.steps.map(\.name) == ["train@1", "train@2", "report"])
    #expect(
      try Self.texts(mapping) == [
        "train --lr 0.001 --seed 1", "models/1.pkl", "train --lr 0.001 --seed 2", "models/2.pkl",
        "report run 10", "run.html",
      ])
    // Another value, from any layer: the fields that read it render again, the others keep
    // their text; the same value keeps it (it renders the same).
    #expect(
      try Self.texts(mapping, session: [Self.set("seeds", "[1, 3]")]) == [
        nil, nil, nil, nil, "report run 10", "run.html",
      ])
    #expect(try Self.texts(mapping, session: [Self.set("train.lr", "0.002")]).compactMap { $0 }.count == 4)
    #expect(try Self.texts(mapping, session: [Self.set("train.lr", "0.001")]) == (try Self.texts(mapping)))
    #expect(try Self.texts(mapping, environment: ["PIPESHELL_NAME": "other"])[4...] == [nil, nil])
    #expect(try Self.texts(mapping, environment: ["PIPESHELL_NAME": "run"])[4...] == ["report run 10", "run.html"])
    let otherFile = Binding(
      name: "name", raw: .value(.string("other")), layer: .file,
      source: .paramsFile(SourceLocation(file: "more.yaml", line: 1, column: 7)))
    #expect(try Self.texts(mapping, otherFile: [otherFile])[4...] == [nil, nil])
    #expect(try Self.texts(mapping, otherFile: [otherFile])[0] == "train --lr 0.001 --seed 1")
  }

  /// A rerun replays the values a run recorded (its `file` layer as it was) against the
  /// pipeline as loaded now: where params.yaml was edited since, its texts are the edited
  /// file's, and the recorded values render again.
  @Test func aRerunsRecordedValuesRenderAgainWhereTheFileWasEditedSince() throws {
    let recorded = DVCPipelineMapper.map(try DVCProjectLoader().load(files: Self.files).0, overlay: nil, folder: "/p")
    var edited = Self.files
    edited.files["params.yaml"] = "train:\n  lr: 0.005\n  epochs: 10\nseeds: [1, 2]\nname: run\n"
    var mapping = DVCPipelineMapper.map(try DVCProjectLoader().load(files: edited).0, overlay: nil, folder: "/p")
    #expect(try Self.texts(mapping)[0] == "train --lr 0.005 --seed 1")
    mapping.fileBindings = recorded.fileBindings  // what `RerunRequest.replay` does
    #expect(try Self.texts(mapping) == [nil, "models/1.pkl", nil, "models/2.pkl", "report run 10", "run.html"])
    let summary = Self.summary(mapping, loadedTexts: true)
    #expect(summary == Self.summary(mapping, loadedTexts: false))
    #expect(summary[0].contains("train --lr 0.001 --seed 1"))
  }

  @Test func aTypeTheOverlayDeclaresRendersAgain() throws {
    let project = try DVCProjectLoader().load(files: Self.files).0
    let overlayText = "params:\n  train.epochs: {type: float}\n"
    let overlay = try DVCOverlayReader().read(overlayText, file: "pipeshell.yaml", project: project).0
    let mapping = DVCPipelineMapper.map(project, overlay: overlay, folder: "/p")
    // `epochs: 10` made a float is no longer the value the loader rendered.
    #expect(try Self.texts(mapping)[4...] == [nil, "run.html"])
    #expect(try Self.texts(mapping)[0] == "train --lr 0.001 --seed 1")
    #expect(Self.summary(mapping, loadedTexts: true) == Self.summary(mapping, loadedTexts: false))
  }

  /// A secret the overlay declares is no value of a params file: with it bound, the texts that
  /// read only values as loaded stand, and the secret reaches the stage through `env:` alone.
  @Test func aSecretOfTheOverlayLeavesTheLoadedTexts() throws {
    let project = try DVCProjectLoader().load(files: Self.files).0
    let overlayText = "params:\n  api_key: {type: secret}\nstages:\n  report:\n    env: {API_KEY: \"${api_key}\"}\n"
    let overlay = try DVCOverlayReader().read(overlayText, file: "pipeshell.yaml", project: project).0
    let mapping = DVCPipelineMapper.map(project, overlay: overlay, folder: "/p")
    let secret = Binding(
      name: "api_key", raw: .secret(Secret("s3cr3t-value")), layer: .session,
      source: .command("secret api_key", .prompt(line: 1)))
    #expect(try Self.texts(mapping, session: [secret]) == (try Self.texts(mapping)))
    #expect(try Self.texts(mapping, session: [secret])[4] == "report run 10")
    #expect(try Self.texts(mapping, session: [secret, Self.set("train.lr", "0.5")])[0] == nil)
    let summary = Self.summary(mapping, session: [secret], loadedTexts: true)
    #expect(summary == Self.summary(mapping, session: [secret], loadedTexts: false))
    #expect(summary[2].contains("API_KEY=s3cr3t-value"))
  }
}
