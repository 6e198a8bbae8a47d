/// Renders diagnostics as text: `file:line:col: error: message`, the source line, a caret,
/// and the notes.
///
/// The source line never shows a secret's value: parts of it that bind a secret parameter
/// (`SecretSourceSpans`) show as `****`, and the caret moves with them.
package struct DiagnosticRenderer: Sendable {
  /// Returns the text of a source file, when the renderer can show its lines.
  package var sourceText: @Sendable (_ file: String) -> String?
  /// Secret parameters whose values no excerpt may show, besides those a file declares itself
  /// and those a diagnostic names.
  package var secretNames: Set<String>

  package init(sourceText: @escaping @Sendable (String) -> String? = { _ in nil }, secretNames: Set<String> = []) {
    self.sourceText = sourceText
    self.secretNames = secretNames
  }

  /// Renders one diagnostic.
  package func render(_ diagnostic: Diagnostic) -> String {
    render([diagnostic])
  }

  /// Renders diagnostics one after the other, reading each source file once.
  package func render(_ diagnostics: [Diagnostic]) -> String {
    var sources = ExcerptSources(renderer: self, names: secretNames.union(diagnostics.flatMap(\.secretParameters)))
    return diagnostics.map { render($0, sources: &sources) }.joined(separator: "\n")
  }

  private func render(_ diagnostic: Diagnostic, sources: inout ExcerptSources) -> String {
    var lines: [String] = []
    if let location = diagnostic.location {
      lines.append("\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)")
      if let excerpt = sources.excerpt(at: location), !excerpt.text.trimmingSpaces.isEmpty {
        lines.append("  " + excerpt.text)
        lines.append("  " + String(repeating: " ", count: max(0, excerpt.caretColumn - 1)) + "^")
      }
    } else {
      lines.append("\(diagnostic.severity.rawValue): \(diagnostic.message)")
    }
    for note in diagnostic.notes { lines.append("  " + note) }
    return lines.joined(separator: "\n")
  }
}

/// The source files of one rendering: each read, split and searched for secrets once.
private struct ExcerptSources {
  let renderer: DiagnosticRenderer
  let names: Set<String>
  var files: [String: (lines: [Substring], hidden: [SourceSpan])?] = [:]

  mutating func excerpt(at location: SourceLocation) -> SourceExcerpt? {
    if files[location.file] == nil {
      files[location.file] = renderer.sourceText(location.file).map { text in
        (
          text.split(separator: "\n", omittingEmptySubsequences: false),
          SecretSourceSpans.find(in: text, secretNames: names)
        )
      }
    }
    guard let file = files[location.file] ?? nil, location.line >= 1, location.line <= file.lines.count else {
      return nil
    }
    return SourceExcerpt(
      line: String(file.lines[location.line - 1]), number: location.line, column: location.column, hiding: file.hidden)
  }
}
