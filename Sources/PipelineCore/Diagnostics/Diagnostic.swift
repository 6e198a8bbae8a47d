/// A problem found in user input, with where it is and what was expected.
package struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
  package enum Severity: String, Sendable, Hashable {
    case error, warning
  }

  package var severity: Severity
  package var message: String
  package var location: SourceLocation?
  /// Further lines, such as `did you mean 'epochs'?`.
  package var notes: [String]
  /// Secret parameters whose values the excerpt of the source line must hide, named where a
  /// file is read against a pipeline (a params file), so they are known to the renderer even
  /// when the pipeline did not load. A pipeline file's own secrets need no naming.
  package var secretParameters: Set<String> = []

  package init(
    _ message: String, at location: SourceLocation? = nil, notes: [String] = [],
    severity: Severity = .error
  ) {
    self.severity = severity
    self.message = message
    self.location = location
    self.notes = notes
  }

  /// The diagnostic with `names` added to the secret parameters its excerpt hides.
  package func hidingValues(of names: some Sequence<String>) -> Diagnostic {
    var copy = self
    copy.secretParameters.formUnion(names)
    return copy
  }

  /// Adds a "did you mean" note when a close candidate exists.
  package func suggesting(_ word: String, from candidates: some Sequence<String>) -> Diagnostic {
    guard let match = Suggestion.closest(to: word, in: candidates), match != word else {
      return self
    }
    var copy = self
    copy.notes.append("did you mean '\(match)'?")
    return copy
  }

  package var description: String {
    let head = location.map { "\($0): " } ?? ""
    return "\(head)\(severity.rawValue): \(message)"
  }
}

/// An error that carries one or more diagnostics.
package struct DiagnosticError: Error, Sendable, CustomStringConvertible {
  package var diagnostics: [Diagnostic]
  package init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
  package init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }
  package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
