/// The line before the cursor split the way the command lexer would: the finished words of
/// the command being typed, and the word under the cursor.
struct CompletionLine: Equatable {
  /// Finished words of the current command (after the last `;`), unescaped.
  var words: [String] = []
  /// The word under the cursor as typed, with its quotes and backslashes.
  var typed = ""
  /// The word under the cursor unescaped (what candidates are matched against).
  var value = ""
  /// The quote left open in the word under the cursor, if any.
  var openQuote: Character?

  /// Splits `line`; nil when the cursor is inside a comment.
  init?(_ line: String) {
    var escaped = false
    var inWord = false
    for ch in line {
      if escaped {
        escaped = false
        typed.append(ch)
        value.append(ch)
        continue
      }
      if let quote = openQuote {
        typed.append(ch)
        if ch == quote {
          openQuote = nil
        } else if ch == "\\" && quote == "\"" {
          escaped = true
        } else {
          value.append(ch)
        }
        continue
      }
      switch ch {
      case " ", "\t":
        if inWord { words.append(value) }
        (typed, value, inWord) = ("", "", false)
      case ";":
        (words, typed, value, inWord) = ([], "", "", false)
      case "#" where !inWord:
        return nil
      case "\\":
        (escaped, inWord) = (true, true)
        typed.append(ch)
      case "'", "\"":
        (openQuote, inWord) = (ch, true)
        typed.append(ch)
      default:
        inWord = true
        typed.append(ch)
        value.append(ch)
      }
    }
  }

  /// The raw text that turns the typed word into `full` (which starts with `value`): the typed
  /// word, then the rest escaped (or inside the open quote, closed when `complete`).
  func rawWord(for full: String, complete: Bool) -> String {
    let rest = String(full.dropFirst(value.count))
    if let quote = openQuote {
      let inner = quote == "\"" ? rest.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") : rest
      return typed + inner + (complete ? String(quote) : "")
    }
    return typed + Self.escape(rest, atStart: typed.isEmpty)
  }

  /// Backslash-escapes what the lexer would otherwise treat specially.
  static func escape(_ text: String, atStart: Bool) -> String {
    var out = ""
    for (i, ch) in text.enumerated() {
      if " \t'\"\\;".contains(ch) || (ch == "#" && i == 0 && atStart) { out.append("\\") }
      out.append(ch)
    }
    return out
  }
}
