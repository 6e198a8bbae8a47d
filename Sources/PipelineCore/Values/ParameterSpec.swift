/// A parameter as declared in a pipeline file: its type, default and constraints.
///
/// The fields live in one shared, immutable box: a spec is copied into every resolved
/// parameter and through the validation rules, thousands of times for a large pipeline, and
/// a copy then costs one reference count instead of one per field. Setting a field makes a
/// new box; specs are set up once, when the pipeline is read.
package struct ParameterSpec: Sendable, Hashable {
  private struct Fields: Sendable, Hashable {
    var name: String
    var type: ParameterType
    var defaultValue: RawValue?
    var required: Bool
    var description: String?
    var minimum: Double?
    var maximum: Double?
    var pattern: String?
    var minLength: Int?
    var maxLength: Int?
    var mustExist: Bool
    var location: SourceLocation
    var loadedValue: Value?
  }

  private var box: SharedFields<Fields>

  /// A spec; what is not given is unset (no default, not required, no constraints).
  package init(
    name: String, type: ParameterType, location: SourceLocation, defaultValue: RawValue? = nil,
    required: Bool = false, description: String? = nil, minimum: Double? = nil, maximum: Double? = nil,
    pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, mustExist: Bool = false
  ) {
    box = SharedFields(
      Fields(
        name: name, type: type, defaultValue: defaultValue, required: required, description: description,
        minimum: minimum, maximum: maximum, pattern: pattern, minLength: minLength, maxLength: maxLength,
        mustExist: mustExist, location: location, loadedValue: nil))
  }

  /// Specs are equal when all their fields are.
  package static func == (a: ParameterSpec, b: ParameterSpec) -> Bool { a.box == b.box }
  package func hash(into hasher: inout Hasher) { box.hash(into: &hasher) }

  package var name: String {
    get { box.fields.name }
    set { box.set(\.name, newValue) }
  }
  package var type: ParameterType {
    get { box.fields.type }
    set { box.set(\.type, newValue) }
  }
  /// The default as written (it may hold `${...}` templates), or nil.
  package var defaultValue: RawValue? {
    get { box.fields.defaultValue }
    set { box.set(\.defaultValue, newValue) }
  }
  package var required: Bool {
    get { box.fields.required }
    set { box.set(\.required, newValue) }
  }
  package var description: String? {
    get { box.fields.description }
    set { box.set(\.description, newValue) }
  }
  package var minimum: Double? {
    get { box.fields.minimum }
    set { box.set(\.minimum, newValue) }
  }
  package var maximum: Double? {
    get { box.fields.maximum }
    set { box.set(\.maximum, newValue) }
  }
  package var pattern: String? {
    get { box.fields.pattern }
    set { box.set(\.pattern, newValue) }
  }
  package var minLength: Int? {
    get { box.fields.minLength }
    set { box.set(\.minLength, newValue) }
  }
  package var maxLength: Int? {
    get { box.fields.maxLength }
    set { box.set(\.maxLength, newValue) }
  }
  package var mustExist: Bool {
    get { box.fields.mustExist }
    set { box.set(\.mustExist, newValue) }
  }
  /// Where the parameter is declared.
  package var location: SourceLocation {
    get { box.fields.location }
    set { box.set(\.location, newValue) }
  }
  /// The value the pipeline's own params file held when the pipeline was loaded (a DVC
  /// project's values; nil elsewhere): the value its loaded texts were rendered from
  /// (`LoadedValues`). A rerun's recorded value, or a file edited since, is another value.
  package var loadedValue: Value? {
    get { box.fields.loadedValue }
    set { box.set(\.loadedValue, newValue) }
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
  /// A typed value read as it is, never interpolated (a value of a DVC params file: DVC gives
  /// `${` in a params value no meaning).
  case value(Value)
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
