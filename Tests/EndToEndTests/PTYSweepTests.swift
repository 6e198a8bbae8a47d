import FoundationEssentials
import PipelineTestSupport
import Testing

/// A parallel sweep at a terminal: a live line per running point, redrawn in place; plain
/// lines where the terminal cannot move the cursor (`TERM=dumb`).
@Suite("PTY sweep")
struct PTYSweepTests {
  static let pipeline = """
    name: sw
    params:
      x: {type: int, default: 0}
    steps:
      work: {run: "sleep 1; echo ${x} > out.txt", outputs: [out.txt]}
    """

  @Test func runningPointsHaveLiveLinesRedrawnInPlace() throws {
    let workspace = try PTYSession.Workspace(files: ["sw.yaml": Self.pipeline])
    let shell = try workspace.start(["sw.yaml"], environment: ["TERM": "xterm"])
    try shell.expect("sw> ")
    try shell.waitUntilEditing()
    let start = shell.mark()
    try shell.send("sweep x=1,2,3 --jobs 2\r")
    // While two points run, each has a line naming its run and the step it is on.
    try shell.waitUntil("live lines for two points", after: start) { screen in
      screen.contains("[1/3] x=1  run 1  ▶ work") && screen.contains("[2/3] x=2  run 2  ▶ work")
    }
    try shell.expect("RUN  x  STATUS", after: start)
    try shell.expect("sw> ", after: start)
    let screen = shell.screen(after: start)
    // The screen text has the cursor motions taken out: a line redrawn in place shows again.
    #expect(screen.components(separatedBy: "[1/3] x=1  run 1  ▶ work").count > 2, "the block is redrawn")
    #expect(screen.contains("[3/3] x=3  run 3 ok in"), "each point's end is a line of its own")
  }

  @Test func aDumbTerminalGetsPlainLines() throws {
    let workspace = try PTYSession.Workspace(files: ["sw.yaml": Self.pipeline])
    let shell = try workspace.start(["sw.yaml"])
    try shell.expect("sw> ")
    try shell.waitUntilEditing()
    let start = shell.mark()
    try shell.send("sweep x=1,2 --jobs 2\r")
    try shell.expect("RUN  x  STATUS", after: start)
    let screen = shell.screen(after: start)
    #expect(screen.contains("[1/2] x=1  started: run 1"))
    #expect(!screen.contains("▶ work"), "no live lines")
  }
}
