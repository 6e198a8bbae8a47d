import PipelineCore
import Synchronization
import Testing

@testable import PipelineShell

/// What the console writes, and when: a step's start and end lines wait for the next write,
/// everything else is written at once.
@Suite struct RunConsoleTests {
  /// Keeps what was written since the last flush apart from what each flush wrote.
  final class FlushRecorder: OutputSink {
    private let state = Mutex<(pending: String, flushes: [String])>(("", []))
    func write(_ text: String) { state.withLock { $0.pending += text } }
    func writeError(_ text: String) {}
    func flush() {
      state.withLock { s in
        if !s.pending.isEmpty { s.flushes.append(s.pending) }
        s.pending = ""
      }
    }
    var flushes: [String] { state.withLock { $0.flushes } }
  }

  private func finished(_ step: String) -> RunEvent {
    var result = StepResult(step: step, state: .ok)
    result.startedAt = 1
    result.finishedAt = 1.5
    return .stepFinished(result)
  }

  @Test func aStepsEndAndTheNextStartAreWrittenTogetherOnceItsProcessRuns() {
    let sink = FlushRecorder()
    let console = RunConsole(output: sink, style: .plain, jobs: 1)
    console.handle(.runStarted(runID: 1, steps: ["a", "b"]))
    console.handle(.stepStarted(step: "a", attempt: 1, command: "true"))
    #expect(sink.flushes.isEmpty)
    console.handle(.stepProcessStarted(step: "a"))
    #expect(sink.flushes == ["▶ a  true\n"])
    console.handle(.output(step: "a", stream: .stdout, bytes: Array("hi\n".utf8)))
    #expect(sink.flushes.last == "hi\n")  // output is never held
    console.handle(finished("a"))
    console.handle(.stepStarted(step: "b", attempt: 1, command: "echo b"))
    #expect(sink.flushes.count == 2)
    console.handle(.stepProcessStarted(step: "b"))
    #expect(sink.flushes.last == "  a  ok  0.5 s\n▶ b  echo b\n")
  }

  @Test func heldLinesAreWrittenWhenTheRunWaitsAndSkipsAreWrittenAtOnce() {
    let sink = FlushRecorder()
    let console = RunConsole(output: sink, style: .plain, jobs: 1)
    console.handle(finished("a"))
    console.runIsWaiting()
    #expect(sink.flushes == ["  a  ok  0.5 s\n"])
    console.handle(.stepSkipped(step: "b", reason: "when: false"))
    #expect(sink.flushes.last == "  b  skipped  when: false\n")
  }
}
