/// A step field (`run:`, an `env:` value, `cwd:`) as text in an Argo container.
///
/// - `${name}` becomes `{{workflow.parameters.NAME}}`, which Argo fills in when the workflow
///   runs, so a parameter given at submission reaches every step that uses it; a value the
///   steps read from a file themselves (`ArgoFileValues`) is written as it is in the file.
/// - A secret becomes `$(PIPESHELL_SECRET_NAME)`, which Kubernetes fills in from an environment
///   variable set from the Secret (only in `env:` values, or on a command line that allows it).
/// - `${env:}`, `${cmd:}` and `${file:}` are pipeshell's machine's, not the cluster's: they are
///   resolved at export (from the snapshot, or the environment given) and recorded.
/// - Kubernetes expands `$(NAME)` and reduces `$$` to `$` in a container's command, arguments
///   and environment values, so every `$` of pipeshell's own text is written `$$` there.
struct ArgoFieldText {
  /// Where the text goes: whether Kubernetes expands `$` in it and whether a secret may go in.
  enum Place {
    case commandLine(allowsSecrets: Bool)
    case environmentValue
    case path
  }

  /// The translated text, the secrets it reads, the dynamic values it used and the parameters
  /// it wrote as in their files.
  struct Result {
    var text = ""
    var secrets: [String] = []
    var resolved: [(source: String, value: String)] = []
    var fileValues: [String] = []
  }

  let snapshot: Snapshot
  let names: ArgoNames
  let environment: [String: String]
  /// Reads what the snapshot did not (step fields are read when a run is planned).
  let sources: (any DynamicSources)?
  let folder: String
  let step: String
  /// The values written as in their files instead of as workflow parameters.
  var fileValues = ArgoFileValues()

  func translate(_ field: Field, name: String, in place: Place) throws(ArgoExportProblem) -> Result {
    var result = Result()
    for part in field.template.parts {
      switch part {
      case .literal(let text):
        let written = field.template.dialect == .pipeshell ? text : DVCTemplateRenderer.unescaped(text)
        result.text += try literal(written, field: name, in: place)
      case .parameter(let parameter): result.text += try reference(parameter, field: name, in: place, into: &result)
      case .dvcValue(let value):
        result.text += try dvcReference(value, template: field.template, field: name, in: place, into: &result)
      case .environment(let variable, let fallback):
        // The same rule as the template engine: `:-` also when set but empty, `-` only when unset.
        let set = environment[variable].flatMap { $0.isEmpty && fallback?.whenEmpty == true ? nil : $0 }
        guard let value = set ?? fallback?.text else {
          throw .unresolvedDynamicValue(step: step, field: name, source: "env:\(variable)")
        }
        result.resolved.append(("env:\(variable)", value))
        result.text += try literal(value, field: name, in: place)
      case .command(let command):
        let value = try dynamic("cmd:" + command, field: name) { $0.commandOutput(command, in: folder) }
        result.resolved.append(("cmd:" + command, value))
        result.text += try literal(value, field: name, in: place)
      case .file(let path):
        let full = path.hasPrefix("/") ? path : folder + "/" + path
        let value = try dynamic("file:" + path, field: name) { $0.fileContents(full) }
        result.resolved.append(("file:" + path, value))
        result.text += try literal(value, field: name, in: place)
      }
    }
    return result
  }

  /// The environment variable that carries secret `parameter` into the container.
  static func secretVariable(_ parameter: String) -> String {
    "PIPESHELL_SECRET_" + ParameterName.environmentSuffix(parameter)
  }

  private func literal(_ text: String, field: String, in place: Place) throws(ArgoExportProblem) -> String {
    if text.contains("{{") { throw .templateTag(step: step, field: field) }
    switch place {
    case .commandLine, .environmentValue: return text.replacing("$", with: "$$")
    case .path: return text
    }
  }

