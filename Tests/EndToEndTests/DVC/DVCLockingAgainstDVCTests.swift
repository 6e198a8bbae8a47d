import FoundationEssentials
import PipelineCore
import PipelineTestSupport
import Testing

/// `dvc repro` and a pipeshell run of one project at the same time, both ways round: the second
/// one refuses the stage the first is running, with DVC's message naming the first (pid and
/// command), as a second `dvc repro` does; the locks are given back when a run ends, is
/// interrupted, or (DVC drops a dead process's entries) killed; `.dvc/tmp` holds what DVC leaves.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCLockingAgainstDVCTests {
  static var dvc: String { DVCTool.executable ?? "dvc" }

  /// A stage that notes its start, then waits for `go` (20 s at most) and writes its output.
  static let files = [
    ".dvc/config": "[core]\n    no_scm = True\n",
    "dvc.yaml": "stages:\n  slow:\n    cmd: sh slow.sh\n    deps: [slow.sh]\n    outs: [s.txt]\n",
    "slow.sh": """
    echo start >> trace.txt
    i=0
    while [ ! -e go ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done
    echo end >> trace.txt
    echo s > s.txt

    """,
  ]

  static func project() throws -> String {
    let folder = try TemporaryFolder.make(prefix: "dvc-locking")
    for (path, text) in files { try DVCProjects.write(text, to: folder + "/p/" + path) }
    return folder
  }

  /// Shell lines that wait until the stage started (`trace.txt` written).
  static let untilStarted = "n=0; while [ ! -s trace.txt ] && [ $n -lt 200 ]; do sleep 0.1; n=$((n+1)); done"

  static var pipeshell: String { TranscriptRunner.builtBinary() }

  static func text(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  @Test func aPipeshellRunRefusesTheStageADVCReproIsRunning() throws {
    let folder = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    let root = folder + "/p"
    let script = """
      '\(Self.dvc)' repro > dvc.out 2>&1 & echo "dvc=$!" > pids
      \(Self.untilStarted)
      '\(Self.pipeshell)' -c 'run --jobs 1' dvc.yaml > ps.out 2>&1; echo "ps=$?" >> pids
      touch go; wait
      """
    let result = DVCTool.shell(script, in: root)
    try #require(result.status.succeeded, "\(result.stderr)")
    let pids = Self.text(root + "/pids")
    let dvcPid = try #require(pids.split(separator: "\n").first?.dropFirst(4))
    #expect(pids.contains("ps=1"), "\(pids)\(Self.text(root + "/ps.out"))")
    let expected = """
      '\(root)/s.txt' is busy, it is being blocked by:
        (PID \(dvcPid)): \(Self.dvc) repro

      If there are no processes with such PIDs, you can manually remove '\(root)/.dvc/tmp/rwlock' and try again.
      """
    #expect(Self.text(root + "/ps.out").contains(expected), "\(Self.text(root + "/ps.out"))")
    #expect(Self.text(root + "/trace.txt") == "start\nend\n", "the stage ran once")
    #expect(DVCTool.shell("'\(Self.dvc)' status", in: root).stdout.contains("Data and pipelines are up to date"))
  }

  @Test func aDVCReproRefusesTheStageAPipeshellRunIsRunning() throws {
    let folder = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    let root = folder + "/p"
    let script = """
      '\(Self.pipeshell)' -c 'run --jobs 1' dvc.yaml > ps.out 2>&1 & echo "ps=$!" > pids
      \(Self.untilStarted)
      '\(Self.dvc)' repro > dvc.out 2>&1; echo "dvc=$?" >> pids
      touch go; wait
      """
    let result = DVCTool.shell(script, in: root)
    try #require(result.status.succeeded, "\(result.stderr)")
    let pids = Self.text(root + "/pids")
    let ours = try #require(pids.split(separator: "\n").first?.dropFirst(3))
    #expect(pids.contains("dvc=255"), "\(pids)\(Self.text(root + "/dvc.out"))")
    let expected = """
      ERROR: failed to reproduce 'slow': '\(root)/s.txt' is busy, it is being blocked by:
        (PID \(ours)): \(Self.pipeshell) -c run --jobs 1 dvc.yaml
      """
    #expect(Self.text(root + "/dvc.out").contains(expected), "\(Self.text(root + "/dvc.out"))")
    #expect(Self.text(root + "/trace.txt") == "start\nend\n", "the stage ran once")
    #expect(Self.text(root + "/ps.out").contains("(1 ran, 0 reused)"), "\(Self.text(root + "/ps.out"))")
    #expect(DVCTool.shell("'\(Self.dvc)' status", in: root).stdout.contains("Data and pipelines are up to date"))
  }

  /// What `.dvc/tmp` holds after a run: each file's name and, but for the lock files' pids, text.
  static func temporaryFolder(_ root: String) -> String {
    DVCTool.shell(
      "cd .dvc/tmp && for f in $(ls | LC_ALL=C sort); do echo \"== $f\"; case $f in lock|rwlock.lock) ;; *) cat $f;; esac; done",
      in: root
    ).stdout
  }

  @Test func afterARunDVCsTemporaryFolderHoldsWhatDVCLeaves() throws {
    let folder = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    let ours = folder + "/p", theirs = folder + "/q"
    _ = DVCTool.shell("cp -R p q && touch p/go q/go", in: folder)
    let run = DVCTool.shell("'\(Self.pipeshell)' -c 'run --jobs 1' dvc.yaml", in: ours)
    try #require(run.status.succeeded, "\(run.stdout)\(run.stderr)")
    let repro = DVCTool.shell("'\(Self.dvc)' repro -q", in: theirs)
    try #require(repro.status.succeeded, "\(repro.stderr)")
    #expect(Self.temporaryFolder(ours) == Self.temporaryFolder(theirs))
    #expect(Self.temporaryFolder(ours).contains("== rwlock\n{}== rwlock.lock"), "\(Self.temporaryFolder(ours))")
    #expect(Self.text(ours + "/.dvc/tmp/lock").hasPrefix(" "))
  }

  @Test func anInterruptedRunGivesItsLocksBack() throws {
    let folder = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    let root = folder + "/p"
    let script = """
      '\(Self.pipeshell)' -c 'run --jobs 1' dvc.yaml > ps.out 2>&1 & P=$!
      \(Self.untilStarted)
      cp .dvc/tmp/rwlock rwlock-during
      kill -TERM $P; wait $P; echo "ps=$?" > status
      touch go; sleep 0.5
      '\(Self.dvc)' repro > dvc.out 2>&1; echo "dvc=$?" >> status
      """
    let result = DVCTool.shell(script, in: root)
    try #require(result.status.succeeded, "\(result.stderr)")
    #expect(Self.text(root + "/rwlock-during").contains(#"s.txt": {"pid": "#), "\(Self.text(root + "/rwlock-during"))")
    #expect(Self.text(root + "/status") == "ps=143\ndvc=0\n", "\(Self.text(root + "/dvc.out"))")
    #expect(!Self.text(root + "/dvc.out").contains("had been killed"), "nothing was left for DVC to drop")
    #expect(Self.text(root + "/.dvc/tmp/rwlock") == "{}")
  }

  @Test func theEntriesOfAKilledRunDoNotBlockTheNext() throws {
    let folder = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    let root = folder + "/p"
    let script = """
      '\(Self.pipeshell)' -c 'run --jobs 1' dvc.yaml > ps.out 2>&1 & P=$!
      \(Self.untilStarted)
      kill -KILL $P; wait $P; echo "ps=$P" > status
      touch go; sleep 0.5
      '\(Self.dvc)' repro > dvc.out 2>&1; echo "dvc=$?" >> status
      """
    let result = DVCTool.shell(script, in: root)
    try #require(result.status.succeeded, "\(result.stderr)")
    let status = Self.text(root + "/status")
    let ours = try #require(status.split(separator: "\n").first?.dropFirst(3))
    #expect(status.hasSuffix("dvc=0\n"), "\(Self.text(root + "/dvc.out"))")
    #expect(
      Self.text(root + "/dvc.out").contains(
        "WARNING: Process '\(Self.pipeshell) -c run --jobs 1 dvc.yaml' with (Pid \(ours)), in RWLock-file 's.txt' "
          + "had been killed. Auto removed it from the lock file."), "\(Self.text(root + "/dvc.out"))")
  }
}
