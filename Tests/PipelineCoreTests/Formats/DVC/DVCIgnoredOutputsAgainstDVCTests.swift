import FoundationEssentials
import PipelineTestSupport
import Testing

@testable import PipelineCore

/// Outputs DVC refuses as it loads a stage (`Output._validate_output_path`): one its
/// `.dvcignore` files leave out, and one named as DVC's own files. `dvc stage list` on the same
/// project says which output and which line; pipeshell must refuse the same projects, naming
/// the same output and line.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCIgnoredOutputsAgainstDVCTests {
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var ignoreFiles: [String: String]
    var outs: [String]
    /// Folders made before loading (DVC asks about a folder that is there as a folder).
    var folders: [String] = []
    var description: String { name }
  }

  static let cases = [
    Case(name: "nothing left out", ignoreFiles: ["": "*.tmp\n"], outs: ["out.txt", "models/m.pkl"]),
    Case(name: "a file pattern", ignoreFiles: ["": "# notes\n\nout*\n"], outs: ["keep.txt", "out.txt"]),
    Case(name: "the first of a run of like lines is named", ignoreFiles: ["": "out*\n*.txt\n"], outs: ["out.txt"]),
    Case(name: "a negation decides", ignoreFiles: ["": "*.txt\n!out.txt\n"], outs: ["out.txt"]),
    Case(name: "a nested file", ignoreFiles: ["sub": "data/\n"], outs: ["sub/data/x"]),
    Case(name: "a deeper file wins", ignoreFiles: ["": "sub/data\n", "sub": "!data\n"], outs: ["sub/data/x"]),
    Case(name: "a folder-only line, no folder there", ignoreFiles: ["": "model/\n"], outs: ["model"]),
    Case(
      name: "a folder-only line, a folder there", ignoreFiles: ["": "model/\n"], outs: ["model"], folders: ["model"]),
    // Two folders whose names differ only in composition (`é`, `e` + accent) are two folders:
    // only the first has a `.dvcignore`.
    Case(name: "folders told apart by bytes", ignoreFiles: ["\u{E9}": "x\n"], outs: ["\u{E9}/y", "e\u{301}/x"]),
    // Outputs in turn across more folders than the last few remembered: a folder's patterns
    // found again after it was forgotten are its own.
    Case(
      name: "outputs in turn across five folders", ignoreFiles: ["f1": "a\n"],
      outs: ["f0/a", "f1/b", "f2/a", "f3/a", "f4/a", "f0/c", "f2/b", "f1/a"]),
    Case(name: "DVC's own folder", ignoreFiles: [:], outs: [".dvc/tmp/x"]),
    Case(name: "a DVC file", ignoreFiles: [:], outs: ["data.dvc"]),
    Case(name: "a dvc.yaml in a folder", ignoreFiles: [:], outs: ["sub/dvc.yaml"]),
  ]

  static func project(_ testCase: Case) throws -> TemporaryFolder {
    let folder = try DVCIgnoreAgainstDVCTests.repository(ignoreFiles: testCase.ignoreFiles)
    for made in testCase.folders { _ = try folder.write(Array("x".utf8), to: made + "/file") }
    let outs = testCase.outs.map { "      - \($0)\n" }.joined()
    _ = try folder.write(Array("stages:\n  make:\n    cmd: echo\n    outs:\n\(outs)".utf8), to: "dvc.yaml")
    return folder
  }

  /// DVC's complaint, made comparable: `Path '/abs/out' is ignored by RULE` becomes `out: RULE`.
  static func theirs(_ folder: TemporaryFolder) throws -> String? {
    let listing = DVCTool.shell("'\(DVCTool.executable ?? "dvc")' stage list", in: folder.path)
    if listing.status.succeeded { return nil }
    let line = try #require(listing.stderr.split(separator: "\n").first { $0.hasPrefix("ERROR: ") })
    if let match = line.firstMatch(of: /ERROR: Path '(.*)' is ignored by (.*)$/) {
      return String(match.1.dropFirst(folder.path.count + 1)) + ": " + match.2
    }
    return String(line.dropFirst("ERROR: ".count))
  }

  /// pipeshell's, in the same form.
  static func ours(_ folder: TemporaryFolder) -> String? {
    do {
      _ = try DVCFormat().load(folder.file("dvc.yaml"), shownAs: "dvc.yaml", files: DVCFormatTests.DiskFiles())
      return nil
    } catch {
      guard let message = error.diagnostics.first?.message else { return "no message" }
      if let match = message.firstMatch(of: /output '(.*)' of stage 'make' is ignored by (.*)$/) {
        return match.1 + ": " + match.2
      }
      return message
    }
  }

  /// A dependency named as DVC's own files is refused as well ("DVC file '...' cannot be a
  /// dependency."), already when DVC lists the stages.
  @Test(arguments: ["data.csv.dvc", "dvc.yaml", "sub/dvc.yaml", "data.csv"])
  func refusesTheDependenciesDVCRefuses(_ dep: String) throws {
    let folder = try DVCIgnoreAgainstDVCTests.repository(ignoreFiles: [:])
    for file in ["data.csv", "data.csv.dvc", "sub/dvc.yaml"] { _ = try folder.write(Array("x\n".utf8), to: file) }
    _ = try folder.write(Array("stages:\n  make:\n    cmd: echo\n    deps: [\(dep)]\n".utf8), to: "dvc.yaml")
    let theirs = try Self.theirs(folder)
    #expect(Self.ours(folder) == theirs, "\(dep)")
    #expect((theirs == nil) == (dep == "data.csv"), "\(dep): \(theirs ?? "accepted")")
  }

  /// A cached output outside the repository: DVC 3 runs the stage, then refuses to save it, and
  /// records nothing; pipeshell refuses it when it loads the project. With `cache: false` both
  /// take it.
  @Test(arguments: ["../outside.txt", "/tmp/pipeshell-external-output.txt", "inside/../ok.txt"])
  func refusesACachedOutputOutsideTheRepositoryAsDVCRefusesToSaveIt(_ out: String) throws {
    let folder = try DVCIgnoreAgainstDVCTests.repository(ignoreFiles: [:])
    for cache in ["", ", cache: false"] {
      let stage = "stages:\n  make:\n    cmd: echo x > \(out)\n    outs: [{\"\(out)\": {persist: false\(cache)}}]\n"
      _ = try folder.write(Array(stage.utf8), to: "dvc.yaml")
      // DVC's second try of a stage whose external output is there fails with another message.
      _ = DVCTool.shell("rm -f '\(out)'", in: folder.path)
      let repro = DVCTool.shell("'\(DVCTool.executable ?? "dvc")' repro", in: folder.path)
      let dvcRefuses = repro.stderr.contains("Saving cached external output")
      let ours = Self.ours(folder)
      let oursRefuses = ours?.hasPrefix("Saving cached external output") ?? false
      #expect(dvcRefuses == oursRefuses, "\(out)\(cache): \(ours ?? "-")")
      #expect(dvcRefuses == (cache.isEmpty && !out.hasPrefix("inside")), "\(out)\(cache): \(repro.stderr)")
    }
    _ = DVCTool.shell("rm -f '\(out)'", in: folder.path)  // what DVC's runs wrote outside
  }

  @Test(arguments: cases)
  func refusesTheOutputsDVCRefuses(_ testCase: Case) throws {
    let folder = try Self.project(testCase)
    let theirs = try Self.theirs(folder)
    #expect(Self.ours(folder) == theirs, "\(testCase.name)")
  }
}