  private func reference(_ parameter: String, field: String, in place: Place, into result: inout Result)
    throws(ArgoExportProblem) -> String
  {
    guard let resolved = snapshot.parameters[parameter] else { throw .missingValue(step: step, parameter: parameter) }
    guard resolved.isSecret else {
      if let value = fileValues.value(of: parameter) {
        if !result.fileValues.contains(parameter) { result.fileValues.append(parameter) }
        let context: RenderingContext
        switch place {
        case .commandLine: context = .commandLine
        case .environmentValue: context = .environment
        case .path: context = .text
        }
        return try literal(value.rendered(for: context), field: field, in: place)
      }
      guard let argo = names.parameters[parameter] else { throw .missingValue(step: step, parameter: parameter) }
      return "{{workflow.parameters.\(argo)}}"
    }
    switch place {
    case .commandLine(allowsSecrets: false): throw .secretInCommand(step: step, parameter: parameter)
    case .path: throw .secretInField(step: step, field: field, parameter: parameter)
    case .commandLine(allowsSecrets: true), .environmentValue:
      if !result.secrets.contains(parameter) { result.secrets.append(parameter) }
      return "$(\(Self.secretVariable(parameter)))"
    }
  }

  /// A DVC stage's `${...}`: a workflow parameter where it reads one value whose text DVC and
  /// Argo write alike (text, a number, a bool) that is not read from a file; otherwise (a value
  /// of a params file, a dict unpacked into options, a list item, a section, a null) its text
  /// now, from the snapshot, as DVC renders it.
  private func dvcReference(
    _ value: DVCValueReference, template: Template, field: String, in place: Place, into result: inout Result
  ) throws(ArgoExportProblem) -> String {
    if value.pieces.count == 1, value.pieces[0].path.isEmpty, value.index.isEmpty,
      let resolved = snapshot.parameters[value.pieces[0].parameter]?.value, resolved.isDVCScalarText,
      fileValues.value(of: value.pieces[0].parameter) == nil
    {
      return try reference(value.pieces[0].parameter, field: field, in: place, into: &result)
    }
    for name in value.parameters where snapshot.parameters[name]?.isSecret ?? false {
      throw .secretInField(step: step, field: field, parameter: name)
    }
    for name in value.parameters where fileValues.value(of: name) != nil && !result.fileValues.contains(name) {
      result.fileValues.append(name)
    }
    let single = Template(parts: [.dvcValue(value)], source: "${\(value.expression)}", dialect: template.dialect)
    let evaluator = TemplateEvaluator(
      dynamic: DynamicValues(sources: NoDynamicSources(), environment: [:], folder: folder)
    ) {
      name in
      guard let value = snapshot.parameters[name]?.value else { return .unknown }
      return .value(value, secret: false)
    }
    switch evaluator.render(single, for: .text) {
    case .success(let rendered): return try literal(rendered.text, field: field, in: place)
    case .failure: throw .missingValue(step: step, parameter: value.parameters.first ?? value.expression)
    }
  }

  /// The value of `${source}`: as the snapshot recorded it, else read now (trimmed, as a run
  /// reads it), else refused.
  private func dynamic(
    _ source: String, field: String, read: (any DynamicSources) -> Swift.Result<String, DynamicSourceFailure>
  ) throws(ArgoExportProblem) -> String {
    if let recorded = snapshot.dynamicValues.first(where: { $0.source == source }) { return recorded.value }
    guard let sources else { throw .unresolvedDynamicValue(step: step, field: field, source: source) }
    switch read(sources) {
    case .success(let text): return text.trimmingSpaces
    case .failure(let failure):
      throw .dynamicValueFailed(step: step, field: field, source: source, message: failure.message)
    }
  }
}

/// No outside world: DVC's templates read none.
private struct NoDynamicSources: DynamicSources {
  func commandOutput(_ command: String, in folder: String) -> Result<String, DynamicSourceFailure> {
    .failure(DynamicSourceFailure("not read at export"))
  }
  func fileContents(_ path: String) -> Result<String, DynamicSourceFailure> {
    .failure(DynamicSourceFailure("not read at export"))
  }
  func fileExists(_ path: String) -> Bool { false }
}

extension Value {
  /// True when DVC writes the value into a string as pipeshell's text does (so a workflow
  /// parameter can stand for it).
  fileprivate var isDVCScalarText: Bool {
    switch self {
    case .string, .int, .bool: return true
    case .float(let f): return Value.format(f) == PythonText.float(f)
    default: return false
    }
  }
}
