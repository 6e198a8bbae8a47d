import FoundationEssentials
import PipelineCore
import PipelineTestSupport
import Testing

/// What a run leaves for git, side by side with `dvc repro`: with `core.autostage` true the
/// files it changed (`dvc.lock`, `.gitignore`) are staged; without it, DVC's reminder of how.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCGitStagingAgainstDVCTests {
  static let project = [
    "dvc.yaml": """
    stages:
      make:
        cmd: echo one > one.txt && mkdir -p sub && echo s > sub/s.txt
        outs: [one.txt, sub/s.txt]

    """
  ]

  /// `git status` of each copy after DVC's and pipeshell's run, and pipeshell's output.
  static func statuses(autostage: Bool) throws -> (dvc: String, ours: String, output: String) {
    let folder = try TemporaryFolder.make(prefix: "dvc-git")
    defer { TemporaryFolder.remove(folder) }
    let root = folder + "/project"
    for (path, text) in project { try DVCProjects.write(text, to: root + "/" + path) }
    let dvc = DVCRecordFailureAgainstDVCTests.dvc
    let setup = DVCTool.shell(
      "git init -q && '\(dvc)' init -q && \(autostage ? "'\(dvc)' config core.autostage true" : "true") && git add -A"
        + " && git -c user.name=t -c user.email=t@t commit -qm init && cp -a . ../dvc && cp -a . ../ours", in: root)
    try #require(setup.status.succeeded, "\(setup.stderr)")
    let repro = DVCTool.shell("'\(dvc)' repro", in: folder + "/dvc")
    try #require(repro.status.succeeded, "\(repro.stderr)")
    let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: folder + "/ours")
    #expect(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
    let status = "git status --porcelain --untracked-files=all | grep -v -e '.dvc-site-cache/' | LC_ALL=C sort"
    return (
      DVCTool.shell(status, in: folder + "/dvc").stdout, DVCTool.shell(status, in: folder + "/ours").stdout,
      run.stdout + run.stderr
    )
  }

  @Test func withAutostageTheChangedFilesAreStagedAsDVCStagesThem() throws {
    let (dvc, ours, output) = try Self.statuses(autostage: true)
    #expect(dvc.contains("A  dvc.lock") && dvc.contains("A  sub/.gitignore"), "\(dvc)")
    #expect(ours == dvc, "\(output)")
  }

  @Test func withoutItDVCsReminderIsShown() throws {
    let (dvc, ours, output) = try Self.statuses(autostage: false)
    #expect(dvc.contains("?? dvc.lock"), "\(dvc)")
    #expect(ours == dvc, "\(output)")
    #expect(
      output.contains("To track the changes with git, run:\n\n\tgit add .gitignore dvc.lock sub/.gitignore"),
      "\(output)")
    #expect(output.contains("dvc config core.autostage true"), "\(output)")
  }
}
