import PipelineTestSupport
import Testing

/// The interactive shell driven through a pseudo-terminal: completion, history, Ctrl-C,
/// Ctrl-D and the hidden secret prompt, as a person at a terminal would meet them.
@Suite("PTY")
struct PTYTests {
  @Test func completesACommandName() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.startShell()
    let start = shell.mark()
    try shell.send("expl\t")
    try shell.expect("explain ", after: start)
    try shell.run("epochs", expecting: "epochs = 10")
  }

  @Test func completesAParameterName() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.startShell()
    let start = shell.mark()
    try shell.send("explain ep\t")
    try shell.expect("explain epochs ", after: start)
    try shell.run("", expecting: "epochs = 10")
  }

  @Test func listsAndCompletesChoiceValues() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.startShell()
    let start = shell.mark()
    try shell.send("set model \t\t")
    try shell.waitUntil("a list of linear, mlp and tree", after: start) { screen in
      screen.split(separator: "\n").contains { $0.contains("linear") && $0.contains("mlp") && $0.contains("tree") }
    }
    let listed = shell.mark()
    try shell.send("m\t")
    try shell.expect("set model mlp ", after: listed)
    let completed = shell.mark()
    try shell.send("\r")
    try shell.awaitPrompt(after: completed)
    try shell.run("get model", expecting: "\nmlp\n")
  }

  @Test func recallsHistoryFromAnEarlierSessionWithUpArrow() throws {
    let workspace = try PTYFixtures.workspace()
    do {
      let first = try workspace.startShell()
      try first.run("explain epochs", expecting: "epochs = 10")
      try first.send("\u{4}")
      #expect(try first.waitForExit() == 0)
    }
    let second = try workspace.startShell()
    let start = second.mark()
    try second.send("\u{1B}[A")
    try second.expect("explain epochs", after: start)
    try second.run("", expecting: "epochs = 10")
    #expect(workspace.contents(of: workspace.historyFile)?.hasPrefix("_HiStOrY_V2_\n") == true)
  }

  @Test func aSecretNeverReachesTheScreenOrTheHistory() throws {
    let workspace = try PTYFixtures.workspace()
    let secret = "hunter2-very-secret-value"
    let shell = try workspace.startShell()
    let start = shell.mark()
    try shell.send("secret api_key\r")
    try shell.expect("(input hidden)", after: start)
    try shell.waitUntilEchoOff()
    try shell.send(secret + "\r")
    try shell.awaitPrompt(after: start)
    try shell.run("get api_key", expecting: "****")
    try shell.run("history", expecting: "secret api_key")
    try shell.send("\u{4}")
    #expect(try shell.waitForExit() == 0)
    #expect(!shell.screen().contains(secret))
    let history = try #require(workspace.contents(of: workspace.historyFile))
    #expect(history.contains("secret\\040api_key"))
    #expect(!history.contains(secret))
  }

  @Test func ctrlCAtTheSecretPromptCancelsIt() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.startShell()
    let start = shell.mark()
    try shell.send("secret api_key\r")
    try shell.expect("(input hidden)", after: start)
    try shell.waitUntilEchoOff()
    try shell.send("abc\u{3}")
    try shell.expect("cancelled", after: start)
    try shell.awaitPrompt(after: start)
    try shell.run("help get", expecting: "usage: get NAME")
  }

  @Test func ctrlCAtThePromptClearsTheLineAndKeepsTheShell() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.startShell()
    let start = shell.mark()
    try shell.send("explain ep")
    try shell.expect("explain ep", after: start)
    try shell.send("\u{3}")
    try shell.expect("^C", after: start)
    try shell.awaitPrompt(after: start)
    try shell.run("help get", expecting: "usage: get NAME")
    try shell.run("history", expecting: "help get")
    #expect(!shell.screen(after: start).contains("  explain ep"))
  }

  @Test func ctrlDOnAnEmptyLineExitsWithStatusZero() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.startShell()
    try shell.send("\u{4}")
    #expect(try shell.waitForExit() == 0)
  }

  @Test func historyListsTheEnteredCommands() throws {
    let workspace = try PTYFixtures.workspace()
    let shell = try workspace.startShell()
    try shell.run("get epochs", expecting: "\n10\n")
    try shell.run("get model", expecting: "\nlinear\n")
    try shell.run("get model", expecting: "\nlinear\n")
    let start = shell.mark()
    try shell.run("history", expecting: "3  history")
    let listing = shell.screen(after: start)
    #expect(listing.contains("    1  get epochs\n    2  get model\n    3  history\n"))
  }

  /// At a terminal `get` shows a value's control characters instead of sending them: an
  /// escape sequence in a value does not clear the screen (piped, `get` prints it as it is).
  @Test func getShowsControlCharactersAtATerminal() throws {
    let pipeline = PTYFixtures.pipeline.replacing(
      "  user:", with: "  title:       {type: string, default: \"a\\e[2Jb\"}\n  user:")
    let workspace = try PTYSession.Workspace(files: ["pipeline.yaml": pipeline, "data/train.csv": "x,y\n1,2\n"])
    let shell = try workspace.startShell()
    try shell.run("get title", expecting: "a^[[2Jb")
  }
}
