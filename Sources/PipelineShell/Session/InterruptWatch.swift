import Dispatch
import Glibc
import PipelineCore

/// Forwards Ctrl-C, SIGTERM and SIGHUP to running steps while the shell waits for them. Steps
/// lead sessions of their own (no controlling terminal), so Ctrl-C at the terminal reaches only
/// the shell; this then interrupts every step's process group (or cancels its job).
enum InterruptWatch {
  /// Runs `body` with a watcher thread that turns a SIGINT into `launcher.interruptAll()`.
  static func during<T>(_ launcher: any ProcessLauncher, _ body: () -> T) -> T {
    during({ launcher.interruptAll() }, body)
  }

  /// Runs `body` with a watcher thread that calls `interrupt` on each SIGINT, and once on a
  /// SIGTERM or SIGHUP (after which the shell ends, see `ShellApp.endIfTerminated`).
  static func during<T>(_ interrupt: @escaping @Sendable () -> Void, _ body: () -> T) -> T {
    InterruptSignal.install()
    InterruptSignal.reset()
    TerminationSignal.install()
    defer { TerminationSignal.uninstall() }
    // The watcher looks every 20 ms, and wakes at once when `body` ends: a plain sleep made
    // every run (and every debugger `step`) wait up to 20 ms more for the watcher to finish.
    let done = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      var seen = 0
      var terminated = false
      repeat {
        let now = InterruptSignal.count
        if now != seen || (!terminated && TerminationSignal.received != nil) {
          seen = now
          terminated = TerminationSignal.received != nil
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
