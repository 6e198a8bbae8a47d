import PipelineCore

/// Chooses the line reader for an interactive session.
enum InteractiveReaderFactory {
  static func make(historyFile: String?, environment: [String: String], app: ShellApp) -> any LineReader {
    PromptingLineReader(output: app.output)
  }
}

/// A plain reader that prints the prompt itself (used until the line editor is wired in).
final class PromptingLineReader: LineReader {
  private let bytes = ByteLineReader()
  private let output: any OutputSink
  private(set) var history: [String] = []

  init(output: any OutputSink) { self.output = output }

  func readLine(prompt: String) -> LineInput {
    output.write(prompt)
    (output as? StandardOutput)?.flush()
    return bytes.readLine(prompt: prompt)
  }

  func addHistory(_ line: String) { history.append(line) }
}
