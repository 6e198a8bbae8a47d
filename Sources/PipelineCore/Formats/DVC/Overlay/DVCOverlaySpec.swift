/// One parameter declaration of `pipeshell.yaml`, read with the keys of pipeshell's own
/// pipeline format (`type`, `min`, `max`, `choices`, `pattern`, `description`, ...).
enum DVCOverlaySpec {
  static func read(_ name: String, _ node: YAMLNode, at location: SourceLocation, diagnostics: inout [Diagnostic])
    -> ParameterSpec?
  {
    guard
      let keys = MappingReader(
        node, allowed: ParameterReader.specKeys, context: "parameter '\(name)'", diagnostics: &diagnostics)
    else { return nil }
    if keys["default"] != nil {
      diagnostics.append(
        Diagnostic(
          "'default' has no place here: the value of '\(name)' is the one in its params file",
          at: keys.keyLocations["default"]))
    }
    let type = self.type(keys, name: name, diagnostics: &diagnostics)
    let spec = ParameterSpec(
      name: name, type: type, location: location, required: keys.bool("required", &diagnostics) ?? false,
      description: keys.string("description", &diagnostics), minimum: keys.number("min", &diagnostics),
      maximum: keys.number("max", &diagnostics), pattern: keys.string("pattern", &diagnostics),
      minLength: keys.int("min_length", &diagnostics), maxLength: keys.int("max_length", &diagnostics),
      mustExist: keys.bool("must_exist", &diagnostics) ?? false)
    if let pattern = spec.pattern {
      do {
        _ = try Regex(pattern)
      } catch {
        diagnostics.append(Diagnostic("'\(pattern)' is not a valid regular expression", at: keys["pattern"]?.location))
      }
    }
    let numeric = type == .int || type == .float
    for key in ["min", "max"] where keys[key] != nil && !numeric {
      diagnostics.append(
        Diagnostic("'\(key)' applies to int and float parameters, not \(type.name)", at: keys.keyLocations[key]))
    }
    return spec
  }

  private static func type(_ keys: MappingReader, name: String, diagnostics: inout [Diagnostic]) -> ParameterType {
    guard let word = keys.string("type", &diagnostics) else { return .string }
    switch word {
    case "string": return .string
    case "int": return .int
    case "float": return .float
    case "bool": return .bool
    case "dict": return .dict
    case "path": return .path
    case "secret": return .secret
    case "list": return .list(items: itemType(keys, &diagnostics))
    case "choice":
      let choices = keys.scalarList("choices", &diagnostics).map(\.0)
      if choices.isEmpty {
        diagnostics.append(
          Diagnostic("choice parameter '\(name)' needs 'choices: [a, b, ...]'", at: keys.keyLocations["type"]))
      }
      return .choice(choices)
    default:
      diagnostics.append(
        Diagnostic(
          "unknown type '\(word)' for parameter '\(name)'; expected one of \(ParameterType.declarableNames.joined(separator: ", "))",
          at: keys["type"]?.location
        ).suggesting(word, from: ParameterType.declarableNames))
      return .string
    }
  }

  private static func itemType(_ keys: MappingReader, _ diagnostics: inout [Diagnostic]) -> ParameterType {
    switch keys.string("items", &diagnostics) ?? "string" {
    case "int": return .int
    case "float": return .float
    case "bool": return .bool
    case "dict": return .dict
    case "path": return .path
    default: return .string
    }
  }

  /// Why a params file's value does not fit a declared type, or nil when it fits.
  static func typeProblem(_ type: ParameterType, _ value: DVCValue) -> String? {
    switch (type, value) {
    case (_, .null): return nil
    case (.string, .string), (.path, .string), (.int, .int), (.float, .float), (.float, .int), (.bool, .bool),
      (.dict, .dict):
      return nil
    case (.choice(let choices), .string(let s)): return choices.contains(s) ? nil : "'\(s)', not one of the choices"
    case (.choice(let choices), _):
      return choices.contains(PythonText.str(value)) ? nil : "\(PythonText.repr(value)), not one of the choices"
    case (.list(let items), .list(let values)):
      for item in values { if let problem = typeProblem(items, item) { return "a list holding \(problem)" } }
      return nil
    default:
      return "a \(value.pythonTypeName) (\(PythonText.repr(value)))"
    }
  }
}
