import PipelineCore

/// Keeps lines that hold a secret's value out of the history.
package enum HistoryFilter {
  /// False when the line binds a secret parameter by value or contains a known secret.
  package static func allows(_ line: String, pipeline: Pipeline?, secrets: [String]) -> Bool {
    if secrets.contains(where: { !$0.isEmpty && line.contains($0) }) { return false }
    guard let pipeline else { return true }
    let secretNames = pipeline.parameters.filter(\.isSecret).map(\.name)
    guard !secretNames.isEmpty, case .success(let commands) = Lexer.split(line) else { return true }
    for words in commands {
      let texts = words.map(\.text)
      guard let command = texts.first else { continue }
      if command == "set", texts.count > 2, secretNames.contains(texts[1]) { return false }
      for word in texts.dropFirst() {
        if let eq = word.firstIndex(of: "="), secretNames.contains(String(word[..<eq])) { return false }
      }
    }
    return true
  }
}
