/// Resolves every parameter of a pipeline into one `Snapshot`: picks each winning binding,
/// interpolates references (detecting cycles), reads each dynamic source once (through
/// `DynamicValues`, shared by every resolution of a run), parses the result by the parameter's
/// type and checks its constraints.
package struct Resolver: Sendable {
  package var dynamic: DynamicValues

  /// A resolver reading through `dynamic` (one per run, so every resolution of it sees the
  /// same dynamic values).
  package init(dynamic: DynamicValues) { self.dynamic = dynamic }

  /// A resolver with dynamic values of its own, read afresh (for `params`, `explain`, ...).
  package init(sources: any DynamicSources, input: ResolutionInput) {
    dynamic = DynamicValues(sources: sources, environment: input.environment, folder: input.pipeline.folder)
  }

  package func resolve(_ input: ResolutionInput) -> Snapshot {
    let (bindings, warnings) = input.bindingsAboveDefaults()
    let work = ResolutionWork(input: input, bindingsAboveDefaults: bindings, dynamic: dynamic)
    let pipeline = input.pipeline
    let twice = pipeline.declaresANameTwice
    for position in pipeline.parameters.indices {
      // A name declared twice resolves once, at its first declaration.
      work.resolve(at: twice ? pipeline.parameterPosition(pipeline.parameters[position].name) ?? position : position)
    }
    dynamic.markSecret(Array(work.secretSources))
    var results = work.results
    Self.treatCopiesOfSecretsAsSecrets(&results, dynamic: dynamic)
    return Snapshot(
      parameters: results, order: pipeline.parameterNames, dynamicValues: dynamic.recorded, warnings: warnings)
  }

  /// A value that holds a secret's text (read from the secret's own source file, say, or its
  /// environment variable) is a secret too, as are dynamic values that hold one.
  static func treatCopiesOfSecretsAsSecrets(_ results: inout [String: ResolvedParameter], dynamic: DynamicValues) {
    let secrets = results.values.compactMap { $0.isSecret ? $0.value?.revealedText : nil }
      .filter { $0.utf8.count >= Secret.minimumLength }
    guard !secrets.isEmpty else { return }
    for (name, parameter) in results where !parameter.isSecret {
      guard let value = parameter.value else { continue }
      let text = value.revealedText
      guard secrets.contains(where: { text.contains($0) }) else { continue }
      results[name]?.value = .secret(Secret(text))
    }
    dynamic.markSecret(holding: secrets)
  }
}

/// The state of one resolution: results so far and the reference stack. Parameters are tracked
/// by their position in the pipeline's `parameters`, so resolving one costs a single name
/// lookup (storing its result) unless it interpolates others.
final class ResolutionWork {
  let input: ResolutionInput
  /// The bindings above the defaults, by name (see `ResolutionInput.bindingsAboveDefaults`).
  let bindingsAboveDefaults: [String: [Binding]]
  let dynamic: DynamicValues
  private(set) var results: [String: ResolvedParameter]
  /// By position: true once resolved (a name declared twice is resolved at its first position).
  private var resolved: [Bool]
  /// Dynamic sources that went into a secret: their values are never recorded.
  var secretSources: Set<String> = []
  /// The positions being resolved, innermost last.
  private var stack: [Int] = []
  /// Renders templates against this resolution (built once; its lookup resolves on demand).
  private(set) lazy var evaluator: TemplateEvaluator = {
    var evaluator = TemplateEvaluator(dynamic: dynamic) { [unowned self] name in self.reference(name) }
    evaluator.secretEnvironment = input.secretEnvironmentNames
    return evaluator
  }()

  init(input: ResolutionInput, bindingsAboveDefaults: [String: [Binding]], dynamic: DynamicValues) {
    self.input = input
    self.bindingsAboveDefaults = bindingsAboveDefaults
    self.dynamic = dynamic
    results = Dictionary(minimumCapacity: input.pipeline.parameters.count)
    resolved = Array(repeating: false, count: input.pipeline.parameters.count)
  }

