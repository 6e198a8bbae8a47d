/// Quoting for `/bin/sh` command lines and the shell's own command language, which share
/// single-quote rules.
package enum ShellWord {
  /// `word` as one shell word: unchanged when it holds nothing a shell would split or expand,
  /// else in single quotes (a `'` inside written `'\''`). `always` quotes even plain words.
  package static func quoted(_ word: String, always: Bool = false) -> String {
    if !always, isPlain(word) { return word }
    // Split on the `'` scalar: `sh` reads bytes, so a `'` followed by a combining mark (one
    // Character) still ends the quote there, and the rest of the word would run unquoted.
    let pieces = word.unicodeScalars.split(separator: "'", omittingEmptySubsequences: false)
    return "'" + pieces.map { String(String.UnicodeScalarView($0)) }.joined(separator: "'\\''") + "'"
  }

  /// True for a non-empty word of letters, digits and `_-./:@+%,=[]{}` only.
  package static func isPlain(_ word: String) -> Bool {
    !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "_-./:@+%,=".contains($0) }
  }
}
