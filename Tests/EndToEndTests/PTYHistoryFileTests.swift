import Glibc
import PipelineTestSupport
import Testing

/// The history file behind the PTY shell: shared by shells running side by side, private
/// to the user, chosen with `--history`, and left alone (with one warning) when unusable.
@Suite("PTY history file")
struct PTYHistoryFileTests {
  @Test func shellsRunningSideBySideKeepEachOthersEntries() throws {
    let workspace = try PTYFixtures.workspace()
    let first = try workspace.startShell()
    let second = try workspace.startShell()
    try first.run("get epochs", expecting: "\n10\n")
    try second.run("get model", expecting: "\nlinear\n")
    try first.run("get lr", expecting: "\n0.01\n")
    let history = try #require(workspace.contents(of: workspace.historyFile))
    #expect(history == "_HiStOrY_V2_\nget\\040epochs\nget\\040model\nget\\040lr\n")
  }

  @Test func theFileIsPrivateToTheUser() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.startShell()
    try shell.run("get epochs", expecting: "\n10\n")
    var info = stat()
    #expect(stat(workspace.historyFile, &info) == 0)
    #expect(info.st_mode & 0o777 == 0o600)
  }

  @Test func historyOptionChoosesTheFile() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.start(["--history", "my-history", "pipeline.yaml"])
    try shell.awaitPrompt(after: 0)
    try shell.run("get model", expecting: "\nlinear\n")
    #expect(workspace.contents(of: "my-history") == "_HiStOrY_V2_\nget\\040model\n")
    #expect(workspace.contents(of: workspace.historyFile) == nil)
  }

  @Test func aCorruptFileGivesOneWarningAndIsLeftAlone() throws {
    let garbage = "not a history file\n"
    let workspace = try PTYSession.Workspace(files: [
      "pipeline.yaml": PTYFixtures.pipeline, "state/pipeshell/history": garbage,
    ])
    let shell = try workspace.startShell()
    try shell.run("get model", expecting: "\nlinear\n")
    try shell.run("history", expecting: "1  get model")
    try shell.send("\u{4}")
    #expect(try shell.waitForExit() == 0)
    let screen = shell.screen()
    #expect(screen.split(separator: "\n").filter { $0.hasPrefix("warning:") }.count == 1)
    #expect(screen.contains("is not a pipeshell history file"))
    #expect(workspace.contents(of: workspace.historyFile) == garbage)
  }

  @Test func nonASCIIInputSurvivesEditingAndHistory() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.startShell()
    try shell.run("help héllo", expecting: "unknown command 'héllo'")
    let history = try #require(workspace.contents(of: workspace.historyFile))
    #expect(history.contains("help\\040héllo"))
  }
}
