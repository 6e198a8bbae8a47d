/// Reads the `params:` section into parameter specs.
///
/// A mapping with `type` or `default` declares a parameter; another mapping is a group whose
/// keys declare `group.name`; a plain value declares a parameter of the value's type.
enum ParameterReader {
  static let specKeys = [
    "type", "default", "required", "description", "min", "max", "choices", "pattern",
    "min_length", "max_length", "items", "must_exist",
  ]

  static func read(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> [ParameterSpec] {
    guard node.pairs != nil else {
      diagnostics.append(Diagnostic("expected a mapping of parameters, found \(node.kindName)", at: node.location))
      return []
    }
    var specs: [ParameterSpec] = []
    collect(node, prefix: "", into: &specs, diagnostics: &diagnostics)
    return specs
  }

  private static func collect(
    _ node: YAMLNode, prefix: String, into specs: inout [ParameterSpec], diagnostics: inout [Diagnostic]
  ) {
    let pairs = node.pairs ?? []
    var seen = Set<String>(minimumCapacity: pairs.count)
    for pair in pairs {
      guard let key = pair.key.scalar, ParameterName.isValid(key), prefix.isEmpty || !key.contains(".") else {
        diagnostics.append(
          Diagnostic(
            "'\(pair.key.scalar ?? "?")' is not a parameter name; expected letters, digits and '_' (with '.' for groups)",
            at: pair.key.location))
        continue
      }
      let name = prefix.isEmpty ? key : prefix + "." + key
      guard seen.insert(key).inserted else {
        diagnostics.append(Diagnostic("parameter '\(name)' is declared twice", at: pair.key.location))
        continue
      }
      if let pairs = pair.value.pairs, !pairs.isEmpty, !pairs.contains(where: { isSpecKey($0.key.scalar ?? "") }) {
        collect(pair.value, prefix: name, into: &specs, diagnostics: &diagnostics)
      } else if pair.value.pairs != nil {
        if let spec = spec(name, pair.value, at: pair.key.location, diagnostics: &diagnostics) { specs.append(spec) }
      } else {
        specs.append(inferredSpec(name, pair.value, at: pair.key.location))
      }
    }
  }

  /// A key that declares a parameter: one of the spec keys, or a near miss of one (`tpye`),
  /// so a typo is reported as an unknown key instead of silently declaring a group.
  private static func isSpecKey(_ key: String) -> Bool {
    specKeys.contains(key)
      || (key.count >= 3 && Suggestion.closest(to: key, in: ["type", "default", "required"]) != nil)
  }

  private static func inferredSpec(_ name: String, _ node: YAMLNode, at location: SourceLocation) -> ParameterSpec {
    let type: ParameterType
    switch ValueParser.inferred(node) {
    case .int: type = .int
    case .float: type = .float
    case .bool: type = .bool
    case .list: type = .list(items: .string)
    case .dict: type = .dict
    default: type = .string
    }
    return ParameterSpec(name: name, type: type, location: location, defaultValue: node.isNull ? nil : .yaml(node))
  }

  private static func spec(
    _ name: String, _ node: YAMLNode, at location: SourceLocation, diagnostics: inout [Diagnostic]
  ) -> ParameterSpec? {
    guard let keys = MappingReader(node, allowed: specKeys, context: "parameter '\(name)'", diagnostics: &diagnostics)
    else {
      return nil
    }
    let type = readType(keys, name: name, diagnostics: &diagnostics)
    // Arguments are evaluated in order, so diagnostics come in the order of the keys here.
    let spec = ParameterSpec(
      name: name, type: type, location: location, defaultValue: keys["default"].map { .yaml($0) },
      required: keys.bool("required", &diagnostics) ?? false, description: keys.string("description", &diagnostics),
      minimum: keys.number("min", &diagnostics), maximum: keys.number("max", &diagnostics),
      pattern: keys.string("pattern", &diagnostics), minLength: keys.int("min_length", &diagnostics),
      maxLength: keys.int("max_length", &diagnostics), mustExist: keys.bool("must_exist", &diagnostics) ?? false)
    checkKeysFitType(spec, keys, diagnostics: &diagnostics)
    return spec
  }

  private static func readType(_ keys: MappingReader, name: String, diagnostics: inout [Diagnostic]) -> ParameterType {
    let typeName = keys.string("type", &diagnostics) ?? "string"
    func base(_ word: String, at location: SourceLocation?) -> ParameterType {
      switch word {
      case "string": return .string
      case "int": return .int
      case "float": return .float
      case "bool": return .bool
      case "dict": return .dict
      case "path": return .path
      case "secret": return .secret
      case "choice", "list": return .string
      default:
        diagnostics.append(
          Diagnostic(
            "unknown type '\(word)' for parameter '\(name)'; expected one of \(ParameterType.declarableNames.joined(separator: ", "))",
            at: location
          ).suggesting(word, from: ParameterType.declarableNames))
        return .string
      }
    }
    switch typeName {
    case "choice":
      let choices = keys.scalarList("choices", &diagnostics).map(\.0)
      if choices.isEmpty {
        diagnostics.append(
          Diagnostic("choice parameter '\(name)' needs 'choices: [a, b, ...]'", at: keys.keyLocations["type"]))
      }
      return .choice(choices)
    case "list":
      let items = keys.string("items", &diagnostics) ?? "string"
      if items == "list" || items == "choice" || items == "secret" {
        diagnostics.append(
          Diagnostic(
            "list items may be string, int, float, bool, path or dict, not \(items)", at: keys["items"]?.location))
        return .list(items: .string)
      }
      return .list(items: base(items, at: keys["items"]?.location))
    default:
      return base(typeName, at: keys["type"]?.location)
    }
  }

  private static func checkKeysFitType(_ spec: ParameterSpec, _ keys: MappingReader, diagnostics: inout [Diagnostic]) {
    let numeric = spec.type == .int || spec.type == .float
    for key in ["min", "max"] where keys[key] != nil && !numeric {
      diagnostics.append(
        Diagnostic("'\(key)' applies to int and float parameters, not \(spec.type.name)", at: keys.keyLocations[key]))
    }
    if keys["choices"] != nil, case .choice = spec.type {
    } else if keys["choices"] != nil {
      diagnostics.append(
        Diagnostic(
          "'choices' applies to choice parameters; did you mean 'type: choice'?", at: keys.keyLocations["choices"]))
    }
    if keys["items"] != nil, case .list = spec.type {
    } else if keys["items"] != nil {
      diagnostics.append(Diagnostic("'items' applies to list parameters", at: keys.keyLocations["items"]))
    }
    if let pattern = spec.pattern, (try? Regex(pattern)) == nil {
      diagnostics.append(Diagnostic("'\(pattern)' is not a valid regular expression", at: keys["pattern"]?.location))
    }
    if spec.isSecret, let value = keys["default"], !(value.scalar?.contains("${") ?? false) {
      diagnostics.append(
        Diagnostic(
          "a secret parameter cannot have a default (it would be written in the file); bind it with 'secret \(spec.name)'",
          at: keys.keyLocations["default"]))
    }
  }
}
