import Glibc
import PipelineCore
import PipelineShell
import Synchronization

/// A launcher that must never be called: the command target runs only commands without
/// side effects, and a process started anyway is a finding (for example a saved script that
/// runs more than was saved).
package struct ForbiddenLauncher: ProcessLauncher {
  package init() {}

  package func run(
    _ request: ProcessRequest, started: (Int32) -> Void, output: @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome {
    fuzzRequire(false, "a command started a process: \(fuzzShow(request.command))")
    return .failedToStart("fuzzing")
  }

  package func interruptAll() {}
}

/// Keeps what the shell writes, to check it afterwards.
package final class CollectingOutput: OutputSink {
  private let text = Mutex("")

  package init() {}

  package func write(_ text: String) { self.text.withLock { $0 += text } }
  package func writeError(_ text: String) { self.text.withLock { $0 += text } }
  package func flush() {}

  /// Everything written so far, standard output and standard error together.
  package var written: String { text.withLock { $0 } }
}
