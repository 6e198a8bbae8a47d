import Dispatch
import Glibc
import PipelineCore
import Synchronization

/// Forwards Ctrl-C to running steps while the shell waits for them. At a terminal the step
/// is the foreground group and gets SIGINT itself; when the shell's input is a pipe (or
/// someone sends SIGINT to the shell), this interrupts every step's process group instead.
enum InterruptWatch {
  /// Runs `body` with a watcher thread that turns a SIGINT into `launcher.interruptAll()`.
  static func during<T>(_ launcher: any ProcessLauncher, _ body: () -> T) -> T {
    InterruptSignal.install()
    InterruptSignal.reset()
    let done = Atomic<Bool>(false)
    let finished = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      var seen = 0
      while !done.load(ordering: .acquiring) {
        let now = InterruptSignal.count
        if now != seen {
          seen = now
          launcher.interruptAll()
        }
        usleep(20_000)
      }
      finished.signal()
    }
    let result = body()
    done.store(true, ordering: .releasing)
    finished.wait()
    return result
  }
}
