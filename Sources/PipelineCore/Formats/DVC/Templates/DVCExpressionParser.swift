/// Finds `${...}` in a string and reads the expression inside, as DVC does
/// (`dvc/parsing/interpolate.py`): the regex `(?<!\\)\${(?P<inner>.*?)}` (so a `${` right after
/// a backslash is not a reference, and a reference ends at the first `}` on its line), then the
/// grammar `word ("." word | "[" word "]")*`, where a word is any text without `.`, `[` or `]`
/// and spaces around words are dropped.
package enum DVCExpressionParser {
  /// One `${...}` found in a string.
  package struct Match: Sendable, Hashable {
    /// Character offsets of the `${` and just past the `}`.
    package var start: Int
    package var end: Int
    /// The text between the braces.
    package var inner: String
  }

  /// What is wrong with an expression, and the character offset in it.
  package struct Problem: Error, Sendable, Hashable {
    package var message: String
    package var offset: Int
  }

  /// Every `${...}` of `text`, in order.
  package static func matches(in text: String) -> [Match] {
    let chars = Array(text)
    var found: [Match] = []
    var i = 0
    while i + 1 < chars.count {
      guard chars[i] == "$", chars[i + 1] == "{", i == 0 || chars[i - 1] != "\\" else {
        i += 1
        continue
      }
      var j = i + 2
      while j < chars.count, chars[j] != "}", chars[j] != "\n" { j += 1 }
      guard j < chars.count, chars[j] == "}" else {
        i += 1
        continue
      }
      found.append(Match(start: i, end: j + 1, inner: String(chars[(i + 2)..<j])))
      i = j + 1
    }
    return found
  }

  /// The segments of an expression (`a.l[0]` gives `a`, `l`, `0`), each without surrounding
  /// spaces, and the expression as DVC normalizes it (`a.l.0`).
  package static func parse(_ inner: String) -> Result<(segments: [String], normalized: String), Problem> {
    let chars = Array(inner)
    var i = 0
    var words: [String] = []
    func skipSpaces() { while i < chars.count, chars[i].isWhitespace { i += 1 } }
    func word() -> String? {
      skipSpaces()
      let start = i
      while i < chars.count, chars[i] != ".", chars[i] != "[", chars[i] != "]" { i += 1 }
      return i > start ? String(chars[start..<i]) : nil
    }
    guard let first = word() else { return .failure(Problem(message: "expected a key", offset: i)) }
    words.append(first)
    while true {
      skipSpaces()
      guard i < chars.count else { break }
      if chars[i] == "." {
        i += 1
        guard let next = word() else { return .failure(Problem(message: "expected a key after '.'", offset: i)) }
        words.append(next)
      } else if chars[i] == "[" {
        i += 1
        guard let next = word() else {
          return .failure(Problem(message: "expected a key or an index inside '[]'", offset: i))
        }
        skipSpaces()
        guard i < chars.count, chars[i] == "]" else { return .failure(Problem(message: "expected ']'", offset: i)) }
        i += 1
        words.append(next)
      } else {
        return .failure(Problem(message: "expected '.', '[' or the end of the reference", offset: i))
      }
    }
    return .success((words.map { $0.trimmingPythonWhitespace }, words.joined(separator: ".")))
  }
}

extension String {
  /// Python's `str.strip()`: whitespace removed from both ends.
  var trimmingPythonWhitespace: String {
    guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace }) else {
      return ""
    }
    return String(self[start...end])
  }
}
