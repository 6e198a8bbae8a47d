import FoundationEssentials
import PipelineCore
import PipelineTestSupport
import Testing

/// Data sources made by `dvc add` that a stage depends on: `dvc repro` re-verifies a changed one,
/// caches its new data and rewrites its `.dvc` file; pipeshell must leave the same `.dvc` files,
/// cache objects, `dvc.lock` and a clean `dvc status`.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCDataSourceAgainstDVCTests {
  static var dvc: String { DVCTool.executable ?? "dvc" }

  /// A project made by `setup` (in `p`, a DVC repository without Git), then changed by
  /// `change`, in two copies: `dvc` and `ours`. Returns the folder holding them.
  static func copies(_ dvcYAML: String, setup: String, change: String) throws -> String {
    let folder = try TemporaryFolder.make(prefix: "dvc-add")
    try DVCProjects.write(dvcYAML, to: folder + "/p/dvc.yaml")
    let script =
      "cd p && mkdir -p .dvc && printf '[core]\\n    no_scm = True\\n' > .dvc/config && \(setup) && \(change)"
      + " && cd .. && cp -a p dvc && mv p ours"
    let made = DVCTool.shell(script, in: folder)
    try #require(made.status.succeeded, "\(made.stdout)\(made.stderr)")
    return folder
  }

  static func text(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  static func runBoth(_ folder: String) -> (dvc: DVCTool.Result, ours: DVCTool.Result) {
    (
      DVCTool.shell("'\(dvc)' repro", in: folder + "/dvc"),
      DVCTool.shell("'\(TranscriptRunner.builtBinary())' -c 'run --jobs 1' dvc.yaml", in: folder + "/ours")
    )
  }

  /// The files under the cache (objects and run-cache entries), by path.
  static func cacheFiles(_ copy: String) -> String {
    DVCTool.shell("find .dvc/cache -type f | sort", in: copy).stdout
  }

  static let pipeline = """
    stages:
      a:
        cmd: cat data.csv > a.txt && ls dir > b.txt && cat legacy.csv noted.csv > c.txt
        deps: [data.csv, dir, legacy.csv, noted.csv]
        outs: [a.txt, b.txt, c.txt]

    """

  @Test func changedDataSourcesAreCachedAndTheirDVCFilesRewrittenAsDVCDoes() throws {
    let setup = """
      echo v1 > data.csv && mkdir dir && echo x > dir/f1 && echo y > dir/f2 && echo w > legacy.csv \
      && echo n > noted.csv && '\(Self.dvc)' add -q data.csv dir noted.csv \
      && printf 'md5: 0123456789abcdef0123456789abcdef\\nouts:\\n- md5: aaaa1111\\n  size: 2\\n  path: legacy.csv\\n' \
      > legacy.csv.dvc && sed -i '1i # kept comment' noted.csv.dvc && echo 'desc: notes   # trailing' >> noted.csv.dvc \
      && '\(Self.dvc)' repro -q
      """
    let folder = try Self.copies(
      Self.pipeline, setup: setup,
      change: "echo v2 > data.csv && echo z > dir/f3 && echo w2 > legacy.csv && echo n2 > noted.csv")
    defer { TemporaryFolder.remove(folder) }
    let (dvc, ours) = Self.runBoth(folder)
    try #require(dvc.status.succeeded, "\(dvc.stderr)")
    try #require(ours.status == .exited(0), "\(ours.stdout)\(ours.stderr)")
    for file in ["data.csv.dvc", "dir.dvc", "legacy.csv.dvc", "noted.csv.dvc", "dvc.lock"] {
      let expected = Self.text(folder + "/dvc/" + file)
      #expect(Self.text(folder + "/ours/" + file) == expected, "\(file)")
    }
    #expect(Self.text(folder + "/ours/noted.csv.dvc").contains("# kept comment"))
    #expect(Self.text(folder + "/ours/dir.dvc").contains("nfiles: 3"))
    #expect(Self.cacheFiles(folder + "/ours") == Self.cacheFiles(folder + "/dvc"))
    #expect(ours.stderr.contains("note: data source data.csv.dvc"), "\(ours.stderr)")
    let status = DVCTool.shell("'\(Self.dvc)' status --json", in: folder + "/ours").stdout.trimmingSpaces
    #expect(status == "{}", "\(status)")
  }

  @Test func dataMissingFromTheCacheIsCachedAgain() throws {
    let folder = try Self.copies(
      """
      stages:
        a:
          cmd: cat data.csv > a.txt
          deps: [data.csv]
          outs: [a.txt]

      """, setup: "echo v1 > data.csv && '\(Self.dvc)' add -q data.csv && '\(Self.dvc)' repro -q",
      change: "rm -rf .dvc/cache")
    defer { TemporaryFolder.remove(folder) }
    let (dvc, ours) = Self.runBoth(folder)
    try #require(dvc.status.succeeded, "\(dvc.stderr)")
    try #require(ours.status == .exited(0), "\(ours.stdout)\(ours.stderr)")
    #expect(Self.cacheFiles(folder + "/ours").contains("files/md5/4f/98f59e877ecb84ff75ef0fab45bac5"))
    #expect(Self.text(folder + "/ours/data.csv.dvc") == Self.text(folder + "/dvc/data.csv.dvc"))
    let status = DVCTool.shell("'\(Self.dvc)' status --json", in: folder + "/ours").stdout.trimmingSpaces
    #expect(status == "{}", "\(status)")
  }

  /// pipeshell's plan refuses a missing input before any stage runs (its own message, not
  /// DVC's `missing data 'source'`); like DVC it runs nothing and leaves the `.dvc` file.
  @Test func missingDataFailsTheRunAndLeavesTheDVCFile() throws {
    let folder = try Self.copies(
      """
      stages:
        b:
          cmd: cat gone.csv > b.txt
          deps: [gone.csv]
          outs: [b.txt]

      """, setup: "echo m > gone.csv && '\(Self.dvc)' add -q gone.csv && '\(Self.dvc)' repro -q",
      change: "rm gone.csv")
    defer { TemporaryFolder.remove(folder) }
    let (dvc, ours) = Self.runBoth(folder)
    let message = "failed to reproduce 'gone.csv.dvc': missing data 'source': gone.csv"
    #expect(dvc.stderr.contains(message), "\(dvc.stderr)")
    #expect(ours.status != .exited(0))
    #expect((ours.stdout + ours.stderr).contains("'gone.csv'"), "\(ours.stdout)\(ours.stderr)")
    #expect(Self.text(folder + "/ours/gone.csv.dvc") == Self.text(folder + "/dvc/gone.csv.dvc"))
  }
}
