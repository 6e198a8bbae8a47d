/// A value written as a literal of a params file's format, in the style of the text it replaces
/// where that matters (a YAML string keeps its quotes).
enum ValueLiterals {
  static func text(_ value: DVCValue, format: ParamsFormat, replacing old: DVCNode, in text: String, lines: LineIndex)
    -> String?
  {
    switch format {
    case .yaml:
      let quote = old.extent.flatMap { lines.byte(at: $0.start, in: text) }
      return yaml(value, flow: isInFlow(old, text: text, lines: lines), quote: quote)
    case .json: return json(value)
    case .toml: return toml(value)
    case .python: return python(value)
    }
  }

  /// True when the old value sits inside a flow collection (`{lr: 0.1}`), where plain text may
  /// not hold `,[]{}`.
  static func isInFlow(_ node: DVCNode, text: String, lines: LineIndex) -> Bool {
    guard let extent = node.extent else { return true }
    let before = Array(text.utf8)[..<lines.offset(of: extent.start)]
    var depth = 0
    for byte in before.reversed() {
      if byte == 0x0A, depth == 0 { return false }
      if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth += 1 }
      if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
        if depth == 0 { return true }
        depth -= 1
      }
    }
    return false
  }

  // MARK: - YAML

  static func yaml(_ value: DVCValue, flow: Bool, quote: UInt8?) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let f): return DVCYAMLWriter.text(of: .float(f))
    case .timestamp(let t), .bigInt(let t): return t
    case .string(let s):
      if quote == UInt8(ascii: "'"), !s.contains("\n") { return "'" + s.replacing("'", with: "''") + "'" }
      if quote != UInt8(ascii: "\""), isSafePlain(s, flow: flow) { return s }
      return doubleQuoted(s)
    case .list(let items): return "[" + items.map { yaml($0, flow: true, quote: nil) }.joined(separator: ", ") + "]"
    case .dict(let entries):
      return "{"
        + entries.map { yaml(.string($0.key), flow: true, quote: nil) + ": " + yaml($0.value, flow: true, quote: nil) }
        .joined(separator: ", ") + "}"
    }
  }

  /// Plain text that reads back as the same string in block and flow context.
  static func isSafePlain(_ s: String, flow: Bool) -> Bool {
    guard YAMLScalarResolver.isPlainString(s), let first = s.unicodeScalars.first else { return false }
    let allowed = s.unicodeScalars.allSatisfy { c in
      c.properties.isAlphabetic || ("0"..."9").contains(c) || "_./+-@%=^~$()<>".unicodeScalars.contains(c)
        || (c == " ") || (!flow && ",[]{}".unicodeScalars.contains(c))
    }
    return allowed && !"-?:@%`~<>=".unicodeScalars.contains(first) && s.last != " " && first != " "
  }

  static func doubleQuoted(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if c.value < 0x20 || c.value == 0x7F {
          out += "\\x" + RuamelEmitter.hex(c.value, digits: 2)
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }

  // MARK: - JSON (as Python's `json.dumps`, but keeping non-ASCII text as it is)

  static func json(_ value: DVCValue) -> String? {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let f):
      if f.isNaN { return "NaN" }
      if f.isInfinite { return f > 0 ? "Infinity" : "-Infinity" }
      return PythonText.float(f)
    case .string(let s), .timestamp(let s): return jsonString(s)
    case .bigInt(let digits): return digits
    case .list(let items):
      var parts: [String] = []
      for item in items { guard let t = json(item) else { return nil }; parts.append(t) }
      return "[" + parts.joined(separator: ", ") + "]"
    case .dict(let entries):
      var parts: [String] = []
      for entry in entries {
        guard let t = json(entry.value) else { return nil }; parts.append(jsonString(entry.key) + ": " + t)
      }
      return "{" + parts.joined(separator: ", ") + "}"
    }
  }

  static func jsonString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if c.value < 0x20 {
          out += "\\u" + RuamelEmitter.hex(c.value, digits: 4).lowercased()
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }

  // MARK: - TOML

  static func toml(_ value: DVCValue) -> String? {
    switch value {
    case .null: return nil
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let f):
      if f.isNaN { return "nan" }
      if f.isInfinite { return f > 0 ? "inf" : "-inf" }
      return PythonText.float(f)
    case .timestamp(let t), .bigInt(let t): return t
    case .string(let s): return jsonString(s)
    case .list(let items):
      var parts: [String] = []
      for item in items { guard let t = toml(item) else { return nil }; parts.append(t) }
      return "[" + parts.joined(separator: ", ") + "]"
    case .dict(let entries):
      var parts: [String] = []
      for entry in entries {
        guard let t = toml(entry.value) else { return nil }
        let key =
          !entry.key.isEmpty && entry.key.utf8.allSatisfy(TOMLParser.isBareKeyByte) ? entry.key : jsonString(entry.key)
        parts.append(key + " = " + t)
      }
      return parts.isEmpty ? "{}" : "{ " + parts.joined(separator: ", ") + " }"
    }
  }

  // MARK: - Python

  static func python(_ value: DVCValue) -> String? {
    switch value {
    case .float(let f) where !f.isFinite: return nil
    case .timestamp: return nil
    case .list(let items):
      var parts: [String] = []
      for item in items { guard let t = python(item) else { return nil }; parts.append(t) }
      return "[" + parts.joined(separator: ", ") + "]"
    case .dict(let entries):
      var parts: [String] = []
      for entry in entries {
        guard let t = python(entry.value) else { return nil }; parts.append(PythonText.quoted(entry.key) + ": " + t)
      }
      return "{" + parts.joined(separator: ", ") + "}"
    default:
      return PythonText.repr(value)
    }
  }
}
