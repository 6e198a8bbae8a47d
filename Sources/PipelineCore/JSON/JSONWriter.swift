/// Writes `JSONValue`s as text: compact for the run store, indented for people and scripts
/// reading `--json` output. Non-finite numbers, which JSON cannot hold, are written as null.
package enum JSONWriter {
  /// The document as text; `indent` spaces per level, or compact when 0.
  package static func text(_ value: JSONValue, indent: Int = 0) -> String {
    var out = ""
    write(value, into: &out, indent: indent, level: 0)
    return out
  }

  private static func write(_ value: JSONValue, into out: inout String, indent: Int, level: Int) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .double(let d): out += number(d)
    case .string(let s): quote(s, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        newline(into: &out, indent: indent, level: level + 1)
        write(item, into: &out, indent: indent, level: level + 1)
      }
      newline(into: &out, indent: indent, level: level)
      out += "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (index, pair) in pairs.enumerated() {
        if index > 0 { out += "," }
        newline(into: &out, indent: indent, level: level + 1)
        quote(pair.0, into: &out)
        out += indent > 0 ? ": " : ":"
        write(pair.1, into: &out, indent: indent, level: level + 1)
      }
      newline(into: &out, indent: indent, level: level)
      out += "}"
    }
  }

  private static func newline(into out: inout String, indent: Int, level: Int) {
    guard indent > 0 else { return }
    out += "\n" + String(repeating: " ", count: indent * level)
  }

  /// The shortest text that reads back as the same double; integral values keep a `.0`.
  package static func number(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) + ".0" }
    return "\(d)"
  }

  /// Appends `s` as a JSON string literal.
  package static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
