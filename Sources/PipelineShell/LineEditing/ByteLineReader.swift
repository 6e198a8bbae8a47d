import Glibc

/// Reads lines from a file descriptor one byte at a time, so nothing is read ahead: a step
/// that reads standard input gets the rest of a piped script, as under `sh`.
package final class ByteLineReader: LineReader {
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var chunk = [UInt8](repeating: 0, count: 1)
  package private(set) var history: [String] = []

  package init(descriptor: Int32 = 0) { self.descriptor = descriptor }

  package func readLine(prompt: String) -> LineInput {
    buffer.removeAll(keepingCapacity: true)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 1) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 {
        return buffer.isEmpty ? .end : .line(String(decoding: buffer, as: UTF8.self))
      }
      if chunk[0] == UInt8(ascii: "\n") { return .line(String(decoding: buffer, as: UTF8.self)) }
      buffer.append(chunk[0])
    }
  }

  package func addHistory(_ line: String) { history.append(line) }
}

/// Reads lines from text held in memory (scripts from `-f`, `source` and `-c`).
package final class TextLineReader: LineReader {
  private var lines: ArraySlice<Substring>
  package private(set) var history: [String] = []

  package init(_ text: String) {
    // Split on the scalar: `\r\n` is one Character, so splitting by Character would leave a
    // file with CRLF line ends in one piece.
    var all = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Substring.init)
    if all.last == "" { all.removeLast() }
    lines = all[...]
  }

  package func readLine(prompt: String) -> LineInput {
    guard let line = lines.popFirst() else { return .end }
    return .line(line.hasSuffix("\r") ? String(line.dropLast()) : String(line))
  }

  package func addHistory(_ line: String) { history.append(line) }
}
