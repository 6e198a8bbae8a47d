import FoundationEssentials
import PipelineCore
import PipelineShell
import PipelineTestSupport
import Testing

/// A runnable project (sh and awk) run by `dvc repro` in one copy and by the real binary's `run`
/// in another, both git repositories: DVC must agree with what pipeshell ran (`dvc.lock` the same
/// bytes, the same objects in DVC's cache, the same `.gitignore` entries, `dvc status` clean and
/// `dvc repro --dry` running nothing but the stage that always changes, nothing else under
/// `.dvc/` changed); pipeshell's first run reuses what DVC ran; a run with other values leaves the
/// user's params files as they were and writes only what is true into `dvc.lock`.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCRunAgainstDVCTests {
  static var dvc: String { DVCTool.executable ?? "dvc" }

  /// Two copies of the runnable project, git repositories with DVC initialized.
  static func copies() throws -> (folder: String, dvcCopy: String, ours: String) {
    let folder = try TemporaryFolder.make(prefix: "dvc-run")
    let dvcCopy = folder + "/dvc-run", ours = folder + "/pipeshell-run"
    for (path, text) in DVCProjectFixtures.runnable { try DVCProjects.write(text, to: dvcCopy + "/" + path) }
    let setup = DVCTool.shell(
      "git init -q && '\(dvc)' init -q && git add -A && git commit -qm init && cp -R . '\(ours)'", in: dvcCopy)
    try #require(setup.status.succeeded, "\(setup.stderr)")
    return (folder, dvcCopy, ours)
  }

  static func text(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  /// Every file of DVC's cache with its mode and md5, but DVC's run cache.
  static func cacheListing(_ root: String) -> [String] {
    DVCTool.shell(
      "cd .dvc/cache && find . -type f -not -path './runs/*' | LC_ALL=C sort | while read f; do echo \"$f $(stat -c %a \"$f\") $(md5sum < \"$f\")\"; done",
      in: root
    ).stdout.split(separator: "\n").map(String.init)
  }

  /// Every `.gitignore` (but the one `dvc init` wrote in `.dvc/`) with its text.
  static func gitignores(_ root: String) -> String {
    DVCTool.shell(
      "find . -name .gitignore -not -path './.dvc/*' -not -path './.pipeshell/*' | LC_ALL=C sort | while read f; do echo \"== $f\"; cat \"$f\"; done",
      in: root
    ).stdout
  }

  /// `.dvc/` but its cache and DVC's temporary files, with each file's md5.
  static func dvcFolder(_ root: String) -> String {
    DVCTool.shell(
      "find .dvc -type f -not -path '.dvc/cache/*' -not -path '.dvc/tmp/*' | LC_ALL=C sort | xargs md5sum", in: root
    ).stdout
  }

  static func dvcStatus(_ root: String) -> String {
    DVCTool.shell("'\(dvc)' status --json", in: root).stdout.trimmingSpaces.replacing("\n", with: "")
  }

  /// The stages `dvc repro --dry` would run.
  static func wouldRun(_ root: String) -> [String] {
    let output = DVCTool.shell("'\(dvc)' repro --dry", in: root)
    return output.stdout.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("Running stage '") else { return nil }
      return String(line.dropFirst("Running stage '".count).prefix { $0 != "'" })
    }
  }

  /// The lock without the lines of the stage whose output changes at each run (`date`).
  static func withoutVolatile(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if let start = lines.firstIndex(of: "    - path: always.txt") {
      lines.removeSubrange(start..<min(start + 4, lines.count))
    }
    return lines.joined(separator: "\n")
  }

  @Test func dvcAgreesWithWhatPipeshellRan() throws {
    let (folder, dvcCopy, ours) = try Self.copies()
    defer { TemporaryFolder.remove(folder) }
    let dvcFolderBefore = Self.dvcFolder(ours)
    let repro = DVCTool.shell("'\(Self.dvc)' repro -q", in: dvcCopy)
    try #require(repro.status.succeeded, "\(repro.stderr)")
    let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: ours)
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")

    #expect(
      Self.withoutVolatile(Self.text(ours + "/dvc.lock")) == Self.withoutVolatile(Self.text(dvcCopy + "/dvc.lock")))
    // Outputs with `cache: false` are kept too, where DVC's run cache keeps them (`_uncached_outs`).
    let ourListing = Self.cacheListing(ours), theirListing = Self.cacheListing(dvcCopy)
    #expect(
      ourListing == theirListing,
      "ours only: \(ourListing.filter { !theirListing.contains($0) }), DVC's only: \(theirListing.filter { !ourListing.contains($0) })"
    )
    #expect(Self.gitignores(ours) == Self.gitignores(dvcCopy))
    #expect(Self.dvcStatus(ours) == #"{"always": ["always changed"]}"#)
    #expect(Self.wouldRun(ours) == ["always"])
    #expect(Self.dvcFolder(ours) == dvcFolderBefore, "nothing else under .dvc/ changes")
    // Outputs are ignored by git as DVC ignores them, and the run store ignores itself: git sees
    // the same files in both copies.
    let untracked =
      "git status --porcelain --untracked-files=all | grep -v -e '.dvc-site-cache/' | LC_ALL=C sort"
    #expect(DVCTool.shell(untracked, in: ours).stdout == DVCTool.shell(untracked, in: dvcCopy).stdout)
  }

  /// Stages running at once end in any order; `dvc.lock` still lists new entries in the order
  /// `dvc repro` runs them.
  @Test func aRunOnSeveralCoresWritesTheLockInDVCsOrder() throws {
    let (folder, dvcCopy, ours) = try Self.copies()
    defer { TemporaryFolder.remove(folder) }
    let repro = DVCTool.shell("'\(Self.dvc)' repro -q", in: dvcCopy)
    try #require(repro.status.succeeded, "\(repro.stderr)")
    let run = DVCProjects.pipeshell("run --jobs 4", file: "dvc.yaml", in: ours)
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    #expect(
      Self.withoutVolatile(Self.text(ours + "/dvc.lock")) == Self.withoutVolatile(Self.text(dvcCopy + "/dvc.lock")))
  }

  @Test func aStageDVCRanIsReusedByPipeshellsFirstRun() throws {
    let (folder, dvcCopy, _) = try Self.copies()
    defer { TemporaryFolder.remove(folder) }
    let repro = DVCTool.shell("'\(Self.dvc)' repro -q", in: dvcCopy)
    try #require(repro.status.succeeded, "\(repro.stderr)")
    let lock = Self.text(dvcCopy + "/dvc.lock")
    let run = DVCProjects.pipeshell("run --jobs 1; show run 1", file: "dvc.yaml", in: dvcCopy)
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    for stage in [
      "gen", "train", "report@a", "report@b", "sub", "listed", "unicode", "whole", "lines", "scores", "empty",
    ] {
      #expect(
        lines.contains { $0.contains(stage + " ") && $0.contains("reused") && $0.contains("up to date in dvc.lock") },
        "\(stage): \(run.stdout)")
    }
    #expect(lines.contains { $0.contains("always ") && $0.contains("always_changed: true") }, "\(run.stdout)")
    #expect(Self.withoutVolatile(Self.text(dvcCopy + "/dvc.lock")) == Self.withoutVolatile(lock))
    #expect(Self.dvcStatus(dvcCopy) == #"{"always": ["always changed"]}"#)
  }

  @Test func aRunWithOtherValuesLeavesTheParamsFileAndTellsDVCTheTruth() throws {
    let (folder, _, ours) = try Self.copies()
    defer { TemporaryFolder.remove(folder) }
    let params = Self.text(ours + "/params.yaml")
    let first = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: ours)
    try #require(first.status == .exited(0), "\(first.stdout)\(first.stderr)")
    let lockWithFileValues = Self.text(ours + "/dvc.lock")

    let other = DVCProjects.pipeshell("run train.lr=0.25 --jobs 1", file: "dvc.yaml", in: ours)
    try #require(other.status == .exited(0), "\(other.stdout)\(other.stderr)")
    #expect(Self.text(ours + "/params.yaml") == params, "the user's params file, byte for byte")
    // model.txt was made with lr 0.25: train's entry says so, and DVC sees that its params
    // (and so its command, which renders lr) differ from the file's.
    let lock = Self.text(ours + "/dvc.lock")
    #expect(lock.contains("lr: 0.25"), "\(lock)")
    #expect(!lockWithFileValues.contains("lr: 0.25"))
    let status = Self.dvcStatus(ours)
    #expect(
      status.contains(#""train": [{"changed deps": {"params.yaml": {"train": "modified"}}}, "changed command"]"#),
      "\(status)")
    #expect(Self.wouldRun(ours).contains("train"))

    // The file's values again: pipeshell reuses its first run's outputs and DVC agrees again.
    let back = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: ours)
    try #require(back.status == .exited(0), "\(back.stdout)\(back.stderr)")
    #expect(Self.withoutVolatile(Self.text(ours + "/dvc.lock")) == Self.withoutVolatile(lockWithFileValues))
    #expect(Self.dvcStatus(ours) == #"{"always": ["always changed"]}"#)
  }
}
