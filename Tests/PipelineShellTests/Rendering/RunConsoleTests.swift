import PipelineCore
import Synchronization
import Testing

@testable import PipelineShell

/// What the console writes, and when: a step's start and end lines wait for the next write,
/// everything else is written at once.
@Suite struct RunConsoleTests {
  /// Keeps what was written since the last flush apart from what each flush wrote.
  final class FlushRecorder: OutputSink {
    private let state = Mutex<(pending: String, flushes: [String], errors: String)>(("", [], ""))
    func write(_ text: String) { state.withLock { $0.pending += text } }
    func writeError(_ text: String) { state.withLock { $0.errors += text } }
    var errors: String { state.withLock { $0.errors } }
    func flush() {
      state.withLock { s in
        if !s.pending.isEmpty { s.flushes.append(s.pending) }
        s.pending = ""
      }
    }
    var flushes: [String] { state.withLock { $0.flushes } }
  }

  private func finished(_ step: String) -> RunEvent {
    .stepFinished(StepRecord(name: step, state: .ok, startedAt: 1, finishedAt: 1.5))
  }

  private func started(_ step: String, _ command: String) -> RunEvent {
    .stepStarted(StepRecord(name: step, state: .running, command: command), attempt: 1)
  }

  private func placed(_ step: String) -> RunEvent { .stepPlaced(step: step, StepPlacement(executor: "local")) }

  @Test func aStepsEndAndTheNextStartAreWrittenTogetherOnceItsProcessRuns() {
    let sink = FlushRecorder()
    let console = RunConsole(output: sink, style: .plain, jobs: 1)
    console.handle(.runStarted(runID: 1, steps: ["a", "b"]))
    console.handle(started("a", "true"))
    #expect(sink.flushes.isEmpty)
    console.handle(placed("a"))
    #expect(sink.flushes == ["▶ a  true\n"])
    console.handle(.output(step: "a", stream: .stdout, bytes: Array("hi\n".utf8)))
    #expect(sink.flushes.last == "hi\n")  // output is never held
    console.handle(finished("a"))
    console.handle(started("b", "echo b"))
    #expect(sink.flushes.count == 2)
    console.handle(placed("b"))
    #expect(sink.flushes.last == "  a  ok  0.5 s\n▶ b  echo b\n")
  }

  /// A value that brought an escape sequence into a command cannot clear the screen when the
  /// step starts: the start line shows it as `plan` does.
  @Test func aStartLineShowsControlCharactersOfTheCommand() {
    let sink = FlushRecorder()
    let console = RunConsole(output: sink, style: .plain, jobs: 1)
    console.handle(.runStarted(runID: 1, steps: ["a"]))
    console.handle(started("a", "echo a\u{1B}[2Jb\u{7}"))
    console.handle(placed("a"))
    #expect(sink.flushes == ["▶ a  echo a^[[2Jb^G\n"])
  }

  @Test func heldLinesAreWrittenWhenTheRunWaitsAndSkipsAreWrittenAtOnce() {
    let sink = FlushRecorder()
    let console = RunConsole(output: sink, style: .plain, jobs: 1)
    console.handle(finished("a"))
    console.runIsWaiting()
    #expect(sink.flushes == ["  a  ok  0.5 s\n"])
    console.handle(.stepSkipped(StepRecord(name: "b", state: .skipped, reason: "when: false")))
    #expect(sink.flushes.last == "  b  skipped  when: false\n")
  }

  @Test(arguments: [1, 2])
  func aStepsStandardErrorGoesToStandardError(jobs: Int) {
    let sink = FlushRecorder()
    let console = RunConsole(output: sink, style: .plain, jobs: jobs)
    console.handle(.runStarted(runID: 1, steps: ["a", "b"]))
    console.handle(started("a", "x"))
    if jobs > 1 { console.handle(started("b", "y")) }
    console.handle(.output(step: "a", stream: .stderr, bytes: Array("oops\n".utf8)))
    console.handle(.output(step: "a", stream: .stdout, bytes: Array("fine\n".utf8)))
    console.runIsWaiting()
    #expect(sink.errors == (jobs > 1 ? "a | oops\n" : "oops\n"))
    #expect(!sink.flushes.joined().contains("oops"))
    #expect(sink.flushes.joined().contains("fine"))
  }
}
