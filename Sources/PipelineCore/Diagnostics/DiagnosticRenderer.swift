/// Renders diagnostics as text: `file:line:col: error: message`, the source line, a caret,
/// and the notes.
package struct DiagnosticRenderer: Sendable {
  /// Returns the text of a source file's line, when the renderer can show it.
  package var sourceLine: @Sendable (_ file: String, _ line: Int) -> String?

  package init(sourceLine: @escaping @Sendable (String, Int) -> String? = { _, _ in nil }) {
    self.sourceLine = sourceLine
  }

  package func render(_ diagnostic: Diagnostic) -> String {
    var lines: [String] = []
    if let location = diagnostic.location {
      lines.append("\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)")
      if let text = sourceLine(location.file, location.line), !text.trimmingSpaces.isEmpty {
        lines.append("  " + text)
        let pad = String(repeating: " ", count: max(0, location.column - 1))
        lines.append("  " + pad + "^")
      }
    } else {
      lines.append("\(diagnostic.severity.rawValue): \(diagnostic.message)")
    }
    for note in diagnostic.notes { lines.append("  " + note) }
    return lines.joined(separator: "\n")
  }
}
