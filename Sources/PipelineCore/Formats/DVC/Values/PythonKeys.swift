/// A dict key that is not a string (`{0: w}`, `{1.5: w}`, `{true: w}` in YAML, or in a `.py`
/// file's dict), kept as Python's `str()` of it (`0`, `1.5`, `True`, `None`), and the other
/// forms DVC's tools give it: ruamel writes it in `dvc.lock`, `json.dumps` in a run-cache key,
/// and Python's `==` compares it.
enum PythonKeys {
  /// As ruamel and `json.dumps` write the key: `true`, `false`, `null`, numbers as they are.
  static func writtenText(_ key: String) -> String {
    switch key {
    case "True": "true"
    case "False": "false"
    case "None": "null"
    default: key
    }
  }

  /// As Python compares keys: `True` is `1`, `False` is `0`, an integral float its integer.
  static func numericText(_ key: String) -> String {
    switch key {
    case "True": return "1"
    case "False": return "0"
    default:
      if let number = Double(key), number == number.rounded(), abs(number) < 1e18 { return String(Int(number)) }
      return key
    }
  }

  /// The number a key sorts by (`sort_keys`), or nil for `None`, which Python cannot order.
  static func sortValue(_ key: String) -> Double? {
    key == "None" ? nil : Double(numericText(key))
  }
}
