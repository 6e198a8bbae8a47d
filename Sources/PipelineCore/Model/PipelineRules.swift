/// The validation rules run on a freshly read pipeline. Each adds diagnostics; none stops
/// the others, so one load reports every problem.
enum PipelineRules {
  /// Checks everything and returns the steps in dependency order.
  static func check(parameters: [ParameterSpec], steps: [Step], diagnostics: inout [Diagnostic]) -> [Step] {
    let names = parameters.map(\.name)
    let known = Set(names)
    let references = checkDefaults(parameters, known: known, names: names, diagnostics: &diagnostics)
    // Worked out once, not per step: a pipeline may have thousands of each.
    let secretNames = SecretArgumentRule.derivedSecrets(parameters, references: references)
    let types =
      steps.contains { $0.when != nil }
      ? Dictionary(parameters.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a }) : [:]
    for step in steps {
      checkReferences(step, known: known, names: names, diagnostics: &diagnostics)
      if let condition = step.when {
        diagnostics.append(contentsOf: condition.expression.typeCheck(types, location: condition.location))
      }
      SecretArgumentRule.check(step, secretNames: secretNames, diagnostics: &diagnostics)
    }
    return DependencyOrder.sorted(steps, diagnostics: &diagnostics)
  }

  private static func checkReferences(
    _ step: Step, known: Set<String>, names: [String], diagnostics: inout [Diagnostic]
  ) {
    for field in step.fields {
      for name in field.template.parameterNames where !known.contains(name) {
        diagnostics.append(
          Diagnostic("unknown parameter '\(name)' in step '\(step.name)'", at: field.location).suggesting(
            name, from: names))
      }
    }
    for name in step.params where !known.contains(name) {
      diagnostics.append(
        Diagnostic("unknown parameter '\(name)' in 'params' of step '\(step.name)'", at: step.location).suggesting(
          name, from: names))
    }
  }

  /// Checks each default's references and value; returns, for each parameter in order, the
  /// parameters its default interpolates (none when it has no default or the default is invalid).
  private static func checkDefaults(
    _ parameters: [ParameterSpec], known: Set<String>, names: [String], diagnostics: inout [Diagnostic]
  ) -> [[String]] {
    var referencesInOrder: [[String]] = Array(repeating: [], count: parameters.count)
    // The reference graph holds only defaults that reference something (a name declared
    // twice keeps its last declaration's references, as an entry may be replaced).
    var references: [String: [String]] = [:]
    for (index, spec) in parameters.enumerated() {
      guard case .yaml(let node)? = spec.defaultValue else { continue }
      let templates: [Template]
      if case .scalar(let text, _) = node.kind, !text.utf8.contains(UInt8(ascii: "$")) {
        templates = []  // most defaults: a literal scalar, nothing to parse as a template
      } else {
        switch DefaultTemplates.templates(in: node) {
        case .failure(let diagnostic):
          diagnostics.append(diagnostic)
          continue
        case .success(let parsed):
          templates = parsed
        }
      }
      let refs = templates.flatMap(\.parameterNames)
      referencesInOrder[index] = refs
      if !refs.isEmpty {
        references[spec.name] = refs
      } else if !references.isEmpty {
        references[spec.name] = nil
      }
      for name in refs where !known.contains(name) {
        diagnostics.append(
          Diagnostic("unknown parameter '\(name)' in the default of '\(spec.name)'", at: node.location)
            .suggesting(name, from: names))
      }
      if templates.allSatisfy(\.isLiteral) {
        switch ValueParser.parse(node, as: spec.type) {
        case .failure(let problem):
          diagnostics.append(Diagnostic("invalid default for '\(spec.name)': \(problem)", at: node.location))
        case .success(let value):
          if let problem = ConstraintChecker.check(value, against: spec) {
            diagnostics.append(Diagnostic("invalid default for '\(spec.name)': \(problem)", at: node.location))
          }
        }
      }
    }
    for cycle in ReferenceCycles.find(references) {
      let location = parameters.first { $0.name == cycle[0] }?.location
      diagnostics.append(Diagnostic("reference cycle: \(cycle.joined(separator: " -> "))", at: location))
    }
    return referencesInOrder
  }
}

/// The templates inside a YAML value (each scalar of a list or dict may hold references).
enum DefaultTemplates {
  static func templates(in node: YAMLNode) -> Result<[Template], Diagnostic> {
    switch node.kind {
    case .scalar(let text, _):
      switch TemplateParser.parse(text) {
      case .success(let t): return .success([t])
      case .failure(let p):
        var at = node.location
        at.column += p.offset
        return .failure(Diagnostic(p.message, at: at))
      }
    case .sequence(let items):
      var all: [Template] = []
      for item in items {
        switch templates(in: item) {
        case .success(let t): all += t
        case .failure(let d): return .failure(d)
        }
      }
      return .success(all)
    case .mapping(let pairs):
      return templates(in: YAMLNode(.sequence(pairs.map(\.value)), at: node.location))
    }
  }
}

/// Finds reference cycles in a name -> referenced names graph, each as `a -> b -> a`.
package enum ReferenceCycles {
  package static func find(_ graph: [String: [String]]) -> [[String]] {
    var state: [String: Int] = [:]  // 1 visiting, 2 done
    var stack: [String] = []
    var cycles: [[String]] = []
    func visit(_ node: String) {
      state[node] = 1
      stack.append(node)
      for next in graph[node] ?? [] {
        if state[next] == 1, let start = stack.firstIndex(of: next) {
          cycles.append(Array(stack[start...]) + [next])
        } else if state[next] == nil {
          visit(next)
        }
      }
      stack.removeLast()
      state[node] = 2
    }
    for node in graph.keys.sorted() where state[node] == nil { visit(node) }
    return cycles
  }
}
