import Dispatch
import Glibc
import PipelineCore

/// Forwards Ctrl-C to running steps while the shell waits for them. At a terminal the step
/// is the foreground group and gets SIGINT itself; when the shell's input is a pipe (or
/// someone sends SIGINT to the shell), this interrupts every step's process group instead.
enum InterruptWatch {
  /// Runs `body` with a watcher thread that turns a SIGINT into `launcher.interruptAll()`.
  static func during<T>(_ launcher: any ProcessLauncher, _ body: () -> T) -> T {
    during({ launcher.interruptAll() }, body)
  }

  /// Runs `body` with a watcher thread that calls `interrupt` on each SIGINT.
  static func during<T>(_ interrupt: @escaping @Sendable () -> Void, _ body: () -> T) -> T {
    InterruptSignal.install()
    InterruptSignal.reset()
    // The watcher looks every 20 ms, and wakes at once when `body` ends: a plain sleep made
    // every run (and every debugger `step`) wait up to 20 ms more for the watcher to finish.
    let done = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      var seen = 0
      repeat {
        let now = InterruptSignal.count
        if now != seen {
          seen = now
          interrupt()
        }
      } while done.wait(timeout: .now() + .milliseconds(20)) == .timedOut
      finished.signal()
    }
    let result = body()
    done.signal()
    finished.wait()
    return result
  }
}
