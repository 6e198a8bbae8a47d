import FoundationEssentials
import PipelineTestSupport
import Testing

@testable import PipelineCore

/// Stages expanded and resolved by pipeshell, compared with what DVC 3.67.1 itself reads from
/// the same files (names, commands, working folders, dependencies, params, outputs and their
/// flags, run order), for the example projects and for fixtures of every feature and error.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCStagesAgainstDVCTests {
  static let examples = "/work/shared/dvc-examples"

  /// Writes each fixture into its own folder, marked as a DVC project without git.
  static func materialize(_ fixtures: [DVCProjectFixtures.Fixture], in folder: TemporaryFolder) throws -> [String] {
    var roots: [String] = []
    for fixture in fixtures {
      for (path, text) in fixture.files {
        try folder.write(Array(text.utf8), to: fixture.name + "/" + path)
      }
      try folder.write(Array("[core]\n    no_scm = True\n".utf8), to: fixture.name + "/.dvc/config")
      roots.append(folder.file(fixture.name))
    }
    return roots
  }

  @Test func fixturesReadAsDVCReadsThem() throws {
    let folder = TemporaryFolder()
    let fixtures = DVCProjectFixtures.all
    let roots = try Self.materialize(fixtures, in: folder)
    let lines = DVCTool.oracle("stages", roots)
    try #require(lines.count == roots.count)
    for (index, fixture) in fixtures.enumerated() {
      compare(fixture, root: roots[index], expected: DVCStageMirror.parse(lines[index]))
    }
  }

  @Test func exampleProjectsReadAsDVCReadsThem() throws {
    let folder = TemporaryFolder()
    let examples: [(String, [String])] = [
      ("iterative__example-get-started", ["dvc.yaml"]),
      ("iterative__example-get-started-experiments", ["dvc.yaml"]),
      ("andreaconti__lidar-confidence", ["experiments/dvc.yaml", "experiments/baselines/dvc.yaml"]),
      ("gottalottarock__esm-2-contact-map", ["pipeline/dvc.yaml"]),
      (
        "iterative__pipeline-conifguration",
        [
          "multi-params-files/dvc.yaml", "multi-validation-datasets/dvc.yaml", "single-params-file/dvc.yaml",
        ]
      ),
    ]
    var roots: [String] = []
    for (name, _) in examples {
      let root = folder.file(name)
      let copy = DVCTool.shell(
        "cp -R '\(Self.examples)/\(name)' '\(root)' && mkdir -p '\(root)/.dvc' && printf '[core]\\n    no_scm = True\\n' > '\(root)/.dvc/config'"
      )
      try #require(copy.status.succeeded, "\(copy.stderr)")
      roots.append(root)
    }
    let lines = DVCTool.oracle("stages", roots)
    try #require(lines.count == roots.count)
    for (index, (name, dvcFiles)) in examples.enumerated() {
      let fixture = DVCProjectFixtures.Fixture(name: name, files: [:], dvcFiles: dvcFiles)
      compare(fixture, root: roots[index], expected: DVCStageMirror.parse(lines[index]))
    }
  }

  func compare(_ fixture: DVCProjectFixtures.Fixture, root: String, expected: DVCStageMirror.Expected) {
    for dvcFile in fixture.dvcFiles {
      let folder = PosixFiles.parentFolder(of: root + "/" + dvcFile)
      let name = String(dvcFile.split(separator: "/").last ?? "dvc.yaml")
      let loaded: DVCProject
      do {
        loaded = try DVCProjectLoader().load(dvcFile: name, files: LocalDVCFiles(root: folder)).0
      } catch {
        #expect(expected.error != nil, "\(fixture.name): pipeshell refused what DVC reads: \(error)")
        continue
      }
      if let message = expected.error {
        Issue.record("\(fixture.name): pipeshell read what DVC refuses (\(message))")
        continue
      }
      let ours = loaded.stages.map { DVCStageMirror.mirror($0, dvcFile: dvcFile) }
      let theirs = expected.stages[dvcFile] ?? []
      #expect(ours.count == theirs.count, "\(fixture.name): \(ours.count) stages, DVC has \(theirs.count)")
      for (mine, dvc) in zip(ours, theirs) where mine != dvc {
        Issue.record("\(fixture.name):\n  pipeshell: \(PythonText.repr(mine))\n  DVC:       \(PythonText.repr(dvc))")
      }
      if fixture.dvcFiles.count == 1 {
        let order = loaded.order.map { dvcFile + ":" + loaded.stages[$0].name }
        #expect(order == expected.order, "\(fixture.name): run order")
      }
    }
  }
}
