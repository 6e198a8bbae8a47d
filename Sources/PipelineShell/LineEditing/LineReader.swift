/// Where the shell's input lines come from: libedit at a terminal, bytes otherwise.
package protocol LineReader: AnyObject {
  /// Reads one line (without its newline), showing `prompt` where there is a terminal.
  func readLine(prompt: String) -> LineInput
  /// Adds an entry to the history.
  func addHistory(_ line: String)
  /// The history, oldest first.
  var history: [String] { get }
}

/// What a read produced.
package enum LineInput: Sendable, Equatable {
  case line(String)
  /// Ctrl-C at the prompt: the line is discarded.
  case interrupted
  /// Ctrl-D or the end of the input.
  case end
}
