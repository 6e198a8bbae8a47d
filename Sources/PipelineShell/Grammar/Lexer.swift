/// Splits a command line into words with shell-like quoting: `'single'`, `"double"` (with
/// `\"` and `\\`), backslash escapes, `#` comments at the start of a word, and `;` between
/// commands. Continuation lines are joined by the line source before lexing.
package enum Lexer {
  /// Why a line could not be split.
  package struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
    package var message: String
    package var column: Int
    package var description: String { "\(message) (column \(column))" }
  }

  /// A word and whether any of it was quoted (a quoted `a=b` is never an override).
  package struct Word: Sendable, Hashable {
    package var text: String
    package var quoted: Bool
  }

  /// Returns the commands on the line, each a list of words.
  ///
  /// Reads Unicode scalars, not characters: a quote, a `\` or a space followed by a
  /// combining mark is one character, but still a quote, an escape or a space, as in `sh`.
  package static func split(_ line: String) -> Result<[[Word]], Problem> {
    // No word may hold a NUL: a path would end there for the system (`/\0x` is `/`).
    if let nul = line.unicodeScalars.firstIndex(of: "\0") {
      let column = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: nul) + 1
      return .failure(Problem(message: "a command line cannot hold a NUL character", column: column))
    }
    var commands: [[Word]] = []
    var words: [Word] = []
    var current = String.UnicodeScalarView()
    var inWord = false
    var quoted = false
    var chars = Array(line.unicodeScalars)[...]
    var column = 0
    func endWord() {
      if inWord { words.append(Word(text: String(current), quoted: quoted)) }
      current = String.UnicodeScalarView()
      inWord = false
      quoted = false
    }
    while let ch = chars.popFirst() {
      column += 1
      switch ch {
      case " ", "\t", "\n", "\r":
        endWord()
      case ";":
        endWord()
        if !words.isEmpty { commands.append(words) }
        words = []
      case "#" where !inWord:
        chars = []
      case "'":
        inWord = true
        quoted = true
        guard let end = chars.firstIndex(of: "'") else {
          return .failure(Problem(message: "unclosed single quote", column: column))
        }
        current.append(contentsOf: chars[chars.startIndex..<end])
        column += end - chars.startIndex + 1
        chars = chars[(end + 1)...]
      case "\"":
        inWord = true
        quoted = true
        var closed = false
        while let c = chars.popFirst() {
          column += 1
          if c == "\"" { closed = true; break }
          if c == "\\", let next = chars.first, next == "\"" || next == "\\" || next == "$" {
            current.append(next)
            chars = chars.dropFirst()
            column += 1
          } else {
            current.append(c)
          }
        }
        if !closed { return .failure(Problem(message: "unclosed double quote", column: column)) }
      case "\\":
        inWord = true
        if let next = chars.popFirst() {
          column += 1
          current.append(next)
        }
      default:
        inWord = true
        current.append(ch)
      }
    }
    endWord()
    if !words.isEmpty { commands.append(words) }
    return .success(commands)
  }

  /// Quotes a word so `split` (and `/bin/sh`) read it back unchanged; `always` quotes
  /// even words that need no quotes.
  package static func quote(_ word: String, always: Bool = false) -> String {
    let safe = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "_-./:@+%,=[]{}".contains($0) }
    if safe && !always { return word }
    // Split by scalar: a `'` followed by a combining mark still ends a quote for `split`.
    let pieces = word.unicodeScalars.split(separator: "'", omittingEmptySubsequences: false)
    return "'" + pieces.map { String(String.UnicodeScalarView($0)) }.joined(separator: "'\\''") + "'"
  }

  /// True when a line ends with an unescaped `\`, so the next line continues it.
  package static func continues(_ line: String) -> Bool {
    var count = 0
    for ch in line.reversed() {
      if ch == "\\" { count += 1 } else { break }
    }
    return count % 2 == 1
  }
}
