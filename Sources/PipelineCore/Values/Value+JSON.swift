/// Typed values as JSON, so the run store keeps a value's type exactly: a list whose items hold
/// commas or quotes, a dict, a float that looks whole, Unicode. Each value is tagged with its
/// type (`{"int": 5}`, `{"list": [...]}`); a secret is written as `{"secret": null}`, never with
/// its value.
extension Value {
  /// The tagged JSON form.
  package var json: JSONValue {
    switch self {
    case .string(let s): return .object([("string", .string(s))])
    case .int(let i): return .object([("int", .int(i))])
    case .float(let f):
      return .object([("float", f.isFinite ? .double(f) : .string(Value.format(f)))])
    case .bool(let b): return .object([("bool", .bool(b))])
    case .list(let items): return .object([("list", .array(items.map(\.json)))])
    case .dict(let entries):
      return .object([("dict", .object(entries.map { ($0.key, $0.value.json) }))])
    case .secret: return .object([("secret", .null)])
    case .null: return .object([("null", .null)])
    }
  }

  /// The value read back from its tagged JSON form; nil for anything else (a secret comes back
  /// as nil too: its value was never written).
  package init?(json: JSONValue) {
    guard case .object(let pairs) = json, pairs.count == 1 else { return nil }
    let (tag, body) = pairs[0]
    switch (tag, body) {
    case ("string", .string(let s)): self = .string(s)
    case ("int", _):
      guard let i = body.int else { return nil }
      self = .int(i)
    case ("float", .string(let text)):
      guard let d = Double(text) else { return nil }
      self = .float(d)
    case ("float", _):
      guard let d = body.double else { return nil }
      self = .float(d)
    case ("bool", .bool(let b)): self = .bool(b)
    case ("list", .array(let items)):
      var values: [Value] = []
      for item in items {
        guard let value = Value(json: item) else { return nil }
        values.append(value)
      }
      self = .list(values)
    case ("dict", .object(let entries)):
      var values = ValueDict()
      for (key, item) in entries {
        guard let value = Value(json: item) else { return nil }
        values[key] = value
      }
      self = .dict(values)
    case ("null", .null): self = .null
    default: return nil
    }
  }

  /// Plain JSON for scripts (`--json` output): strings, numbers, booleans, arrays and objects;
  /// a secret is `"****"`.
  package var plainJSON: JSONValue {
    switch self {
    case .string(let s): return .string(s)
    case .int(let i): return .int(i)
    case .float(let f): return .double(f)
    case .bool(let b): return .bool(b)
    case .list(let items): return .array(items.map(\.plainJSON))
    case .dict(let entries): return .object(entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value.plainJSON) })
    case .secret: return .string(Secret.mask)
    case .null: return .null
    }
  }
}
