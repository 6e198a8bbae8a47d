/// Reads `pipeshell.yaml` against a loaded DVC project: every parameter it names must exist
/// (or be declared a secret), every stage it names must exist, each declared type must fit the
/// value in the params file; unknown names are errors with "did you mean".
package struct DVCOverlayReader: Sendable {
  static let topKeys = ["params", "profiles", "stages"]
  static let stageKeys = ["env"]

  package init() {}

  package func read(_ text: String, file: String, project: DVCProject) throws(DiagnosticError) -> (
    DVCOverlay, [Diagnostic]
  ) {
    let root = try YAMLReader().read(text, file: file)
    var diagnostics: [Diagnostic] = []
    var overlay = DVCOverlay(file: file, parameters: [], profiles: [], environment: [])
    guard let top = MappingReader(root, allowed: Self.topKeys, context: file, diagnostics: &diagnostics) else {
      throw DiagnosticError(diagnostics)
    }
    let existing = Dictionary(
      project.parameters.map { ($0.writtenName, $0) }, uniquingKeysWith: { first, _ in first })
    if let params = top["params"] {
      overlay.parameters = parameters(params, existing: existing, diagnostics: &diagnostics)
    }
    let known = Set(existing.keys).union(overlay.parameters.map(\.name))
    if let profiles = top["profiles"] {
      overlay.profiles = self.profiles(profiles, known: known, diagnostics: &diagnostics)
    }
    if let stages = top["stages"] {
      overlay.environment = environment(stages, project: project, diagnostics: &diagnostics)
    }
    diagnostics = PipelineLoader.inFileOrder(diagnostics)
    if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticError(diagnostics) }
    return (overlay, diagnostics)
  }

  // MARK: - Parameters

  private func parameters(_ node: YAMLNode, existing: [String: DVCParameter], diagnostics: inout [Diagnostic])
    -> [ParameterSpec]
  {
    var specs: [ParameterSpec] = []
    collect(node, prefix: [], existing: existing, into: &specs, diagnostics: &diagnostics)
    return specs
  }

  private func collect(
    _ node: YAMLNode, prefix: [String], existing: [String: DVCParameter], into specs: inout [ParameterSpec],
    diagnostics: inout [Diagnostic]
  ) {
    guard let pairs = node.pairs else {
      diagnostics.append(Diagnostic("expected a mapping of parameters, found \(node.kindName)", at: node.location))
      return
    }
    for pair in pairs {
      guard let key = pair.key.scalar else {
        diagnostics.append(Diagnostic("expected a parameter name", at: pair.key.location))
        continue
      }
      let segments: [String]
      switch ParameterKeyPath.parse(key) {
      case .success(let path): segments = prefix + path.segments
      case .failure(let problem):
        var at = pair.key.location
        at.column += problem.offset
        diagnostics.append(Diagnostic("'\(key)' is not a parameter name: \(problem.message)", at: at))
        continue
      }
      let name = ParameterKeyPath(segments).description
      if let fields = pair.value.pairs, !fields.isEmpty,
        !fields.contains(where: { ParameterReader.specKeys.contains($0.key.scalar ?? "") }), existing[name] == nil
      {
        collect(pair.value, prefix: segments, existing: existing, into: &specs, diagnostics: &diagnostics)
        continue
      }
      guard let spec = DVCOverlaySpec.read(name, pair.value, at: pair.key.location, diagnostics: &diagnostics) else {
        continue
      }
      if specs.contains(where: { $0.name == name }) {
        diagnostics.append(Diagnostic("parameter '\(name)' is declared twice", at: pair.key.location))
        continue
      }
      if let parameter = existing[name] {
        if spec.isSecret {
          diagnostics.append(
            Diagnostic(
              "'\(name)' is a value of \(parameter.source.file), so it cannot be a secret", at: pair.key.location,
              notes: ["a secret never reaches a file; declare a new name and pass it with 'env:'"]))
        } else if case .choice(let choices) = spec.type, !choices.contains(PythonText.str(parameter.value)) {
          diagnostics.append(
            Diagnostic(
              "the value of '\(name)' at \(parameter.location) (\(PythonText.repr(parameter.value))) is not one of "
                + choices.joined(separator: ", "), at: pair.key.location))
        } else if let problem = DVCOverlaySpec.typeProblem(spec.type, parameter.value) {
          diagnostics.append(
            Diagnostic(
              "the value of '\(name)' at \(parameter.location) is \(problem), not \(spec.type.name)",
              at: pair.key.location))
        }
      } else if !spec.isSecret {
        diagnostics.append(
          Diagnostic("unknown parameter '\(name)': no params file holds it", at: pair.key.location)
            .suggesting(name, from: existing.keys))
        continue
      }
      specs.append(spec)
    }
  }

  // MARK: - Profiles

  private func profiles(_ node: YAMLNode, known: Set<String>, diagnostics: inout [Diagnostic]) -> [Profile] {
    guard let pairs = node.pairs else {
      diagnostics.append(Diagnostic("expected a mapping of profiles, found \(node.kindName)", at: node.location))
      return []
    }
    var profiles: [Profile] = []
    for pair in pairs {
      guard let name = pair.key.scalar else { continue }
      var bindings: [FileBinding] = []
      bind(pair.value, prefix: [], known: known, profile: name, into: &bindings, diagnostics: &diagnostics)
      profiles.append(Profile(name: name, bindings: bindings, location: pair.key.location))
    }
    return profiles
  }

  private func bind(
    _ node: YAMLNode, prefix: [String], known: Set<String>, profile: String, into bindings: inout [FileBinding],
    diagnostics: inout [Diagnostic]
  ) {
    guard let pairs = node.pairs else {
      diagnostics.append(Diagnostic("expected 'name: value' in profile '\(profile)'", at: node.location))
      return
    }
    for pair in pairs {
      guard let key = pair.key.scalar, case .success(let path) = ParameterKeyPath.parse(key) else {
        diagnostics.append(Diagnostic("'\(pair.key.scalar ?? "?")' is not a parameter name", at: pair.key.location))
        continue
      }
      let name = ParameterKeyPath(prefix + path.segments).description
      if known.contains(name) {
        bindings.append(FileBinding(name: name, node: pair.value, location: pair.key.location))
      } else if pair.value.pairs != nil, known.contains(where: { $0.hasPrefix(name + ".") || $0.hasPrefix(name + "[") })
      {
        bind(
          pair.value, prefix: prefix + path.segments, known: known, profile: profile, into: &bindings,
          diagnostics: &diagnostics)
      } else {
        diagnostics.append(
          Diagnostic("unknown parameter '\(name)' in profile '\(profile)'", at: pair.key.location).suggesting(
            name, from: known))
      }
    }
  }

  // MARK: - Stages

  private func environment(_ node: YAMLNode, project: DVCProject, diagnostics: inout [Diagnostic]) -> [(
    stage: String, entries: [EnvironmentEntry]
  )] {
    guard let pairs = node.pairs else {
      diagnostics.append(Diagnostic("expected a mapping of stages, found \(node.kindName)", at: node.location))
      return []
    }
    let names = project.stages.map(\.name) + project.stages.compactMap(\.group)
    var out: [(stage: String, entries: [EnvironmentEntry])] = []
    for pair in pairs {
      guard let stage = pair.key.scalar, names.contains(stage) else {
        let name = pair.key.scalar ?? "?"
        diagnostics.append(
          Diagnostic("unknown stage '\(name)' in \(pair.key.location.file)", at: pair.key.location).suggesting(
            name, from: Set(names)))
        continue
      }
      guard
        let keys = MappingReader(
          pair.value, allowed: Self.stageKeys, context: "stage '\(stage)'", diagnostics: &diagnostics),
        let env = keys["env"]
      else { continue }
      guard let entries = env.pairs else {
        diagnostics.append(Diagnostic("expected a mapping for 'env', found \(env.kindName)", at: env.location))
        continue
      }
      var list: [EnvironmentEntry] = []
      for entry in entries {
        guard let name = entry.key.scalar, let text = entry.value.scalar else {
          diagnostics.append(Diagnostic("expected 'NAME: value' in 'env'", at: entry.key.location))
          continue
        }
        if let field = StepReader.field(text, at: entry.value.location, diagnostics: &diagnostics) {
          list.append(EnvironmentEntry(name: name, value: field))
        }
      }
      out.append((stage, list))
    }
    return out
  }
}
