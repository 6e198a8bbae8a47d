/// Where the shell writes: standard output for results, standard error for problems.
package protocol OutputSink: AnyObject, Sendable {
  func write(_ text: String)
  func writeError(_ text: String)
  /// Sends what is buffered to the terminal now (live step output).
  func flush()
}

extension OutputSink {
  /// Writes a line to standard output.
  package func line(_ text: String = "") { write(text + "\n") }
  /// Writes lines to standard output.
  package func lines(_ texts: [String]) { for t in texts { line(t) } }
}
