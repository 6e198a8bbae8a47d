import FoundationEssentials
import Glibc
import PipelineCore
import PipelineTestSupport
import Testing

/// DVC keeps `isexec` with each output's entry, and restores each file's own exec bit; so does
/// pipeshell when it restores a stage's outputs from its cache (whose copy of equal content has
/// the bit of whichever output came first). A change of the exec bit alone is no change to DVC:
/// it leaves `dvc.lock` as it was.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCExecBitAgainstDVCTests {
  static var dvc: String { DVCTool.executable ?? "dvc" }

  /// A project in two copies (`dvc`, `ours`) under a new folder; returns the folder.
  static func copies(_ dvcYAML: String, files: [String: String] = [:]) throws -> String {
    let folder = try TemporaryFolder.make(prefix: "dvc-exec")
    for (path, text) in files.merging(["dvc.yaml": dvcYAML], uniquingKeysWith: { $1 }) {
      try DVCProjects.write(text, to: folder + "/dvc/" + path)
    }
    let setup = DVCTool.shell(
      "mkdir -p .dvc && printf '[core]\\n    no_scm = True\\n' > .dvc/config && cp -a . ../ours", in: folder + "/dvc")
    try #require(setup.status.succeeded, "\(setup.stderr)")
    return folder
  }

  static func text(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  static func isExecutable(_ path: String) -> Bool { access(path, X_OK) == 0 }

  /// Inputs 1, 2, 1: the third run is restored (DVC's run cache, pipeshell's cache); the plain
  /// output and the executable one have the same bytes.
  @Test func outputsRestoredFromTheCacheKeepEachTheirOwnExecBit() throws {
    let folder = try Self.copies(
      """
      stages:
        a:
          cmd: cat in.txt > plain.txt && cat in.txt > tool.sh && chmod +x tool.sh
          deps: [in.txt]
          outs: [plain.txt, tool.sh]

      """, files: ["in.txt": "1\n"])
    defer { TemporaryFolder.remove(folder) }
    for value in ["1", "2", "1"] {
      let repro = DVCTool.shell("echo \(value) > in.txt && '\(Self.dvc)' repro -q", in: folder + "/dvc")
      try #require(repro.status.succeeded, "\(repro.stderr)")
      let ours = DVCTool.shell(
        "echo \(value) > in.txt && '\(TranscriptRunner.builtBinary())' -c 'run --jobs 1' dvc.yaml", in: folder + "/ours"
      )
      try #require(ours.status == .exited(0), "\(ours.stdout)\(ours.stderr)")
    }
    let lock = Self.text(folder + "/dvc/dvc.lock")
    #expect(lock.contains("isexec: true"), "\(lock)")
    #expect(Self.text(folder + "/ours/dvc.lock") == lock)
    for copy in ["dvc", "ours"] {
      #expect(Self.isExecutable(folder + "/\(copy)/tool.sh"), "\(copy)")
      #expect(!Self.isExecutable(folder + "/\(copy)/plain.txt"), "\(copy)")
    }
    let status = DVCTool.shell("'\(Self.dvc)' status --json", in: folder + "/ours").stdout.trimmingSpaces
    #expect(status == "{}", "\(status)")
  }

  @Test func anOutputWhoseExecBitAloneChangedLeavesTheLockAsItWas() throws {
    let folder = try Self.copies(
      """
      stages:
        a:
          cmd: echo x > out.txt
          outs: [out.txt]

      """)
    defer { TemporaryFolder.remove(folder) }
    let repro = DVCTool.shell(
      "'\(Self.dvc)' repro -q && chmod +x out.txt && '\(Self.dvc)' repro -q", in: folder + "/dvc")
    try #require(repro.status.succeeded, "\(repro.stderr)")
    let binary = TranscriptRunner.builtBinary()
    let ours = DVCTool.shell(
      "'\(binary)' -c 'run --jobs 1' dvc.yaml && chmod +x out.txt && '\(binary)' -c 'run --jobs 1' dvc.yaml",
      in: folder + "/ours")
    try #require(ours.status == .exited(0), "\(ours.stdout)\(ours.stderr)")
    let lock = Self.text(folder + "/dvc/dvc.lock")
    #expect(!lock.contains("isexec"), "\(lock)")
    #expect(Self.text(folder + "/ours/dvc.lock") == lock)
    #expect(Self.isExecutable(folder + "/ours/out.txt"))
  }
}
