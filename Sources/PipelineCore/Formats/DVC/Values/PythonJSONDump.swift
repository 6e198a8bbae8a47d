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
      guard let sorted = sortedByKey(entries) else { return false }
      out += "{"
      for (index, entry) in sorted.enumerated() {
        if index > 0 { out += ", " }
        string(entry.keyIsString ? entry.key : PythonKeys.writtenText(entry.key), to: &out)
        out += ": "
        guard write(entry.value, to: &out) else { return false }
      }
      out += "}"
    }
    return true
  }

  /// A Python dict holds each key once (the last written wins), and `sort_keys` orders them:
  /// strings by code point, numbers (and bools) by value. Nil where Python raises `TypeError`
  /// instead (strings with numbers, or `None` with any other key): DVC cannot hash that either.
  static func sortedByKey(_ entries: [DVCValue.Entry]) -> [DVCValue.Entry]? {
    var last: [[UInt8]: Int] = [:]
    for (index, entry) in entries.enumerated() { last[entry.pythonKey] = index }
    let kept = entries.enumerated().filter { last[$0.element.pythonKey] == $0.offset }.map(\.element)
    if kept.allSatisfy(\.keyIsString) {
      return kept.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
    }
    guard kept.count > 1 else { return kept }
    let numbered = kept.map { entry in (entry, entry.keyIsString ? nil : PythonKeys.sortValue(entry.key)) }
    guard numbered.allSatisfy({ $0.1 != nil }) else { return nil }
    return numbered.sorted { ($0.1 ?? 0) < ($1.1 ?? 0) }.map(\.0)
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
