/// Parses `${...}` templates; `$${` is a literal `${`.
package enum TemplateParser {
  /// What went wrong in a template, with the column offset into its text.
  package struct Problem: Error, Sendable, Hashable {
    package var message: String
    package var offset: Int
  }

  /// Parses a template; braces inside a `${cmd:...}` may nest (`awk '{print $1}'`).
  package static func parse(_ text: String) -> Result<Template, Problem> {
    // A byte scan: most values hold no `$` at all (a `$` character always holds the byte).
    if !ByteSearch.holds(UInt8(ascii: "$"), in: text) { return .success(.literal(text)) }
    // ASCII text, nearly every template, is scanned byte by byte: there each byte is a
    // character, except in `\r\n`, which is never `$`, `{` or `}`. Other text goes by
    // character, as a `$` or a brace may be part of a longer one there.
    if ByteSearch.all(in: text, { $0 < 0x80 }) {
      let bytes = Array(text.utf8)
      let (dollar, open, close) = (UInt8(ascii: "$"), UInt8(ascii: "{"), UInt8(ascii: "}"))
      return scan(bytes, text: text, dollar, open, close, string: { String(decoding: $0, as: UTF8.self) }) {
        String(decoding: bytes[..<$0], as: UTF8.self).count
      }
    }
    let (dollar, open, close): (Character, Character, Character) = ("$", "{", "}")
    return scan(Array(text), text: text, dollar, open, close, string: { String($0) }, characterOffset: { $0 })
  }

  /// The scan over a text's units (characters, or bytes of ASCII text); `characterOffset`
  /// turns a unit's index into the column offset of a problem.
  private static func scan<Unit: Equatable>(
    _ units: [Unit], text: String, _ dollar: Unit, _ open: Unit, _ close: Unit,
    string: (ArraySlice<Unit>) -> String, characterOffset: (Int) -> Int
  ) -> Result<Template, Problem> {
    var parts: [Template.Part] = []
    var literal = ""
    var literalStart = 0  // units from here up to `i` belong to `literal` too
    var i = 0
    while i < units.count {
      if units[i] == dollar, i + 2 < units.count, units[i + 1] == dollar, units[i + 2] == open {
        literal += string(units[literalStart..<i]) + "${"
        i += 3
        literalStart = i
        continue
      }
      guard units[i] == dollar, i + 1 < units.count, units[i + 1] == open else {
        i += 1
        continue
      }
      literal += string(units[literalStart..<i])
      guard let close = matchingBrace(units, from: i + 2, open, close) else {
        return .failure(Problem(message: "'${' is not closed by '}'", offset: characterOffset(i)))
      }
      switch reference(string(units[(i + 2)..<close])) {
      case .success(let part):
        if !literal.isEmpty { parts.append(.literal(literal)) }
        literal = ""
        parts.append(part)
      case .failure(let message):
        return .failure(Problem(message: message.text, offset: characterOffset(i)))
      }
      i = close + 1
      literalStart = i
    }
    literal += string(units[literalStart...])
    if !literal.isEmpty { parts.append(.literal(literal)) }
    return .success(Template(parts: parts, source: text))
  }

  struct Message: Error {
    var text: String
    init(_ text: String) { self.text = text }
  }

  private static func matchingBrace<Unit: Equatable>(_ units: [Unit], from start: Int, _ open: Unit, _ close: Unit)
    -> Int?
  {
    var depth = 0
    var i = start
    while i < units.count {
      if units[i] == open { depth += 1 }
      if units[i] == close {
        if depth == 0 { return i }
        depth -= 1
      }
      i += 1
    }
    return nil
  }

  private static func reference(_ body: String) -> Result<Template.Part, Message> {
    if body.hasPrefix("env:") {
      let rest = body.dropFirst(4)
      // `:-` and `-` as in POSIX sh; a name never holds `-`, so the first one ends the name.
      if let dash = rest.firstIndex(of: "-") {
        let colon = dash > rest.startIndex && rest[rest.index(before: dash)] == ":"
        let name = String(rest[..<(colon ? rest.index(before: dash) : dash)])
        guard isEnvironmentName(name) else { return .failure(Message("'\(name)' is not an environment variable name")) }
        let fallback = Template.EnvironmentFallback(String(rest[rest.index(after: dash)...]), whenEmpty: colon)
        return .success(.environment(name, fallback: fallback))
      }
      guard isEnvironmentName(String(rest)) else {
        return .failure(Message("'\(rest)' is not an environment variable name"))
      }
      return .success(.environment(String(rest), fallback: nil))
    }
    if body.hasPrefix("cmd:") {
      let command = String(body.dropFirst(4)).trimmingSpaces
      return command.isEmpty ? .failure(Message("'${cmd:}' needs a command")) : .success(.command(command))
    }
    if body.hasPrefix("file:") {
      let path = String(body.dropFirst(5)).trimmingSpaces
      return path.isEmpty ? .failure(Message("'${file:}' needs a path")) : .success(.file(path))
    }
    guard let name = ParameterName.canonical(body.trimmingSpaces) else {
      return .failure(
        Message("'\(body)' is not a parameter name; expected ${name}, ${env:VAR}, ${cmd:COMMAND} or ${file:PATH}"))
    }
    return .success(.parameter(name))
  }

  private static func isEnvironmentName(_ name: String) -> Bool {
    guard let first = name.first, first == "_" || first.isLetter else { return false }
    return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
  }
}

