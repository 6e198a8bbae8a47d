/// Reads a YAML mapping's keys against the keys allowed there, collecting diagnostics
/// for unknown keys (with "did you mean"), duplicates and wrongly shaped nodes.
struct MappingReader {
  let node: YAMLNode
  let allowed: [String]
  let context: String
  private(set) var values: [String: YAMLNode] = [:]
  private(set) var keyLocations: [String: SourceLocation] = [:]
  private(set) var orderedKeys: [String] = []

  /// Reads `node` as a mapping; reports into `diagnostics` and returns nil when it is not one.
  init?(_ node: YAMLNode, allowed: [String], context: String, diagnostics: inout [Diagnostic]) {
    self.node = node
    self.allowed = allowed
    self.context = context
    guard let pairs = node.pairs else {
      if !node.isNull {
        diagnostics.append(Diagnostic("expected a mapping for \(context), found \(node.kindName)", at: node.location))
        return nil
      }
      return
    }
    for pair in pairs {
      guard let key = pair.key.scalar else {
        diagnostics.append(Diagnostic("expected a plain key in \(context)", at: pair.key.location))
        continue
      }
      if values[key] != nil {
        diagnostics.append(Diagnostic("duplicate key '\(key)' in \(context)", at: pair.key.location))
        continue
      }
      if !allowed.isEmpty, !allowed.contains(key) {
        diagnostics.append(
          Diagnostic(
            "unknown key '\(key)' in \(context); expected one of \(allowed.joined(separator: ", "))",
            at: pair.key.location
          ).suggesting(key, from: allowed))
        continue
      }
      values[key] = pair.value
      keyLocations[key] = pair.key.location
      orderedKeys.append(key)
    }
  }

  subscript(key: String) -> YAMLNode? { values[key].flatMap { $0.isNull ? nil : $0 } }

  /// The scalar text of a key, or a diagnostic when it is a collection.
  func string(_ key: String, _ diagnostics: inout [Diagnostic]) -> String? {
    guard let node = self[key] else { return nil }
    guard let text = node.scalar else {
      diagnostics.append(Diagnostic("expected text for '\(key)', found \(node.kindName)", at: node.location))
      return nil
    }
    return text
  }

  /// A boolean key.
  func bool(_ key: String, _ diagnostics: inout [Diagnostic]) -> Bool? {
    guard let text = string(key, &diagnostics) else { return nil }
    guard let value = ParameterType.boolWords[text.lowercased()] else {
      diagnostics.append(Diagnostic("expected true or false for '\(key)', found '\(text)'", at: self[key]?.location))
      return nil
    }
    return value
  }

  /// A number key.
  func number(_ key: String, _ diagnostics: inout [Diagnostic]) -> Double? {
    guard let text = string(key, &diagnostics) else { return nil }
    guard let value = Double(text) else {
      diagnostics.append(Diagnostic("expected a number for '\(key)', found '\(text)'", at: self[key]?.location))
      return nil
    }
    return value
  }

  /// A whole-number key.
  func int(_ key: String, _ diagnostics: inout [Diagnostic]) -> Int? {
    guard let text = string(key, &diagnostics) else { return nil }
    guard let value = Int(text), value >= 0 else {
      diagnostics.append(Diagnostic("expected a whole number for '\(key)', found '\(text)'", at: self[key]?.location))
      return nil
    }
    return value
  }

  /// A list of scalars; a single scalar counts as a list of one.
  func scalarList(_ key: String, _ diagnostics: inout [Diagnostic]) -> [(String, SourceLocation)] {
    guard let node = self[key] else { return [] }
    if let text = node.scalar { return [(text, node.location)] }
    guard let items = node.items else {
      diagnostics.append(Diagnostic("expected a list for '\(key)', found \(node.kindName)", at: node.location))
      return []
    }
    var out: [(String, SourceLocation)] = []
    for item in items {
      guard let text = item.scalar else {
        diagnostics.append(Diagnostic("expected text items in '\(key)', found \(item.kindName)", at: item.location))
        continue
      }
      out.append((text, item.location))
    }
    return out
  }
}
