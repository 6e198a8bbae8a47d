/// The parts of a YAML source file (a pipeline, a params file) that hold secret values, so an
/// error excerpt can show the line around them without them.
///
/// Secret values are refused in files (`default:` of a secret, a params file binding one), but
/// the error that refuses one, or any error on the same line, shows the line: these are the
/// spans it must hide. Values bound to secret parameters are found by structure: a secret's
/// `default:`, a profile's or params file's value of a secret name, or of a name close to one
/// (a typo for it), and a `default:` of a parameter whose type is close to `secret`. Where the
/// file is not valid YAML, lines are also read one by one for `name: value` of such names.
package enum SecretSourceSpans {
  /// The spans of `text` holding values of `secretNames` or of secrets the file declares.
  package static func find(in text: String, secretNames: Set<String>) -> [SourceSpan] {
    let (values, complete) = YAMLSpans.values(in: text)
    var names = secretNames
    for value in values where value.path.count == 3 && value.path[0] == "params" && value.path[2] == "type" {
      if let type = value.scalar, isSecretType(type) { names.insert(value.path[1]) }
    }
    var spans: [SourceSpan] = []
    for value in values where bindsSecret(value, names: names) { spans.append(value.span) }
    if !complete { spans += LineScan(names: names).spans(in: text) }
    return spans
  }

  /// True when `value` is the value of a secret in a pipeline's `params:` or `profiles:`, or
  /// in a params file.
  static func bindsSecret(_ value: YAMLValueSpan, names: Set<String>) -> Bool {
    let path = value.path
    if path.count == 3, path[0] == "params", path[2] == "default", names.contains(path[1]) { return true }
    if path.count >= 3, path[0] == "profiles", matches(path[2...].joined(separator: "."), names, value) { return true }
    return !path.isEmpty && matches(path.joined(separator: "."), names, value)
  }

  /// True when `name` is a secret's, or (for a scalar) close enough to one to be a typo for it.
  static func matches(_ name: String, _ names: Set<String>, _ value: YAMLValueSpan) -> Bool {
    if names.contains(name) { return true }
    return value.scalar != nil && !names.isEmpty && Suggestion.closest(to: name, in: names) != nil
  }

  static func isSecretType(_ type: String) -> Bool {
    type == "secret" || Suggestion.closest(to: type, in: ["secret"]) != nil
  }
}

/// Reads lines of a file that is not valid YAML for `name: value` where the name is a secret's
/// (or `default:` on a line that declares a secret), and finds the value's extent on the line.
struct LineScan {
  var names: Set<String>

  func spans(in text: String) -> [SourceSpan] {
    var names = self.names
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
    for line in lines where Self.declaresSecret(line) {
      if let first = Self.keys(in: line).first { names.insert(first.key) }
    }
    // Block style: `type: secret` under `tok:` makes `tok` a secret, the `default:` beside it
    // a secret value, and every line under that `default:` (a block scalar) part of it.
    let blocks = LineBlocks(lines)
    var secretBlocks = Set<Int>()
    for (index, line) in lines.enumerated() {
      guard let parent = blocks.parent[index], let first = Self.keys(in: line).first, first.key == "type",
        let end = Self.valueEnd(line, from: first.valueStart),
        SecretSourceSpans.isSecretType(Self.unquoted(line[first.valueStart..<end]))
      else { continue }
      secretBlocks.insert(parent)
      if let header = Self.keys(in: lines[parent]).first { names.insert(header.key) }
    }
    var spans: [SourceSpan] = []
    for (index, line) in lines.enumerated() {
      let declaresSecret = Self.declaresSecret(line) || blocks.parent[index].map(secretBlocks.contains) == true
      if declaresSecret, Self.keys(in: line).first?.key == "default" {
        for under in blocks.lines(under: index) {
          let start = blocks.indent[under] ?? 0
          spans.append(SourceSpan(start: (under + 1, start + 1), end: (under + 1, lines[under].count + 1)))
        }
      }
      for (key, valueStart) in Self.keys(in: line) {
        let secret =
          names.contains(key) || (key == "default" && declaresSecret)
          || (!names.isEmpty && Suggestion.closest(to: key, in: names) != nil)
        guard secret, let end = Self.valueEnd(line, from: valueStart), end > valueStart else { continue }
        spans.append(SourceSpan(start: (index + 1, valueStart + 1), end: (index + 1, end + 1)))
      }
    }
    return spans
  }

  /// A value's text without the quotes around it.
  static func unquoted(_ value: ArraySlice<Unicode.Scalar>) -> String {
    var text = value
    if let first = text.first, first == "\"" || first == "'", text.count >= 2, text.last == first {
      text = text.dropFirst().dropLast()
    }
    return String(String.UnicodeScalarView(text))
  }

  /// True for a line such as `tok: {type: secret}`.
  static func declaresSecret(_ line: [Unicode.Scalar]) -> Bool {
    String(String.UnicodeScalarView(line)).contains("secret")
  }

  /// Each `key:` on the line (a name followed by `:` and a blank or the line's end) and where
  /// its value starts (0-based).
  static func keys(in line: [Unicode.Scalar]) -> [(key: String, valueStart: Int)] {
    var found: [(String, Int)] = []
    var index = 0
    while index < line.count {
      guard isNameStart(line[index]), index == 0 || !isNamePart(line[index - 1]) else {
        index += 1
        continue
      }
      var end = index
      while end < line.count, isNamePart(line[end]) { end += 1 }
      if end < line.count, line[end] == ":", end + 1 == line.count || line[end + 1] == " " || line[end + 1] == "\t" {
        var value = end + 1
        while value < line.count, line[value] == " " || line[value] == "\t" { value += 1 }
        found.append((String(String.UnicodeScalarView(line[index..<end])), value))
      }
      index = end
    }
    return found
  }

  /// Where a value starting at `start` ends: past its closing quote when quoted, else at the
  /// first `,`, `}`, `]` or ` #`, or the line's end (blanks before it dropped); nil for a
  /// flow mapping or list.
  static func valueEnd(_ line: [Unicode.Scalar], from start: Int) -> Int? {
    // A flow collection's own keys are read one by one.
    guard start < line.count, line[start] != "{", line[start] != "[" else { return nil }
    if line[start] == "\"" || line[start] == "'" {
      let quote = line[start]
      var index = start + 1
      while index < line.count, line[index] != quote { index += line[index] == "\\" && quote == "\"" ? 2 : 1 }
      return min(line.count, index + 1)
    }
    var end = start
    while end < line.count, !",}]".unicodeScalars.contains(line[end]),
      !(line[end] == "#" && end > start && line[end - 1] == " ")
    {
      end += 1
    }
    while end > start, line[end - 1] == " " || line[end - 1] == "\t" { end -= 1 }
    return end
  }

  static func isNameStart(_ scalar: Unicode.Scalar) -> Bool { scalar == "_" || scalar.properties.isAlphabetic }
  static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
    isNameStart(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-"
  }
}