/// Rules for parameter names: letters, digits and `_`, with `.` for groups.
package enum ParameterName {
  /// True for names like `epochs`, `train.lr`, `_x1`.
  /// Each `.`-separated part is an ASCII letter or `_`, then ASCII letters, digits and `_`.
  /// Checked byte by byte: it runs for every name of a pipeline, thousands in large ones.
  package static func isValid(_ name: String) -> Bool {
    var atPartStart = true
    for byte in name.utf8 {
      switch byte {
      case UInt8(ascii: "."):
        if atPartStart { return false }
        atPartStart = true
      case UInt8(ascii: "_"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
        atPartStart = false
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        if atPartStart { return false }
      default:
        return false
      }
    }
    return !atPartStart  // empty, or ending in `.`
  }

  /// The environment variable suffix: the name upper-cased with every character other than an
  /// ASCII letter or digit turned into `_` (`train.lr` becomes `TRAIN_LR`, `train.log-level`
  /// `TRAIN_LOG_LEVEL`).
  package static func environmentSuffix(_ name: String) -> String {
    environmentVariable("", name)
  }

  /// The variable a step that reads `name` gets its value in (`PARAM_TRAIN_LR`).
  package static func stepVariable(_ name: String) -> String {
    environmentVariable("PARAM_", name)
  }

  /// `prefix` followed by the suffix of `name` (`PARAM_TRAIN_LR`), made as one string.
  package static func environmentVariable(_ prefix: String, _ name: String) -> String {
    if let ascii = asciiEnvironmentVariable(prefix, name) { return ascii }
    return prefix
      + String(
        name.uppercased().unicodeScalars.map { scalar -> Character in
          let v = scalar.value
          return (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || v == 0x5F ? Character(scalar) : "_"
        })
  }

  /// The variable of an ASCII name, byte for byte (upper-casing ASCII changes only `a`...`z`):
  /// every parameter a step reads gets one, and going through `Character`s cost 8,000
  /// instructions a name. Nil for a name with other bytes.
  private static func asciiEnvironmentVariable(_ prefix: String, _ name: String) -> String? {
    var prefix = prefix
    var name = name
    return prefix.withUTF8 { head in
      name.withUTF8 { bytes -> String? in
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        return String(unsafeUninitializedCapacity: head.count + bytes.count) { buffer in
          _ = buffer.initialize(fromContentsOf: head)
          for (index, byte) in zip(head.count..., bytes) {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): buffer[index] = byte - 0x20
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
              buffer[index] = byte
            default: buffer[index] = UInt8(ascii: "_")
            }
          }
          return head.count + bytes.count
        }
      }
    }
  }
}

extension String {
  var replacingDots: String { String(map { $0 == "." ? "_" : $0 }) }

  /// True when the text holds `${`, the start of an interpolation (also of `$${`). A byte
  /// scan: a substring search costs far more, and every value of a pipeline is checked.
  var containsInterpolationStart: Bool {
    var afterDollar = false
    for byte in utf8 {
      if afterDollar, byte == UInt8(ascii: "{") { return true }
      afterDollar = byte == UInt8(ascii: "$")
    }
    return false
  }
}
