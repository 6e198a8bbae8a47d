import FoundationEssentials
import Testing

@testable import PipelineCore

/// `DVCFormat` behind the `PipelineFormat` seam: a project folder on disk becomes today's
/// pipeline with the params files' values in the `file` layer and the overlay applied.
@Suite struct DVCFormatTests {
  struct DiskFiles: SourceFiles {
    func text(_ path: String, shownAs: String) throws(DiagnosticError) -> String {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw DiagnosticError(Diagnostic("cannot read '\(shownAs)'"))
      }
      return String(decoding: data, as: UTF8.self)
    }
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    func shown(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
  }

  @Test func loadsAProjectFolderThroughTheSeam() throws {
    let folder = TemporaryFolder()
    try folder.write(Array("train:\n  lr: 0.1\n  log-level: info\n".utf8), to: "params.yaml")
    try folder.write(Array(#"{"batch": 8}"#.utf8), to: "extra.json")
    try folder.write(
      Array(
        "params:\n  train.lr: {type: float, max: 1}\n  key: {type: secret}\nstages:\n  train:\n    env: {KEY: \"${key}\"}\n"
          .utf8), to: "pipeshell.yaml")
    try folder.write(
      Array(
        """
        stages:
          train:
            cmd: train --lr ${train.lr}
            params: [{extra.json: [batch]}]
            desc: Train
        """.utf8), to: "dvc.yaml")
    let format = DVCFormat()
    #expect(format.claims(folder.file("dvc.yaml")) && !format.claims(folder.file("pipeline.yaml")))
    #expect(!PipeshellFormat().claims(folder.file("dvc.yaml")))
    let loaded = try format.load(folder.file("dvc.yaml"), shownAs: "dvc.yaml", files: DiskFiles())
    #expect(loaded.pipeline.parameterNames == ["train.lr", "train.log-level", "[extra.json].batch", "key"])
    #expect(loaded.pipeline.parameter("train.lr")?.maximum == 1)
    #expect(loaded.pipeline.parameter("key")?.isSecret == true)
    #expect(loaded.pipeline.step("train")?.env.map(\.name) == ["DVC_ROOT", "DVC_STAGE", "KEY"])
    #expect(loaded.pipeline.step("train")?.description == "Train")
    #expect(loaded.paramsFiles.map(\.path) == [folder.file("params.yaml"), folder.file("extra.json")])
    #expect(
      loaded.paramsFiles.map { $0.bindings.map(\.name) } == [["train.lr", "train.log-level"], ["[extra.json].batch"]])
    #expect(loaded.paramsFiles.allSatisfy { $0.automatic })
  }

  @Test func reportsProblemsOfTheProjectAndTheOverlay() throws {
    let folder = TemporaryFolder()
    try folder.write(Array("stages:\n  s:\n    cmd: run\n".utf8), to: "dvc.yaml")
    try folder.write(Array("params:\n  nope: {type: int}\n".utf8), to: "pipeshell.yaml")
    #expect(throws: DiagnosticError.self) {
      _ = try DVCFormat().load(folder.file("dvc.yaml"), shownAs: "dvc.yaml", files: DiskFiles())
    }
    try folder.write(Array("stages:\n  s:\n    cmd: run ${missing}\n".utf8), to: "dvc.yaml")
    do {
      _ = try DVCFormat().load(folder.file("dvc.yaml"), shownAs: "dvc.yaml", files: DiskFiles())
      Issue.record("loaded a project with an unknown reference")
    } catch {
      #expect(error.diagnostics.first?.description == "dvc.yaml:3:14: error: Could not find 'missing'")
    }
  }

  /// Outputs a `.dvcignore` leaves out are refused, each where it is written (DVC names the first).
  @Test func everyRefusedOutputIsNamedAtItsPlace() throws {
    let folder = try DVCIgnoredOutputsAgainstDVCTests.project(
      .init(name: "two", ignoreFiles: ["": "*.log\n"], outs: ["a.log", "b.txt", "c.log"]))
    do {
      _ = try DVCFormat().load(folder.file("dvc.yaml"), shownAs: "dvc.yaml", files: DiskFiles())
      Issue.record("loaded a project whose outputs its .dvcignore leaves out")
    } catch {
      #expect(
        error.diagnostics.map(\.description) == [
          "dvc.yaml:5:9: error: output 'a.log' of stage 'make' is ignored by .dvcignore:1:*.log",
          "dvc.yaml:7:9: error: output 'c.log' of stage 'make' is ignored by .dvcignore:1:*.log",
        ])
    }
  }

  /// In a large project the check runs beside the graph (on another core): the same problems,
  /// with the graph's own, in file order.
  @Test func aLargeProjectsIgnoredOutputsAreNamedBesideItsGraphsProblems() throws {
    let folder = try DVCIgnoredOutputsAgainstDVCTests.project(
      .init(name: "large", ignoreFiles: ["": "*.log\n"], outs: []))
    let items = (0..<600).map { "i\($0)" }.joined(separator: ", ")
    _ = try folder.write(
      Array(
        """
        stages:
          make:
            foreach: [\(items)]
            do:
              cmd: echo
              outs: ["out/${item}.txt"]
          twice:
            cmd: echo
            outs: [out/i0.txt, keep.log]
        """.utf8), to: "dvc.yaml")
    do {
      _ = try DVCFormat().load(folder.file("dvc.yaml"), shownAs: "dvc.yaml", files: DiskFiles())
      Issue.record("loaded a project DVC refuses")
    } catch {
      let messages = error.diagnostics.map(\.message)
      #expect(messages.contains { $0.contains("output 'keep.log' of stage 'twice' is ignored by .dvcignore:1:*.log") })
      #expect(messages.contains { $0.contains("'out/i0.txt'") && $0.contains("make@i0") && $0.contains("twice") })
    }
  }
}