  /// A parameter as a template being rendered sees it.
  private func reference(_ name: String) -> TemplateEvaluator.Reference {
    guard let resolved = resolve(name) else { return .unknown }
    if let problem = resolved.problem {
      let cycle = problem.message.hasPrefix("reference cycle")
      return .failed(
        .init(cycle ? problem.message : "'\(name)' has no valid value", isCycle: cycle, followsFromOtherProblem: !cycle)
      )
    }
    guard let value = resolved.value else { return .failed(.init("'\(name)' has no value")) }
    return .value(value, secret: resolved.isSecret)
  }

  /// Resolves one parameter by name (memoized); returns its result, nil for an undeclared
  /// name, or a cycle problem when the parameter is being resolved further up.
  func resolve(_ name: String) -> ResolvedParameter? {
    guard let position = input.pipeline.parameterPosition(name) else { return nil }
    if resolved[position] { return results[name] }
    if let start = stack.firstIndex(of: position) {
      let cycle = (stack[start...].map { input.pipeline.parameters[$0].name } + [name]).joined(separator: " -> ")
      let spec = input.pipeline.parameters[position]
      var failed = ResolvedParameter(spec: spec, value: nil, bindings: bindings(at: position), inputs: [])
      failed.problem = Diagnostic("reference cycle: \(cycle)", at: spec.location)
      return failed
    }
    resolve(at: position)
    return results[name]
  }

  /// Resolves the parameter at a position of the pipeline's `parameters`, unless done.
  func resolve(at position: Int) {
    if resolved[position] { return }
    stack.append(position)
    defer { stack.removeLast() }
    let spec = input.pipeline.parameters[position]
    let result = evaluate(spec, bindings: bindings(of: spec))
    results[spec.name] = result
    resolved[position] = true
  }

  /// Every binding of the parameter at a position, highest layer first.
  private func bindings(at position: Int) -> [Binding] { bindings(of: input.pipeline.parameters[position]) }

  private func bindings(of spec: ParameterSpec) -> [Binding] {
    let above = bindingsAboveDefaults.isEmpty ? [] : bindingsAboveDefaults[spec.name] ?? []
    guard let binding = input.defaultBinding(spec) else { return above }
    return above.isEmpty ? [binding] : above + [binding]
  }

  /// The parameter's result; built once at the end, as it carries a copy of the spec.
  private func evaluate(_ spec: ParameterSpec, bindings candidates: [Binding]) -> ResolvedParameter {
    guard let winner = candidates.first else {
      var result = ResolvedParameter(spec: spec, value: nil, bindings: candidates, inputs: [])
      if spec.required {
        result.problem = Diagnostic(
          "parameter '\(spec.name)' is required and has no value",
          notes: [spec.isSecret ? "bind it with 'secret \(spec.name)'" : "set it with 'set \(spec.name) VALUE'"])
      }
      return result
    }
    var interpolation = Interpolation(work: self)
    var value: Value?
    var problem: Diagnostic?
    var followsFromOtherProblem = false
    switch interpolation.value(of: winner.raw, as: spec.type) {
    case .success(let parsed):
      let final = interpolation.fromSecret && !parsed.containsSecret ? .secret(Secret(parsed.revealedText)) : parsed
      if let invalid = ConstraintChecker.check(final, against: spec) ?? pathProblem(final, spec) {
        problem = problemDiagnostic(spec, winner, invalid.description)
      } else {
        value = final
      }
    case .failure(let failure):
      followsFromOtherProblem = failure.followsFromOtherProblem
      problem =
        failure.isCycle
        ? Diagnostic(failure.message, at: spec.location)
        : problemDiagnostic(spec, winner, failure.message)
    }
    if spec.isSecret || interpolation.fromSecret || (value?.containsSecret ?? false) {
      secretSources.formUnion(interpolation.dynamicSources)
    }
    return ResolvedParameter(
      spec: spec, value: value, bindings: candidates, inputs: interpolation.inputs, problem: problem,
      followsFromOtherProblem: followsFromOtherProblem)
  }

  private func pathProblem(_ value: Value, _ spec: ParameterSpec) -> ValueProblem? {
    guard spec.mustExist, case .string(let path) = value else { return nil }
    let full = path.hasPrefix("/") ? path : input.pipeline.folder + "/" + path
    return dynamic.sources.fileExists(full) ? nil : .pathMissing(path)
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
}
