import Glibc
import Synchronization

/// Writes to the process's standard output and error through a buffer that is flushed after
/// each command and before anything goes to standard error, so the two stay in order.
package final class StandardOutput: OutputSink {
  private let buffer = Mutex<[UInt8]>([])
  private static let flushThreshold = 64 << 10

  package init() {}

  package func write(_ text: String) {
    append(text.utf8)
  }

  /// Each line and its line break go into the buffer as bytes (a `plan` of thousands of
  /// steps), without making a string of each line and its break first.
  package func lines(_ texts: [String]) {
    for text in texts {
      let full = buffer.withLock { b -> Bool in
        b.append(contentsOf: text.utf8)
        b.append(UInt8(ascii: "\n"))
        return b.count >= Self.flushThreshold
      }
      if full { flush() }
    }
  }

  package func write(bytes: [UInt8]) {
    guard bytes.count < Self.flushThreshold else {  // a step's big chunk: no copy through the buffer
      flush()
      Self.writeAll(1, bytes)
      return
    }
    append(bytes)
  }

  private func append(_ bytes: some Sequence<UInt8>) {
    let full = buffer.withLock { b -> Bool in
      b.append(contentsOf: bytes)
      return b.count >= Self.flushThreshold
    }
    if full { flush() }
  }

  package func writeError(_ text: String) {
    writeError(bytes: Array(text.utf8))
  }

  package func writeError(bytes: [UInt8]) {
    flush()
    Self.writeAll(2, bytes)
  }

  /// Writes what is buffered to standard output.
  package func flush() {
    let bytes = buffer.withLock { b -> [UInt8] in
      defer { b.removeAll(keepingCapacity: true) }
      return b
    }
    if !bytes.isEmpty { Self.writeAll(1, bytes) }
  }

  private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += n
      }
    }
  }
}
