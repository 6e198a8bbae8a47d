/// Python's `json.dumps(value, sort_keys=True)` with its defaults (`", "` and `": "` between
/// items, `ensure_ascii`, floats as `repr`, `NaN` and `Infinity`), byte for byte: DVC hashes this
/// text to name its run-cache entries (`dvc.utils.dict_sha256`).
package enum PythonJSONDump {
  /// The text, or nil for a value `json.dumps` refuses (a date: DVC cannot hash it either).
  package static func dumps(_ value: DVCValue) -> String? {
    var out = ""
    return write(value, to: &out) ? out : nil
  }

  private static func write(_ value: DVCValue, to out: inout String) -> Bool {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .bigInt(let digits): out += digits
    case .float(let f): out += number(f)
    case .string(let s): string(s, to: &out)
    case .timestamp: return false
    case .list(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += ", " }
        guard write(item, to: &out) else { return false }
      }
      out += "]"
    case .dict(let entries):
      out += "{"
      for (index, entry) in sortedByKey(entries).enumerated() {
        if index > 0 { out += ", " }
        string(entry.key, to: &out)
        out += ": "
        guard write(entry.value, to: &out) else { return false }
      }
      out += "}"
    }
    return true
  }

  /// A Python dict holds each key once (the last written wins), and `sort_keys` orders them by
  /// code point.
  static func sortedByKey(_ entries: [DVCValue.Entry]) -> [DVCValue.Entry] {
    var last: [String: Int] = [:]
    for (index, entry) in entries.enumerated() { last[entry.key] = index }
    return entries.enumerated().filter { last[$0.element.key] == $0.offset }.map(\.element)
      .sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
  }

  /// `float.__repr__`, with JSON's names for the values it has no number for.
  static func number(_ f: Double) -> String {
    if f.isNaN { return "NaN" }
    if f.isInfinite { return f > 0 ? "Infinity" : "-Infinity" }
    return PythonText.float(f)
  }

  /// A string with `ensure_ascii`, as DVC's folder manifests write them too.
  static func string(_ s: String, to out: inout String) {
    out += DVCHashing.jsonString(s)
  }
}
