import Dispatch
import Glibc
import Synchronization

/// Appends each step's masked output to its log file on a queue of its own, so writing the log
/// (page-cache work that costs about as much as reading the step's pipe) overlaps with reading
/// and masking the next chunk instead of following it. At most `maximumWaiting` chunks wait
/// to be written, so memory stays flat however fast a step prints; `close` waits for the
/// step's writes, so a finished step's log is whole.
final class StepLogWriter: Sendable {
  private let queue = DispatchQueue(label: "pipeshell.step-logs")
  private let slots = DispatchSemaphore(value: maximumWaiting)
  /// Open logs by step; -1 for a log that could not be opened. Used on `queue` only.
  private let files = Mutex<[String: Int32]>([:])
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
    queue.sync {
      if let fd = files.withLock({ $0.removeValue(forKey: step) }), fd >= 0 { Glibc.close(fd) }
    }
  }

  /// Closes every log once everything queued is written.
  func closeAll() {
    queue.sync {
      for fd in files.withLock({ open in
        defer { open.removeAll() }; return Array(open.values)
      }) where fd >= 0 {
        Glibc.close(fd)
      }
    }
  }

  private func write(_ bytes: [UInt8], to step: String) {
    let fd = file(for: step)
    guard fd >= 0 else { return }
    let written = bytes.withUnsafeBytes { raw -> Bool in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0, errno == EINTR { continue }
        guard n > 0 else { return false }
        offset += n
      }
      return true
    }
    if !written { fail(step, fd: fd, "cannot write", code: errno) }
  }

  /// The step's open log, opened (for appending) on first use.
  private func file(for step: String) -> Int32 {
    if let fd = files.withLock({ $0[step] }) { return fd }
    let fd = open(path(step), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    if fd < 0 { fail(step, fd: fd, "cannot open", code: errno) } else { files.withLock { $0[step] = fd } }
    return fd
  }

  /// Records the failure and stops writing that log (the run goes on).
  private func fail(_ step: String, fd: Int32, _ what: String, code: Int32) {
    let reason = String(cString: strerror(code))
    failures.withLock { $0.append("\(what) the log \(path(step)): \(reason)") }
    if fd >= 0 { Glibc.close(fd) }
    files.withLock { $0[step] = -1 }
  }
}
