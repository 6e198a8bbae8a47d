/// Parses text and YAML nodes into typed values. Pure: no constraint beyond the type.
package enum ValueParser {
  /// Parses text typed at the prompt, in `--set`, an environment variable or an interpolation.
  package static func parse(_ text: String, as type: ParameterType) -> Result<Value, ValueProblem> {
    switch type {
    case .string, .path: return .success(.string(text))
    case .secret: return .success(.secret(Secret(text)))
    case .int:
      let trimmed = text.trimmingSpaces
      if let i = Int(trimmed) { return .success(.int(i)) }
      if let d = Double(trimmed), d == d.rounded(), abs(d) < 9e15 { return .success(.int(Int(d))) }
      return .failure(.notOfType(text: text, expected: type))
    case .float:
      let trimmed = text.trimmingSpaces
      if let d = Double(trimmed), !trimmed.isEmpty { return .success(.float(d)) }
      return .failure(.notOfType(text: text, expected: type))
    case .bool:
      if let b = ParameterType.boolWords[text.trimmingSpaces.lowercased()] { return .success(.bool(b)) }
      return .failure(.notOfType(text: text, expected: type))
    case .choice(let choices):
      let trimmed = text.trimmingSpaces
      return choices.contains(trimmed)
        ? .success(.string(trimmed)) : .failure(.notAChoice(text: trimmed, choices: choices))
    case .list, .dict:
      return parseCollection(text, as: type)
    case .any:
      return .success(AnyValueParser.parse(text))
    }
  }

  /// Parses a node read from a YAML file.
  package static func parse(_ node: YAMLNode, as type: ParameterType) -> Result<Value, ValueProblem> {
    switch (node.kind, type) {
    case (_, .any):
      return .success(AnyValueParser.value(node))
    case (.scalar(let text, _), .list), (.scalar(let text, _), .dict):
      return parseCollection(text, as: type)
    case (.scalar(let text, _), _):
      return parse(text, as: type)
    case (.sequence(let items), .list(let itemType)):
      var values: [Value] = []
      for (index, item) in items.enumerated() {
        switch parse(item, as: itemType) {
        case .success(let v): values.append(v)
        case .failure(let problem): return .failure(.item(index: index, problem))
        }
      }
      return .success(.list(values))
    case (.mapping(let pairs), .dict):
      return .success(.dict(ValueDict(entries: pairs.map { ($0.key.scalar ?? "", inferred($0.value)) })))
    default:
      return .failure(.notOfType(text: node.kindName, expected: type))
    }
  }

  /// A value of no declared type: scalars become the narrowest of int, float, bool, string.
  package static func inferred(_ node: YAMLNode) -> Value {
    switch node.kind {
    case .scalar(let text, let quoted):
      if quoted { return .string(text) }
      if let i = Int(text) { return .int(i) }
      // A number too large for a float (`1e999`) stays text: infinity has no spelling that
      // reads back as a number here, and numbers read from outside are bounded.
      if let d = Double(text), d.isFinite, text.contains(where: { $0.isNumber }) { return .float(d) }
      if text == "true" || text == "false" { return .bool(text == "true") }
      return .string(text)
    case .sequence(let items): return .list(items.map(inferred))
    case .mapping(let pairs):
      return .dict(ValueDict(entries: pairs.map { ($0.key.scalar ?? "", inferred($0.value)) }))
    }
  }

  /// Lists and dicts typed as text are YAML flow collections (`[64, 32]`, `{team: ml}`);
  /// a list may also be written bare, `64,32`.
  private static func parseCollection(_ text: String, as type: ParameterType) -> Result<Value, ValueProblem> {
    let trimmed = text.trimmingSpaces
    var source = trimmed
    if case .list = type, !trimmed.hasPrefix("[") {
      source = trimmed.isEmpty ? "[]" : "[" + trimmed + "]"
    }
    guard let node = try? YAMLReader().read(source, file: "<value>") else {
      return .failure(.notOfType(text: text, expected: type))
    }
    if case .scalar = node.kind { return .failure(.notOfType(text: text, expected: type)) }
    return parse(node, as: type)
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and newlines.
  package var trimmingSpaces: String {
    // Most values have nothing to trim: when neither end byte can start or end a space
    // character, the text is returned as is, without walking its characters.
    func isSpaceByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    guard let first = utf8.first, let last = utf8.last else { return "" }
    if !isSpaceByte(first), !isSpaceByte(last) { return self }
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[start...end])
  }
}

extension ValueParser {
  /// A typed value as a parameter of `type` holds it: an int where a float is declared becomes
  /// a float, a string is checked against choices, a value of another type is refused. A value
  /// read from a file keeps its own type this way, and a declared type still applies to it.
  package static func coerce(_ value: Value, to type: ParameterType) -> Result<Value, ValueProblem> {
    switch (value, type) {
    case (_, .any), (.string, .string), (.string, .path), (.int, .int), (.float, .float), (.bool, .bool),
      (.dict, .dict):
      return .success(value)
    case (.int(let i), .float): return .success(.float(Double(i)))
    case (.float(let f), .int) where f == f.rounded() && abs(f) < 9e15: return .success(.int(Int(f)))
    case (.string(let s), .choice(let choices)):
      return choices.contains(s) ? .success(value) : .failure(.notAChoice(text: s, choices: choices))
    case (.string(let s), .secret): return .success(.secret(Secret(s)))
    case (.secret, .secret): return .success(value)
    case (.list(let items), .list(let itemType)):
      var out: [Value] = []
      for (index, item) in items.enumerated() {
        switch coerce(item, to: itemType) {
        case .success(let v): out.append(v)
        case .failure(let problem): return .failure(.item(index: index, problem))
        }
      }
      return .success(.list(out))
    case (.null, _): return .failure(.notOfType(text: "null", expected: type))
    default: return .failure(.notOfType(text: value.text, expected: type))
    }
  }
}
