/// Finds `${...}` in a string and reads the expression inside, as DVC does
/// (`dvc/parsing/interpolate.py`): the regex `(?<!\\)\${(?P<inner>.*?)}` (so a `${` right after
/// a backslash is not a reference, and a reference ends at the first `}` on its line), then the
/// grammar `word ("." word | "[" word "]")*`, where a word is any text without `.`, `[` or `]`
/// and spaces around words are dropped.
///
/// Works on UTF-8 bytes: every character the grammar looks at is ASCII, and a project of
/// thousands of stages resolves tens of thousands of strings.
package enum DVCExpressionParser {
  /// One `${...}` found in a string.
  package struct Match: Sendable, Hashable {
    /// Byte offsets of the `${` and just past the `}`.
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
    var found: [Match] = []
    var text = text
    text.withUTF8 { bytes in
      guard bytes.contains(UInt8(ascii: "$")) else { return }
      var i = 0
      while i + 1 < bytes.count {
        guard bytes[i] == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "{"),
          i == 0 || bytes[i - 1] != UInt8(ascii: "\\")
        else {
          i += 1
          continue
        }
        var j = i + 2
        while j < bytes.count, bytes[j] != UInt8(ascii: "}"), bytes[j] != 0x0A { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "}") else {
          i += 1
          continue
        }
        found.append(
          Match(
            start: i, end: j + 1,
            inner: String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 2)..<j]), as: UTF8.self)))
        i = j + 1
      }
    }
    return found
  }

  /// The segments of an expression (`a.l[0]` gives `a`, `l`, `0`), each without surrounding
  /// spaces, and the expression as DVC normalizes it (`a.l.0`).
  package static func parse(_ inner: String) -> Result<(segments: [String], normalized: String), Problem> {
    let bytes = Array(inner.utf8)
    var i = 0
    var words: [String] = []
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
    func skipSpaces() { while i < bytes.count, isSpace(bytes[i]) { i += 1 } }
    func word() -> String? {
      skipSpaces()
      let start = i
      while i < bytes.count, bytes[i] != UInt8(ascii: "."), bytes[i] != UInt8(ascii: "["), bytes[i] != UInt8(ascii: "]")
      { i += 1 }
      return i > start ? String(decoding: bytes[start..<i], as: UTF8.self) : nil
    }
    func offset() -> Int { characters(in: bytes[..<i]) }
    guard let first = word() else { return .failure(Problem(message: "expected a key", offset: offset())) }
    words.append(first)
    while true {
      skipSpaces()
      guard i < bytes.count else { break }
      if bytes[i] == UInt8(ascii: ".") {
        i += 1
        guard let next = word() else { return .failure(Problem(message: "expected a key after '.'", offset: offset())) }
        words.append(next)
      } else if bytes[i] == UInt8(ascii: "[") {
        i += 1
        guard let next = word() else {
          return .failure(Problem(message: "expected a key or an index inside '[]'", offset: offset()))
        }
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "]") else {
          return .failure(Problem(message: "expected ']'", offset: offset()))
        }
        i += 1
        words.append(next)
      } else {
        return .failure(Problem(message: "expected '.', '[' or the end of the reference", offset: offset()))
      }
    }
    return .success((words.map { $0.trimmingPythonWhitespace }, words.joined(separator: ".")))
  }

  /// The number of characters (Unicode scalars, as libyaml counts columns) in UTF-8 bytes.
  static func characters(in bytes: some Collection<UInt8>) -> Int {
    bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
  }
}

extension String {
  /// Python's `str.strip()`: whitespace removed from both ends.
  var trimmingPythonWhitespace: String {
    if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
      return self
    }
    guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace }) else {
      return ""
    }
    return String(self[start...end])
  }
}
