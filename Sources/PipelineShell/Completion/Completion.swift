/// One word the completer offers for the word being typed.
package struct CompletionCandidate: Sendable, Hashable {
  /// The whole word as it goes on the line (escaped, and starting with what was typed).
  package var text: String
  /// What a list of candidates shows (a path's last part, `name=`).
  package var display: String
  /// False when more may follow (a folder's `/`, an override's `=`), so no space is added.
  package var isComplete: Bool

  /// A candidate from its line text, its listed form and whether it is whole.
  package init(text: String, display: String, isComplete: Bool) {
    self.text = text
    self.display = display
    self.isComplete = isComplete
  }
}

/// The completer's answer for a line: the word being typed and what it may become.
package struct Completion: Sendable, Equatable {
  /// The word before the cursor, exactly as typed (empty after a space).
  package var typed: String
  /// Candidates sorted by text, without duplicates.
  package var candidates: [CompletionCandidate]

  /// An answer for `typed`; the candidates are sorted and deduplicated here.
  package init(typed: String, candidates: [CompletionCandidate]) {
    self.typed = typed
    var seen = Set<String>()
    self.candidates = candidates.filter { seen.insert($0.text).inserted }.sorted { $0.text < $1.text }
  }

  /// No word can be completed here.
  package static let none = Completion(typed: "", candidates: [])

  /// What a Tab does: insert the one candidate (plus a space when it is complete), insert the
  /// candidates' common prefix when it is longer than the typed word, or list them.
  package var action: CompletionAction {
    let typedScalars = typed.unicodeScalars.count
    let usable = candidates.filter { $0.text.hasPrefix(typed) }
    guard let first = usable.first else { return .nothing }
    if usable.count == 1 {
      return .insert(Self.suffix(first.text, after: typedScalars) + (first.isComplete ? " " : ""))
    }
    let common = Self.commonPrefix(usable.map(\.text))
    if common.unicodeScalars.count > typedScalars { return .insert(Self.suffix(common, after: typedScalars)) }
    return .list(usable.map(\.display))
  }

  private static func suffix(_ text: String, after count: Int) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(count)))
  }

  private static func commonPrefix(_ texts: [String]) -> String {
    guard var prefix = texts.first.map({ Array($0.unicodeScalars) }) else { return "" }
    for text in texts.dropFirst() {
      let scalars = Array(text.unicodeScalars)
      var length = 0
      while length < min(prefix.count, scalars.count), prefix[length] == scalars[length] { length += 1 }
      prefix.removeSubrange(length...)
    }
    return String(String.UnicodeScalarView(prefix))
  }
}

/// What pressing Tab does to the line.
package enum CompletionAction: Sendable, Equatable {
  /// Insert this text at the cursor.
  case insert(String)
  /// Show these candidates below the line, then redraw it.
  case list([String])
  /// Nothing matches: beep.
  case nothing
}
