import FoundationEssentials
import PipelineCore
import PipelineShell
import PipelineTestSupport
import Testing

/// DVC's run cache (`StageCache.restore` and `save`) side by side with `dvc repro`: a stage DVC
/// would restore from its cache ("Stage 'a' is cached - skipping run, checking out outputs") is
/// restored by pipeshell too, without running its command, and what pipeshell saves in the run
/// cache is what DVC saves, byte for byte, so that each restores what the other ran.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCRunCacheAgainstDVCTests {
  static var dvc: String { DVCTool.executable ?? "dvc" }

  /// A stage whose output differs at each run, and which counts its runs in `runs.log`.
  static let dvcYAML = """
    stages:
      a:
        cmd: cat in.txt > a.txt && date +%s%N >> a.txt && mkdir -p d/s && echo x > d/s/f && printf 1 > m.json && echo ran >> runs.log
        deps: [in.txt]
        params: [lr]
        outs: [a.txt, d]
        metrics: [{m.json: {cache: false}}]
      b:
        cmd: cp a.txt b.txt && chmod +x b.txt
        deps: [a.txt]
        outs: [b.txt]
      kept:
        cmd: echo k >> kept.txt
        deps: [a.txt]
        outs: [{kept.txt: {persist: true}}]
    """

  /// A DVC project (no git) in `folder/p`, with `extraConfig` added to `.dvc/config`.
  static func project(extraConfig: String = "") throws -> (folder: String, project: String) {
    let folder = try TemporaryFolder.make(prefix: "dvc-run-cache")
    let project = folder + "/p"
    try DVCProjects.write("[core]\n    no_scm = True\n" + extraConfig, to: project + "/.dvc/config")
    try DVCProjects.write("1\n", to: project + "/in.txt")
    try DVCProjects.write("lr: 0.1\n", to: project + "/params.yaml")
    try DVCProjects.write(dvcYAML, to: project + "/dvc.yaml")
    return (folder, project)
  }

  static func sh(_ command: String, in folder: String) throws -> String {
    let result = DVCTool.shell(command, in: folder)
    try #require(result.status.succeeded, "\(command): \(result.stdout)\(result.stderr)")
    return result.stdout
  }

  static func text(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  static func runs(_ folder: String) -> Int { text(folder + "/runs.log").split(separator: "\n").count }

  /// Every file of the run cache with its content.
  static func runCache(_ root: String) throws -> String {
    try sh(
      "cd .dvc/cache/runs && find . -type f | LC_ALL=C sort | while read f; do echo \"== $f $(stat -c %a \"$f\")\"; cat \"$f\"; done",
      in: root)
  }

  @Test func pipeshellSavesTheRunCacheDVCSaves() throws {
    let (folder, _) = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    _ = try Self.sh("cp -a p theirs && cp -a p ours", in: folder)
    _ = try Self.sh("'\(Self.dvc)' repro -q", in: folder + "/theirs")
    let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: folder + "/ours")
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    // The outputs differ (a date), so the entries' values differ: the same number of them.
    let ours = try Self.runCache(folder + "/ours"), theirs = try Self.runCache(folder + "/theirs")
    #expect(!ours.isEmpty)
    #expect(ours.split(separator: "\n").count == theirs.split(separator: "\n").count)
    #expect(!ours.contains("kept.txt"), "a persisted output keeps its stage out of the run cache")
    // The same inputs and outputs give the same names and bytes: in a copy with DVC's cache and
    // dvc.lock but no run cache, pipeshell restores a and b (dvc.lock matches) and saves them.
    _ = try Self.sh(
      "rm -rf ours2 && cp -a p ours2 && cp -a theirs/.dvc/cache ours2/.dvc/ && cp theirs/dvc.lock ours2/", in: folder)
    _ = try Self.sh("rm -rf .dvc/cache/runs", in: folder + "/ours2")
    let again = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: folder + "/ours2")
    try #require(again.status == .exited(0), "\(again.stdout)\(again.stderr)")
    #expect(again.stdout.contains("cached by DVC: restored a.txt, d, m.json as dvc.lock records it"))
    #expect(Self.runs(folder + "/ours2") == 0, "the command did not run")
    #expect(try Self.runCache(folder + "/ours2") == theirs)
  }

  @Test func aStageDVCRanIsRestoredFromDVCsCacheAsDVCRestoresIt() throws {
    let (folder, project) = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    _ = try Self.sh("'\(Self.dvc)' repro -q && rm -rf a.txt d m.json b.txt", in: project)
    _ = try Self.sh("cp -a p theirs && cp -a p ours && cp p/dvc.lock lock.before", in: folder)
    let repro = try Self.sh("'\(Self.dvc)' repro", in: folder + "/theirs")
    #expect(repro.contains("Stage 'a' is cached - skipping run, checking out outputs"))
    let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: folder + "/ours")
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    #expect(Self.runs(folder + "/ours") == 1, "the command ran once, for DVC")
    #expect(Self.text(folder + "/ours/dvc.lock") == Self.text(folder + "/theirs/dvc.lock"))
    for file in ["a.txt", "d/s/f", "m.json", "b.txt"] {
      #expect(Self.text(folder + "/ours/" + file) == Self.text(folder + "/theirs/" + file), "\(file)")
      let modes = "stat -c '%a %h %F' \(file)"
      #expect(try Self.sh(modes, in: folder + "/ours") == Self.sh(modes, in: folder + "/theirs"), "\(file)")
    }
    #expect(try Self.sh("'\(Self.dvc)' status -q && echo clean", in: folder + "/ours") == "clean\n")
  }

  @Test func anEarlierRunIsRestoredFromTheRunCacheAndDVCsLockUpdatedAsDVCUpdatesIt() throws {
    let (folder, project) = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    _ = try Self.sh(
      "'\(Self.dvc)' repro -q && echo 2 > in.txt && '\(Self.dvc)' repro -q && echo 1 > in.txt", in: project)
    _ = try Self.sh("cp -a p theirs && cp -a p ours", in: folder)
    let repro = try Self.sh("'\(Self.dvc)' repro", in: folder + "/theirs")
    #expect(repro.contains("Stage 'a' is cached - skipping run, checking out outputs"))
    let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: folder + "/ours")
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    #expect(run.stdout.contains("cached by DVC: restored a.txt, d, m.json from DVC's run cache"))
    #expect(Self.runs(folder + "/ours") == 2)
    #expect(Self.text(folder + "/ours/a.txt") == Self.text(folder + "/theirs/a.txt"))
    #expect(Self.text(folder + "/ours/dvc.lock") == Self.text(folder + "/theirs/dvc.lock"))
    #expect(try Self.runCache(folder + "/ours") == Self.runCache(folder + "/theirs"))
  }

  @Test func dvcRestoresWhatPipeshellRan() throws {
    let (folder, project) = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    for input in ["1", "2"] {
      try DVCProjects.write(input + "\n", to: project + "/in.txt")
      let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: project)
      try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    }
    try DVCProjects.write("1\n", to: project + "/in.txt")
    let repro = try Self.sh("'\(Self.dvc)' repro", in: project)
    #expect(repro.contains("Stage 'a' is cached - skipping run, checking out outputs"))
    #expect(repro.contains("Stage 'b' is cached - skipping run, checking out outputs"))
    #expect(Self.runs(project) == 2)
  }

  @Test func aCorruptedEntryGetsDVCsWarningAndIsDeleted() throws {
    let (folder, project) = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    _ = try Self.sh(
      "'\(Self.dvc)' repro -q && echo 2 > in.txt && '\(Self.dvc)' repro -q && echo 1 > in.txt", in: project)
    _ = try Self.sh("for f in $(find .dvc/cache/runs -type f); do echo 'cmd: [' > $f; done", in: project)
    _ = try Self.sh("cp -a p theirs && cp -a p ours", in: folder)
    let repro = DVCTool.shell("'\(Self.dvc)' repro", in: folder + "/theirs")
    let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: folder + "/ours")
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    let warning = try #require(
      (repro.stdout + repro.stderr).split(separator: "\n").first { $0.contains("corrupted cache file") })
    #expect((run.stdout + run.stderr).contains("note: " + warning.replacing("WARNING: ", with: "")))
    #expect(Self.runs(folder + "/ours") == 3, "the stage ran")
    // The corrupted file is gone (the stage's new entry has another name: its output has a date).
    let corrupted = try #require(warning.split(separator: "'").dropFirst().first.map(String.init))
    #expect(!FileManager.default.fileExists(atPath: folder + "/ours/" + corrupted))
    #expect(!FileManager.default.fileExists(atPath: folder + "/theirs/" + corrupted))
    let count = "find .dvc/cache/runs -type f | wc -l"
    #expect(try Self.sh(count, in: folder + "/ours") == Self.sh(count, in: folder + "/theirs"))
  }

  @Test func outputsAreLinkedAsCacheTypeAsks() throws {
    let (folder, project) = try Self.project(extraConfig: "[cache]\n    type = symlink\n")
    defer { TemporaryFolder.remove(folder) }
    _ = try Self.sh("'\(Self.dvc)' repro -q && rm -rf a.txt d m.json b.txt", in: project)
    _ = try Self.sh("cp -a p theirs && cp -a p ours", in: folder)
    _ = try Self.sh("'\(Self.dvc)' repro -q", in: folder + "/theirs")
    let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: folder + "/ours")
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    let kinds =
      "for f in a.txt d/s/f m.json b.txt; do echo \"$f $(stat -c %F $f) $(readlink $f | sed 's|.*/cache/||')\"; done"
    let ours = try Self.sh(kinds, in: folder + "/ours")
    #expect(ours.contains("a.txt symbolic link files/md5/"))
    #expect(ours == (try Self.sh(kinds, in: folder + "/theirs")))
  }

  @Test func aForcedRunRunsTheStageAsDVCReproForceDoes() throws {
    let (folder, project) = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    _ = try Self.sh("'\(Self.dvc)' repro -q && rm a.txt", in: project)
    let run = DVCProjects.pipeshell("run --jobs 1; rerun --force", file: "dvc.yaml", in: project)
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    #expect(Self.runs(project) == 2, "restored once, then run because forced")
  }
}
