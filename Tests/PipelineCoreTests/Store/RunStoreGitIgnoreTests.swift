import Testing

@testable import PipelineCore

/// The run store keeps itself out of `git status` with a `.gitignore` of its own.
@Suite struct RunStoreGitIgnoreTests {
  @Test func aNewStoreIgnoresEverythingInItsFolder() throws {
    let folder = TemporaryFolder()
    _ = try RunStore(folder: folder.file(".pipeshell"))
    let text = try #require(folder.read(folder.file(".pipeshell/.gitignore")))
    #expect(String(decoding: text, as: UTF8.self) == RunStore.gitIgnoreText)
  }

  @Test func aGitIgnoreTheUserChangedIsKept() throws {
    let folder = TemporaryFolder()
    _ = try RunStore(folder: folder.file(".pipeshell"))
    _ = try folder.write(Array("logs/\n".utf8), to: ".pipeshell/.gitignore")
    _ = try RunStore(folder: folder.file(".pipeshell"))
    #expect(folder.read(folder.file(".pipeshell/.gitignore")) == Array("logs/\n".utf8))
  }

  /// git itself agrees: after a run's store is made, the project's status lists no store file.
  @Test(.enabled(if: GitProbeTests.hasGit, "git is not installed"))
  func gitStatusDoesNotListTheStore() throws {
    let folder = TemporaryFolder()
    GitProbeTests.shell("git init -q && touch pipeline.yaml", in: folder.path)
    _ = try RunStore(folder: folder.file(".pipeshell"))
    let (outcome, output) = LauncherFixtures.run(
      "git status --porcelain --untracked-files=all", environment: ["PATH": "/usr/bin:/bin", "HOME": folder.path],
      in: folder.path)
    #expect(outcome == .exited(0))
    #expect(output.text(.stdout) == "?? pipeline.yaml\n")
  }
}
