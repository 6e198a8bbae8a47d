/// A parameter as declared in a pipeline file: its type, default and constraints.
package struct ParameterSpec: Sendable, Hashable {
  package var name: String
  package var type: ParameterType
  /// The default as written (it may hold `${...}` templates), or nil.
  package var defaultValue: RawValue?
  package var required: Bool
  package var description: String?
  package var minimum: Double?
  package var maximum: Double?
  package var pattern: String?
  package var minLength: Int?
  package var maxLength: Int?
  package var mustExist: Bool
  /// Where the parameter is declared.
  package var location: SourceLocation

  package init(name: String, type: ParameterType, location: SourceLocation) {
    self.name = name
    self.type = type
    self.required = false
    self.mustExist = false
    self.location = location
  }

  /// True for secret parameters.
  package var isSecret: Bool { type == .secret }

  /// A short summary of the type and constraints: `int, 1..1000`, `choice: a|b`.
  package var constraintSummary: String {
    var parts = [type.name]
    if case .choice(let options) = type { parts = ["choice " + options.joined(separator: "|")] }
    if minimum != nil || maximum != nil {
      parts.append("\(minimum.map(Self.bound) ?? "")..\(maximum.map(Self.bound) ?? "")")
    }
    if let pattern { parts.append(pattern) }
    if minLength != nil || maxLength != nil {
      parts.append("length \(minLength.map(String.init) ?? "0")..\(maxLength.map(String.init) ?? "")")
    }
    if mustExist { parts.append("must exist") }
    return parts.joined(separator: ", ")
  }

  private static func bound(_ d: Double) -> String {
    d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
  }
}

/// A value as a layer binds it, before interpolation and type parsing.
package enum RawValue: Sendable, Hashable {
  /// Written in a YAML file (pipeline default, params file, profile).
  case yaml(YAMLNode)
  /// Typed as text: at the prompt, in `--set`, or in an environment variable.
  case text(String)
  /// A secret read without echo.
  case secret(Secret)
  /// A secret to read when the parameters are resolved.
  case secretSource(SecretSource)
}

/// Where a secret bound with `secret NAME --from-...` is read from at resolution time.
package enum SecretSource: Sendable, Hashable, CustomStringConvertible {
  case environment(String)
  case file(String)
  case command(String)

  package var description: String {
    switch self {
    case .environment(let name): return "--from-env \(name)"
    case .file(let path): return "--from-file \(Value.quoteIfNeeded(path))"
    case .command(let command): return "--from-cmd \(Value.quoted(command))"
    }
  }
}
