import FoundationEssentials
import PipelineCore
import PipelineTestSupport
import Testing

/// Stages `dvc repro` fails because it cannot hash or record them, side by side with DVC: the
/// same project run by `dvc repro` in one copy and by pipeshell's `run` in another. Both fail
/// (non-zero exit), at the same moment (the command ran or not, outputs deleted or not), and
/// neither leaves `dvc.lock`, objects in DVC's cache or `.gitignore` entries behind.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCRecordFailureAgainstDVCTests {
  static var dvc: String { DVCTool.executable ?? "dvc" }

  /// What a copy looks like after the run: whether it failed, its files (but DVC's and
  /// pipeshell's own folders, with each file's text) and what DVC keeps (`dvc.lock`, its
  /// cache's objects, `.gitignore` files).
  struct Outcome: Equatable, CustomStringConvertible {
    var failed: Bool
    var files: String
    var bookkeeping: String

    var description: String { "failed: \(failed)\n\(files)\n\(bookkeeping)" }
  }

  static func outcome(_ failed: Bool, in root: String) -> Outcome {
    let files = DVCTool.shell(
      "find . -path ./.dvc -prune -o -path ./.git -prune -o -path ./.pipeshell -prune -o -path ./.dvc-site-cache -prune -o \\( -type f -o -type l \\) "
        + "-print | LC_ALL=C sort | while read f; do echo \"$f: $(cat \"$f\" 2>&1)\"; done",
      in: root
    ).stdout
    let bookkeeping = DVCTool.shell(
      "ls dvc.lock 2>&1; find .dvc/cache -type f -not -path '*/runs/*' 2>/dev/null | LC_ALL=C sort; "
        + "find . -name .gitignore -not -path './.dvc/*' -not -path './.pipeshell/*' | LC_ALL=C sort | xargs -r cat",
      in: root
    ).stdout
    return Outcome(failed: failed, files: files, bookkeeping: bookkeeping)
  }

  /// Writes the project, runs `setup` in it (`git` ready when `git` is true, else `no_scm`),
  /// then `dvc repro` in one copy and pipeshell in another; returns both outcomes and
  /// pipeshell's output.
  static func sideBySide(_ files: [String: String], setup: String = "", git: Bool = false) throws -> (
    dvc: Outcome, ours: Outcome, output: String
  ) {
    let folder = try TemporaryFolder.make(prefix: "dvc-record")
    defer { TemporaryFolder.remove(folder) }
    let project = folder + "/project"
    for (path, text) in files { try DVCProjects.write(text, to: project + "/" + path) }
    let start =
      git
      ? "git init -q && '\(dvc)' init -q && \(setup.isEmpty ? "true" : setup) && git add -A && "
        + "git -c user.name=t -c user.email=t@t commit -qm init"
      : "mkdir -p .dvc && printf '[core]\\n    no_scm = True\\n' > .dvc/config && \(setup.isEmpty ? "true" : setup)"
    let prepared = DVCTool.shell(start + " && cp -a . ../dvc && cp -a . ../ours", in: project)
    try #require(prepared.status.succeeded, "\(prepared.stderr)")
    let repro = DVCTool.shell("'\(dvc)' repro", in: folder + "/dvc")
    let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: folder + "/ours")
    return (
      outcome(!repro.status.succeeded, in: folder + "/dvc"), outcome(run.status != .exited(0), in: folder + "/ours"),
      run.stdout + run.stderr
    )
  }

  /// `dvc repro` hashes an output folder after the command ran and fails on a link to nothing;
  /// the folder's other files and the stage's other output are not put into DVC's cache.
  @Test func aDanglingLinkInAnOutputFolderFailsTheStageAfterItRan() throws {
    let (dvc, ours, output) = try Self.sideBySide([
      "dvc.yaml": """
      stages:
        a:
          cmd: echo one > one.txt && mkdir -p o && echo r > o/r.txt && ln -s nowhere o/dangling
          outs: [one.txt, o]

      """
    ])
    #expect(dvc.failed && dvc.files.contains("./o/r.txt: r"), "\(dvc)")
    #expect(ours == dvc, "\(output)")
    #expect(
      output.contains("dvc repro fails this stage after running it, recording nothing: cannot open '")
        && output.contains("/ours/o/dangling': No such file or directory"), "\(output)")
  }

  /// `dvc repro` refuses a `.dvcignore` inside a dependency folder when it first hashes the
  /// dependency, deciding whether the stage changed: before its command runs and before its
  /// outputs are deleted.
  @Test func aDvcignoreInADependencyFolderFailsTheStageBeforeItsOutputsAreDeleted() throws {
    let (dvc, ours, output) = try Self.sideBySide([
      "d/a": "a\n", "d/.dvcignore": "x\n", "l.txt": "kept\n",
      "dvc.yaml": """
      stages:
        a:
          cmd: ls d > l.txt && touch ran
          deps: [d]
          outs: [l.txt]

      """,
    ])
    #expect(dvc.failed && dvc.files.contains("./l.txt: kept") && !dvc.files.contains("./ran"), "\(dvc)")
    #expect(ours == dvc, "\(output)")
    #expect(
      output.contains("dvc repro fails this stage before running it: .dvcignore file should not be in collected dir")
        && output.contains("/ours/d'"), "\(output)")
  }

  /// A stage that always changes skips that first look: DVC deletes its outputs, then fails
  /// hashing its dependencies before the command runs.
  @Test func aDvcignoreInADependencyOfAStageThatAlwaysChangesFailsItAfterItsOutputsAreDeleted() throws {
    let (dvc, ours, output) = try Self.sideBySide([
      "d/a": "a\n", "d/.dvcignore": "x\n", "l.txt": "deleted\n",
      "dvc.yaml": """
      stages:
        a:
          cmd: ls d > l.txt && touch ran
          deps: [d]
          outs: [l.txt]
          always_changed: true

      """,
    ])
    #expect(dvc.failed && !dvc.files.contains("./l.txt") && !dvc.files.contains("./ran"), "\(dvc)")
    #expect(ours == dvc, "\(output)")
  }

  /// In a git project DVC refuses, after running the stage, an output git already tracks: no
  /// `dvc.lock`, no cache object, no `.gitignore` entry (the command's output stays).
  @Test func anOutputGitTracksFailsTheStageAfterItRan() throws {
    let (dvc, ours, output) = try Self.sideBySide(
      [
        "o.txt": "old\n",
        "dvc.yaml": """
        stages:
          a:
            cmd: echo new > o.txt && echo two > two.txt
            outs: [two.txt, o.txt]

        """,
      ], git: true)
    #expect(dvc.failed && dvc.files.contains("./o.txt: new"), "\(dvc)")
    #expect(ours == dvc, "\(output)")
    #expect(
      output.contains(
        "dvc repro fails this stage after running it: output 'o.txt' is already tracked by git, which DVC refuses"),
      "\(output)")
  }

  /// A failed `dvc repro` takes out of `.gitignore` the entries it added for the stages that
  /// ran before the failure (`SCMContext`); their `dvc.lock` entries and cache objects stay.
  @Test func aFailedRunTakesItsGitIgnoreEntriesOutAgain() throws {
    let (dvc, ours, output) = try Self.sideBySide(
      [
        ".gitignore": "/kept-by-the-user\n",
        "sub/.gitignore": "",
        "dvc.yaml": """
        stages:
          first:
            cmd: echo one > one.txt && mkdir -p sub && echo s > sub/s.txt
            outs: [one.txt, sub/s.txt]
          second:
            cmd: "false"
            deps: [one.txt]
            outs: [two.txt]

        """,
      ], git: true)
    #expect(dvc.failed && dvc.bookkeeping.contains("/kept-by-the-user"), "\(dvc)")
    #expect(!dvc.bookkeeping.contains("/one.txt"), "\(dvc)")
    #expect(ours == dvc, "\(output)")
  }
}
