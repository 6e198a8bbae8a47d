/// Loads a pipeline from YAML text: builds the model, then runs every validation rule and
/// reports all problems at once, each with file, line and column.
package struct PipelineLoader: Sendable {
  static let topLevelKeys = ["name", "description", "params", "profiles", "steps", "executor"]

  package init() {}

  /// Loads `text` read from `file`; `folder` is the pipeline's folder. Throws when any
  /// error was found; returns the pipeline and its warnings otherwise.
  package func load(text: String, file: String, folder: String) throws(DiagnosticError) -> (Pipeline, [Diagnostic]) {
    let root = try YAMLReader().read(text, file: file)
    var diagnostics: [Diagnostic] = []
    guard let top = MappingReader(root, allowed: Self.topLevelKeys, context: "the pipeline", diagnostics: &diagnostics),
      root.pairs != nil
    else {
      if diagnostics.isEmpty {
        diagnostics.append(Diagnostic("expected a mapping with 'params' and 'steps'", at: root.location))
      }
      throw DiagnosticError(diagnostics)
    }
    let defaultName = file.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? "pipeline"
    let name = top.string("name", &diagnostics) ?? defaultName
    let description = top.string("description", &diagnostics)
    let parameters = top["params"].map { ParameterReader.read($0, diagnostics: &diagnostics) } ?? []
    let profiles =
      top["profiles"].map {
        readProfiles($0, parameters: parameters, diagnostics: &diagnostics)
      } ?? []
    var steps = top["steps"].map { StepReader.read($0, diagnostics: &diagnostics) } ?? []
    if top["steps"] == nil {
      diagnostics.append(Diagnostic("the pipeline has no 'steps'", severity: .warning))
    }
    steps = PipelineRules.check(parameters: parameters, steps: steps, diagnostics: &diagnostics)
    var pipeline = Pipeline(
      name: name, description: description, file: file, folder: folder, parameters: parameters,
      profiles: profiles, steps: steps, sourceHash: StableHash.hex(text))
    pipeline.executor = top.string("executor", &diagnostics).flatMap {
      ExecutorName.checked($0, at: top["executor"]?.location, &diagnostics)
    }
    diagnostics = Self.inFileOrder(diagnostics)
    let errors = diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty { throw DiagnosticError(diagnostics) }
    return (pipeline, diagnostics)
  }

  /// Diagnostics sorted by line and column, so a reader meets them top to bottom.
  static func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      let la = a.element.location, lb = b.element.location
      switch (la, lb) {
      case (let x?, let y?): return (x.line, x.column, a.offset) < (y.line, y.column, b.offset)
      case (nil, _?): return false
      case (_?, nil): return true
      default: return a.offset < b.offset
      }
    }.map(\.element)
  }

  /// Reads `profiles:`; a profile may not bind a secret (its value would be written in the file).
  private func readProfiles(_ node: YAMLNode, parameters: [ParameterSpec], diagnostics: inout [Diagnostic]) -> [Profile]
  {
    let known = Set(parameters.map(\.name))
    let secrets = Set(parameters.filter(\.isSecret).map(\.name))
    guard let pairs = node.pairs else {
      diagnostics.append(Diagnostic("expected a mapping of profiles, found \(node.kindName)", at: node.location))
      return []
    }
    var profiles: [Profile] = []
    for pair in pairs {
      guard let name = pair.key.scalar else { continue }
      var bindings = BindingFileReader.bindings(
        in: pair.value, known: known, context: "profile '\(name)'", diagnostics: &diagnostics)
      for binding in bindings where secrets.contains(binding.name) {
        diagnostics.append(
          Diagnostic(
            "profile '\(name)' binds secret '\(binding.name)'; a secret's value is never written in a file",
            at: binding.location,
            notes: ["bind it with 'secret \(binding.name) --from-env VAR' (or --from-file, --from-cmd)"]))
      }
      bindings.removeAll { secrets.contains($0.name) }
      profiles.append(Profile(name: name, bindings: bindings, location: pair.key.location))
    }
    return profiles
  }
}

/// A small non-cryptographic hash (FNV-1a, 64 bits) for change detection of texts.
package enum StableHash {
  /// Returns 16 hex digits.
  package static func hex(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
