/// One line of a `.dvcignore` as DVC reads it: a gitignore pattern made into a regular
/// expression the way pathspec's `GitIgnoreSpecPattern.pattern_to_regex` makes it (DVC 3.67
/// with pathspec 1.1), and matched the way `re.match` matches (from the start of the path).
struct DVCIgnoreRule {
  /// The line as written (after DVC strips it).
  let pattern: String
  /// False for a `!` line, which brings back what an earlier line left out.
  let ignores: Bool
  /// A pattern ending in `/`, which DVC checks against folders only.
  let foldersOnly: Bool
  /// The regular expression, as pathspec writes it (for tests and messages).
  let expression: String
  private let regex: Regex<AnyRegexOutput>

  /// A pattern pathspec refuses (a `\` with nothing after it), which makes DVC refuse the file.
  struct Invalid: Error {
    var pattern: String
  }

  /// The rule of `pattern`; nil for one that matches nothing (blank, a comment, `/`, or a
  /// bracket expression without its `]`, which Git and pathspec drop).
  init?(_ pattern: String) throws(Invalid) {
    var text = pattern
    if !text.hasSuffix("\\ ") {
      while let last = text.unicodeScalars.last, last.properties.isWhitespace { text.unicodeScalars.removeLast() }
    }
    guard !text.isEmpty, !text.hasPrefix("#"), text != "/" else { return nil }
    var ignores = true
    if text.hasPrefix("!") {
      ignores = false
      text.removeFirst()
    }
    var segments = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let isFolderPattern = segments.last == ""
    let expression: String
    switch Self.expression(segments: &segments, isFolderPattern: isFolderPattern) {
    case .matchesNothing: return nil
    case .invalid: throw Invalid(pattern: pattern)
    case .expression(let text): expression = text
    }
    guard let regex = try? Regex(expression).matchingSemantics(.unicodeScalar) else { throw Invalid(pattern: pattern) }
    self.pattern = pattern
    self.regex = regex
    self.ignores = ignores
    self.foldersOnly = pattern.hasSuffix("/")
    self.expression = expression
  }

  /// Whether the rule matches `path` (relative to its `.dvcignore`'s folder), as `re.match`
  /// does: from the start, not necessarily to the end.
  func matches(_ path: String) -> Bool {
    (try? regex.prefixMatch(in: path)) != nil
  }

  private enum Translation {
    case expression(String)
    case matchesNothing
    case invalid
  }

  /// pathspec's `__normalize_segments` then `__translate_segments`.
  private static func expression(segments: inout [String], isFolderPattern: Bool) -> Translation {
    if segments[0].isEmpty {
      segments.removeFirst()  // `/a`: anchored where the `.dvcignore` is
    } else if segments.count == 1 || (segments.count == 2 && segments[1].isEmpty) {
      if segments[0] != "**" { segments.insert("**", at: 0) }  // `a` or `a/`: at any depth
    }
    guard !segments.isEmpty else { return .invalid }
    if segments[segments.count - 1].isEmpty { segments[segments.count - 1] = "**" }
    var index = segments.count - 1
    while index > 0 {
      if segments[index] == "**", segments[index - 1] == "**" { segments.remove(at: index) }
      index -= 1
    }
    switch segments {
    case ["**"]: return .expression(isFolderPattern ? "/" : ".")
    case ["**", "*"]: return .expression(".")
    case ["**", "*", "**"]: return .expression("/")
    default: break
    }
    var out = ""
    var needSlash = false
    let end = segments.count - 1
    for (position, segment) in segments.enumerated() {
      if segment == "**" {
        if position == 0 {
          out += "^(?:.+/)?"
        } else if position < end {
          out += "(?:/.+)?"
          needSlash = true
        } else {
          out += "/"
        }
        continue
      }
      if position == 0 { out += "^" }
      if needSlash { out += "/" }
      if segment == "*" {
        out += "[^/]+"
      } else {
        switch segmentGlob(segment) {
        case .expression(let glob): out += glob
        case let other: return other
        }
      }
      if position == end { out += "(?:/|$)" }
      needSlash = true
    }
    return .expression(out)
  }

  /// `_translate_segment_glob` with invalid ranges refused: `*`, `?`, `[...]` (`!` or `^`
  /// negates) and `\` escapes. A `[` without its `]` drops the pattern; a trailing `\` is invalid.
  private static func segmentGlob(_ segment: String) -> Translation {
    let characters = Array(segment)
    var out = ""
    var index = 0
    var escaped = false
    while index < characters.count {
      let character = characters[index]
      index += 1
      if escaped {
        escaped = false
        out += literal(character)
      } else if character == "\\" {
        escaped = true
      } else if character == "*" {
        // `**` inside a segment matches what `*` does; one `[^/]*` keeps matching linear.
        if !out.hasSuffix("[^/]*") || (index >= 2 && characters[index - 2] != "*") { out += "[^/]*" }
      } else if character == "?" {
        out += "[^/]"
      } else if character == "[" {
        var close = index
        if close < characters.count, characters[close] == "!" || characters[close] == "^" { close += 1 }
        if close < characters.count, characters[close] == "]" { close += 1 }
        while close < characters.count, characters[close] != "]" { close += 1 }
        guard close < characters.count else { return .matchesNothing }
        var set = "["
        var start = index
        if characters[start] == "!" || characters[start] == "^" {
          set += "^"
          start += 1
        }
        set += bracketContents(characters[start..<close])
        out += set + "]"
        index = close + 1
      } else {
        out += literal(character)
      }
    }
    return escaped ? .invalid : .expression(out)
  }

  /// A bracket expression's inside as Python's `re` reads it: `\` doubled (as pathspec does),
  /// and `[`, `&`, `~`, `-` runs that Swift's regular expressions would read as set operations
  /// or classes escaped (Python takes them as themselves).
  private static func bracketContents(_ characters: ArraySlice<Character>) -> String {
    var out = ""
    for (offset, character) in characters.enumerated() {
      switch character {
      case "\\": out += "\\\\"
      case "[", "&", "~": out += "\\" + String(character)
      case "]" where offset == 0: out += "\\]"
      default: out.append(character)
      }
    }
    return out
  }

  /// A character matched as itself (`re.escape`).
  private static func literal(_ character: Character) -> String {
    guard character.isASCII, !(character.isLetter || character.isNumber || character == "_") else {
      return String(character)
    }
    return "\\" + String(character)
  }
}
