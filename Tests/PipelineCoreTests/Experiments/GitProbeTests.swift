import Testing

@testable import PipelineCore

/// Which code a run used, read from git through the process launcher.
@Suite struct GitProbeTests {
  static let hasGit = LauncherFixtures.run("command -v git").outcome == .exited(0)

  /// Runs a shell command in `folder`, expecting success.
  static func shell(_ command: String, in folder: String) {
    let environment = ["PATH": "/usr/bin:/bin", "HOME": folder, "GIT_CONFIG_NOSYSTEM": "1"]
    let (outcome, output) = LauncherFixtures.run(command, environment: environment, in: folder)
    #expect(outcome == .exited(0), "\(command): \(output.text(.stderr))")
  }

  @Test(.enabled(if: hasGit, "git is not installed"))
  func aRunRecordsTheCommitAndTheTrackedFilesThatDiffered() throws {
    let project = try ProjectFixture(
      """
      name: p
      steps:
        s: "sh train.sh"
      """, files: ["train.sh": "echo one\n", "notes.txt": "n\n"])
    let folder = project.folder.path
    Self.shell(
      "git init -q && git config user.email t@example.com && git config user.name t && echo .pipeshell/ > .gitignore"
        + " && git add -A && git commit -qm one", in: folder)
    let (clean, _) = try project.run()
    let commit = try #require(clean.code?.commit)
    #expect(commit.count == 40)
    #expect(clean.code?.isDirty == false)
    try project.folder.write(Array("echo two\n".utf8), to: "train.sh")
    try project.folder.write(Array("untracked\n".utf8), to: "new.txt")
    let (dirty, _) = try project.run()
    let code = try #require(dirty.code)
    #expect(code.commit == commit)
    #expect(code.changedFiles.map(\.path) == ["train.sh"], "untracked files are not the code")
    #expect(code.changedFiles.first?.state == " M")
    #expect(!code.isSameCode(as: try #require(clean.code)))
    let (again, _) = try project.run()
    #expect(try #require(again.code).isSameCode(as: code), "the same edit is the same code")
  }

  @Test func outsideAWorkTreeNothingIsRecorded() throws {
    let project = try ProjectFixture("name: p\nsteps:\n  s: \"true\"\n")
    #expect(GitProbe(launcher: project.launcher, environment: ProjectFixture.environment).version(of: "/") == nil)
  }

  @Test func statusOutputIsRead() {
    let output = "/repo\nabc123\n M a.txt\0R  new.txt\0old.txt\0D  gone.txt\0"
    let code = GitProbe.parse(output)
    #expect(code?.commit == "abc123")
    #expect(code?.changedFiles.map(\.path) == ["a.txt", "gone.txt", "new.txt"])
    #expect(code?.changedFiles.first { $0.path == "gone.txt" }?.contentHash == "missing")
    #expect(GitProbe.parse("/repo\n\n")?.commit == nil, "a repository without commits")
    #expect(GitProbe.parse("") == nil)
  }
}
