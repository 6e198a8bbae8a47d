import Dispatch
import Glibc
import Synchronization

/// Appends each step's masked output to its log file on a queue of its own, so writing the log
/// (page-cache work that costs about as much as reading the step's pipe) overlaps with reading
/// and masking the next chunk instead of following it. At most `maximumWaiting` chunks wait
/// to be written, so memory stays flat however fast a step prints; `close` waits for the
/// step's writes, so a finished step's log is whole.
final class StepLogWriter: Sendable {
  /// An open log; closed when the last reference goes.
  private final class Log: Sendable {
    let file: OpenFile
    init(_ file: consuming OpenFile) { self.file = file }
  }

  private let queue = DispatchQueue(label: "pipeshell.step-logs")
  private let slots = DispatchSemaphore(value: maximumWaiting)
  /// Open logs by step; nil for a log that could not be opened or written. Used on `queue`.
  private let logs = Mutex<[String: Log?]>([:])
  private let failures = Mutex<[String]>([])
  private let path: @Sendable (String) -> String

  static let maximumWaiting = 8

  /// Writes the log of step `s` to `path(s)`.
  init(path: @escaping @Sendable (String) -> String) {
    self.path = path
  }

  /// Logs that could not be opened or written, each once.
  var problems: [String] { failures.withLock { $0 } }

  /// Queues `bytes` for the end of `step`'s log; waits while `maximumWaiting` chunks are queued.
  func append(_ step: String, _ bytes: [UInt8]) {
    slots.wait()
    queue.async { [self] in
      defer { slots.signal() }
      write(bytes, to: step)
    }
  }

  /// Closes `step`'s log once everything queued for it is written.
  func close(_ step: String) {
    queue.sync { _ = logs.withLock { $0.removeValue(forKey: step) } }
  }

  /// Closes every log once everything queued is written.
  func closeAll() {
    queue.sync { logs.withLock { $0.removeAll() } }
  }

  private func write(_ bytes: [UInt8], to step: String) {
    do throws(FileError) {
      guard let log = try log(for: step) else { return }
      try log.file.write(bytes)
    } catch {
      failures.withLock { $0.append("\(error)") }
      logs.withLock { $0[step] = .some(nil) }  // stop writing that log; the run goes on
    }
  }

  /// The step's open log, opened (for appending, 0600) on first use; nil after a failure.
  private func log(for step: String) throws(FileError) -> Log? {
    if let known = logs.withLock({ $0[step] }) { return known }
    let log = Log(try OpenFile(path(step), flags: O_WRONLY | O_CREAT | O_APPEND, mode: 0o600))
    logs.withLock { $0[step] = log }
    return log
  }
}
