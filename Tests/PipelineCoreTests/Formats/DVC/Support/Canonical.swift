@testable import PipelineCore

/// The canonical text of a value that `Scripts/dvc-oracle/oracle.py` prints for what DVC read,
/// so the two can be compared line by line: `int:1`, `float:1e-05`, `str:'a'`, `{'k': None}`.
enum Canonical {
  static func text(_ node: DVCNode) -> String {
    switch node.kind {
    case .null: return "None"
    case .bool(let b): return "bool:" + (b ? "True" : "False")
    case .int(let i): return "int:\(i)"
    case .bigInt(let digits): return "int:" + digits
    case .float(let f): return "float:" + PythonText.float(f)
    case .string(let s): return "str:" + PythonText.quoted(s)
    case .timestamp: return "date"
    case .list(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
    case .dict(let entries):
      let inner = entries.map { ($0.keyIsString ? PythonText.quoted($0.key) : "#" + $0.key) + ": " + text($0.value) }
      return "{" + inner.joined(separator: ", ") + "}"
    }
  }
}
