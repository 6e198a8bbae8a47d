/// Resolves every parameter of a pipeline into one `Snapshot`: picks each winning binding,
/// interpolates references (detecting cycles), reads each dynamic source once, parses the
/// result by the parameter's type and checks its constraints.
package struct Resolver: Sendable {
  package var sources: any DynamicSources

  package init(sources: any DynamicSources) { self.sources = sources }

  package func resolve(_ input: ResolutionInput) -> Snapshot {
    let (bindings, warnings) = input.bindingsByName()
    let work = ResolutionWork(input: input, bindings: bindings, sources: sources)
    for spec in input.pipeline.parameters { _ = work.resolve(spec.name) }
    return Snapshot(
      parameters: work.results, order: input.pipeline.parameterNames,
      dynamicValues: work.dynamicValues.filter { !work.secretSources.contains($0.source) },
      warnings: warnings)
  }
}

/// The state of one resolution: results so far, the reference stack, dynamic-source cache.
final class ResolutionWork {
  let input: ResolutionInput
  let bindings: [String: [Binding]]
  let sources: any DynamicSources
  var results: [String: ResolvedParameter] = [:]
  var dynamicValues: [DynamicValue] = []
  /// Dynamic sources that went into a secret: their values are never recorded.
  var secretSources: Set<String> = []
  private var commandCache: [String: Result<String, DynamicSourceFailure>] = [:]
  private var stack: [String] = []

  init(input: ResolutionInput, bindings: [String: [Binding]], sources: any DynamicSources) {
    self.input = input
    self.bindings = bindings
    self.sources = sources
    results.reserveCapacity(input.pipeline.parameters.count)
  }

  /// Resolves one parameter (memoized); returns its result, or a cycle problem.
  func resolve(_ name: String) -> ResolvedParameter? {
    if let done = results[name] { return done }
    guard let spec = input.pipeline.parameter(name) else { return nil }
    if let start = stack.firstIndex(of: name) {
      let cycle = (stack[start...] + [name]).joined(separator: " -> ")
      var failed = ResolvedParameter(spec: spec, value: nil, bindings: bindings[name] ?? [], inputs: [])
      failed.problem = Diagnostic("reference cycle: \(cycle)", at: spec.location)
      return failed
    }
    stack.append(name)
    defer { stack.removeLast() }
    let result = evaluate(spec)
    results[name] = result
    return result
  }

  private func evaluate(_ spec: ParameterSpec) -> ResolvedParameter {
    let candidates = bindings[spec.name] ?? []
    var result = ResolvedParameter(spec: spec, value: nil, bindings: candidates, inputs: [])
    guard let winner = candidates.first else {
      if spec.required {
        result.problem = Diagnostic(
          "parameter '\(spec.name)' is required and has no value",
          notes: [spec.isSecret ? "bind it with 'secret \(spec.name)'" : "set it with 'set \(spec.name) VALUE'"])
      }
      return result
    }
    var interpolation = Interpolation(work: self, folder: input.pipeline.folder)
    switch interpolation.value(of: winner.raw, as: spec.type) {
    case .success(let value):
      let final = interpolation.fromSecret && !value.containsSecret ? .secret(Secret(value.revealedText)) : value
      result.value = final
      if let problem = ConstraintChecker.check(final, against: spec) ?? pathProblem(final, spec) {
        result.value = nil
        result.problem = problemDiagnostic(spec, winner, problem.description)
      }
    case .failure(let failure):
      result.followsFromOtherProblem = failure.followsFromOtherProblem
      result.problem = failure.isCycle ? Diagnostic(failure.message, at: spec.location)
        : problemDiagnostic(spec, winner, failure.message)
    }
    result.inputs = interpolation.inputs
    if spec.isSecret || interpolation.fromSecret || (result.value?.containsSecret ?? false) {
      secretSources.formUnion(interpolation.dynamicSources)
    }
    return result
  }

  private func pathProblem(_ value: Value, _ spec: ParameterSpec) -> ValueProblem? {
    guard spec.mustExist, case .string(let path) = value else { return nil }
    let full = path.hasPrefix("/") ? path : input.pipeline.folder + "/" + path
    return sources.fileExists(full) ? nil : .pathMissing(path)
  }

  private func problemDiagnostic(_ spec: ParameterSpec, _ winner: Binding, _ message: String) -> Diagnostic {
    let at: SourceLocation? =
      switch winner.source {
      case .pipelineDefault(let l), .paramsFile(let l), .profile(_, let l): l
      default: nil
      }
    let origin: String =
      switch winner.source {
      case .command(let text, _): "\(winner.layer): \(text)"
      case .environment(let variable): "\(winner.layer): \(variable)"
      default: "\(winner.layer)"
      }
    return Diagnostic("invalid value for '\(spec.name)' (\(origin)): \(message)", at: at)
  }

  /// Runs a `${cmd:...}` once per resolution.
  func command(_ command: String) -> Result<String, DynamicSourceFailure> {
    if let cached = commandCache[command] { return cached }
    let result = sources.commandOutput(command, in: input.pipeline.folder).map(\.trimmingSpaces)
    commandCache[command] = result
    if case .success(let output) = result { dynamicValues.append(DynamicValue(source: "cmd:" + command, value: output)) }
    return result
  }

  /// Reads a `${file:...}` once per resolution.
  func file(_ path: String) -> Result<String, DynamicSourceFailure> {
    let full = path.hasPrefix("/") ? path : input.pipeline.folder + "/" + path
    let key = "\u{0}file:" + full
    if let cached = commandCache[key] { return cached }
    let result = sources.fileContents(full).map(\.trimmingSpaces)
    commandCache[key] = result
    if case .success(let text) = result { dynamicValues.append(DynamicValue(source: "file:" + path, value: text)) }
    return result
  }
}
