/// Where the shell writes: standard output for results, standard error for problems.
package protocol OutputSink: AnyObject, Sendable {
  func write(_ text: String)
  /// Writes bytes as they are: step output may be any encoding, and a UTF-8 character may be
  /// split between two chunks, so it must not be decoded (and repaired) piecewise.
  func write(bytes: [UInt8])
  func writeError(_ text: String)
  /// Writes bytes to standard error as they are (a step's masked stderr).
  func writeError(bytes: [UInt8])
  /// Sends what is buffered to the terminal now (live step output).
  func flush()
  /// Writes lines to standard output.
  func lines(_ texts: [String])
}

extension OutputSink {
  /// Decodes the bytes (for sinks that only keep text).
  package func write(bytes: [UInt8]) { write(String(decoding: bytes, as: UTF8.self)) }
  /// Decodes the bytes (for sinks that only keep text).
  package func writeError(bytes: [UInt8]) { writeError(String(decoding: bytes, as: UTF8.self)) }
  /// Writes a line to standard output.
  package func line(_ text: String = "") { write(text + "\n") }
  /// Writes lines to standard output.
  package func lines(_ texts: [String]) { for t in texts { line(t) } }
}
