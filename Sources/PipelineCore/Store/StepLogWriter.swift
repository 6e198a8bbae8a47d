import Dispatch
import Glibc
import Synchronization

/// Appends each step's masked output to its log file on a queue of its own, so writing the log
/// (page-cache work that costs about as much as reading the step's pipe) overlaps with reading
/// and masking the next chunk instead of following it. At most `maximumWaiting` chunks wait
/// to be written, so memory stays flat however fast a step prints; `close` waits for the
/// step's writes, so a finished step's log is whole. A log is cut at `limit` bytes (at the last
/// line break before it, when there is one in the chunk that crosses it) with a marker that
/// says so; what the step printed beyond it is counted, not kept.
final class StepLogWriter: Sendable {
  /// A log that was cut: the bytes kept and the bytes the step printed.
  struct Cut: Sendable, Hashable {
    var kept: Int
    var printed: Int
  }
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
  /// The most bytes a step's log keeps (nil: no limit).
  let limit: Int?
  /// Bytes written so far by step, and the logs cut.
  private let sizes = Mutex<(written: [String: Int], cuts: [String: Cut])>(([:], [:]))

  static let maximumWaiting = 8

  /// Writes the log of step `s` to `path(s)`, keeping at most `limit` bytes of each.
  init(limit: Int? = nil, path: @escaping @Sendable (String) -> String) {
    self.limit = limit
    self.path = path
  }

  /// The logs cut at the limit so far, by step.
  var cuts: [String: Cut] { sizes.withLock { $0.cuts } }

  /// The line written where a log is cut.
  static func marker(limit: Int) -> String {
    "\n[pipeshell: log cut here at \(ByteCount.text(limit)), the limit (--log-limit); the rest of this step's output was not kept]\n"
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
    let kept = keptPart(of: bytes, for: step)
    guard !kept.bytes.isEmpty || kept.marker != nil else { return }
    do throws(FileError) {
      guard let log = try log(for: step) else { return }
      if kept.bytes.count == bytes.count { try log.file.write(bytes) } else { try log.file.write(Array(kept.bytes)) }
      if let marker = kept.marker { try log.file.write(Array(marker.utf8)) }
    } catch {
      failures.withLock { $0.append("\(error)") }
      logs.withLock { $0[step] = .some(nil) }  // stop writing that log; the run goes on
    }
  }

  /// The part of `bytes` the step's log keeps, and the marker to write after it when the log
  /// reaches its limit with them.
  private func keptPart(of bytes: [UInt8], for step: String) -> (bytes: ArraySlice<UInt8>, marker: String?) {
    guard let limit else { return (bytes[...], nil) }
    return sizes.withLock { sizes in
      if var cut = sizes.cuts[step] {
        cut.printed += bytes.count
        sizes.cuts[step] = cut
        return ([], nil)
      }
      let written = sizes.written[step, default: 0]
      guard written + bytes.count > limit else {
        sizes.written[step] = written + bytes.count
        return (bytes[...], nil)
      }
      var end = max(0, limit - written)
      if let newline = bytes[..<end].lastIndex(of: 10) { end = newline + 1 }
      sizes.cuts[step] = Cut(kept: written + end, printed: written + bytes.count)
      return (bytes[..<end], Self.marker(limit: limit))
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
