/// Everything a resolution reads: the pipeline and each layer's bindings.
package struct ResolutionInput: Sendable {
  package var pipeline: Pipeline
  /// `params.yaml` and `load --params` files, in load order (later files win).
  package var fileBindings: [Binding]
  package var profile: String?
  /// The process environment, for `PIPESHELL_<NAME>` and `${env:VAR}`.
  package var environment: [String: String]
  package var sessionBindings: [Binding]
  package var runOverrides: [Binding]
  /// The profile layer as a run recorded it; when set it replaces the active profile's
  /// bindings (a rerun replays every layer as it was).
  package var recordedProfileBindings: [Binding]?
  /// The environment layer as a run recorded it; when set it replaces the `PIPESHELL_<NAME>`
  /// variables of `environment`.
  package var recordedEnvironmentBindings: [Binding]?

  package init(
    pipeline: Pipeline, fileBindings: [Binding] = [], profile: String? = nil, environment: [String: String] = [:],
    sessionBindings: [Binding] = [], runOverrides: [Binding] = []
  ) {
    self.pipeline = pipeline
    self.fileBindings = fileBindings
    self.profile = profile
    self.environment = environment
    self.sessionBindings = sessionBindings
    self.runOverrides = runOverrides
  }

  /// Environment variables that name parameters are bindings of the `env` layer.
  package static let environmentPrefix = "PIPESHELL_"
  /// Variables pipeshell itself sets or reads, never parameter bindings.
  static let reservedEnvironment: Set<String> = ["PIPESHELL_RUN_ID", "PIPESHELL_STEP", "PIPESHELL_HISTORY"]

  /// The bindings above the parameters' own defaults, grouped by parameter, highest layer
  /// first, with warnings for undeclared `PIPESHELL_` variables. A parameter's bindings are
  /// these followed by `defaultBinding` of its spec; most parameters have none here, so no
  /// list is built for them.
  func bindingsAboveDefaults() -> (bindings: [String: [Binding]], warnings: [Diagnostic]) {
    var byName: [String: [Binding]] = [:]
    byName.reserveCapacity(fileBindings.count)  // a DVC project binds every params value
    func add(_ b: Binding) { byName[b.name, default: []].append(b) }
    if pipeline.declaresANameTwice {
      // A later declaration's default ranks above the first one's, which the spec keeps.
      for (position, spec) in pipeline.parameters.enumerated() where pipeline.parameterPosition(spec.name) != position {
        defaultBinding(spec).map(add)
      }
    }
    fileBindings.forEach(add)
    profileBindings.forEach(add)
    let (environmentBindings, warnings) = recordedEnvironmentBindings.map { ($0, []) } ?? environmentLayer()
    environmentBindings.forEach(add)
    sessionBindings.forEach(add)
    runOverrides.forEach(add)
    for key in byName.keys { byName[key]?.reverse() }
    return (byName, warnings)
  }

  /// The environment layer: `PIPESHELL_<NAME>` variables (or those recorded).
  package var environmentBindings: [Binding] { recordedEnvironmentBindings ?? environmentLayer().0 }

  /// The active profile's bindings (or those recorded).
  var profileBindings: [Binding] {
    if let recordedProfileBindings { return recordedProfileBindings }
    guard let name = profile, let profile = pipeline.profile(name) else { return [] }
    return profile.bindings.map {
      Binding(name: $0.name, raw: .yaml($0.node), layer: .profile, source: .profile(name, $0.node.location))
    }
  }

  /// Every binding above the defaults, lowest layer first: what a run records so that a rerun
  /// can replay each layer as it was.
  package var bindingsAboveDefaultsInOrder: [Binding] {
    fileBindings + profileBindings + (recordedEnvironmentBindings ?? environmentLayer().0) + sessionBindings
      + runOverrides
  }

  /// Environment variables that hold secrets: the `--from-env` sources of secret bindings and
  /// the `PIPESHELL_<NAME>` variables of secret parameters. A template that reads one is secret.
  package var secretEnvironmentNames: Set<String> {
    var names = Set<String>()
    for binding in sessionBindings + runOverrides {
      if case .secretSource(.environment(let variable)) = binding.raw { names.insert(variable) }
    }
    for spec in pipeline.parameters where spec.isSecret {
      names.insert(Self.environmentPrefix + ParameterName.environmentSuffix(spec.name))
    }
    return names
  }

  /// The binding of the default layer for a parameter, or nil when it has no default.
  func defaultBinding(_ spec: ParameterSpec) -> Binding? {
    guard let value = spec.defaultValue else { return nil }
    let location: SourceLocation
    if case .yaml(let node) = value { location = node.location } else { location = spec.location }
    return Binding(name: spec.name, raw: value, layer: .default, source: .pipelineDefault(location))
  }

  private func environmentLayer() -> ([Binding], [Diagnostic]) {
    // Usually no variable has the prefix; then the name table below is not worth building.
    guard environment.keys.contains(where: { $0.hasPrefix(Self.environmentPrefix) }) else { return ([], []) }
    var bySuffix: [String: String] = [:]
    for spec in pipeline.parameters { bySuffix[ParameterName.environmentSuffix(spec.name)] = spec.name }
    var bindings: [Binding] = []
    var warnings: [Diagnostic] = []
    for (key, value) in environment where key.hasPrefix(Self.environmentPrefix) {
      let suffix = String(key.dropFirst(Self.environmentPrefix.count))
      if let name = bySuffix[suffix] {
        bindings.append(Binding(name: name, raw: .text(value), layer: .environment, source: .environment(key)))
      } else if !Self.reservedEnvironment.contains(key) {
        // Compare the part after the prefix, so the shared prefix does not make every name look close.
        var warning = Diagnostic("environment variable \(key) names no parameter of this pipeline", severity: .warning)
        if let match = Suggestion.closest(to: suffix, in: bySuffix.keys.sorted()) {
          warning.notes.append("did you mean '\(Self.environmentPrefix + match)'?")
        }
        warnings.append(warning)
      }
    }
    return (bindings.sorted { $0.name < $1.name }, warnings.sorted { $0.message < $1.message })
  }
}
