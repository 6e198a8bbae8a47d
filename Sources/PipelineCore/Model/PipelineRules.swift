/// The validation rules run on a freshly read pipeline. Each adds diagnostics; none stops
/// the others, so one load reports every problem.
enum PipelineRules {
  /// Checks everything and returns the steps in dependency order.
  static func check(parameters: [ParameterSpec], steps: [Step], diagnostics: inout [Diagnostic]) -> [Step] {
    let names = parameters.map(\.name)
    let specs = Dictionary(parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    checkDefaults(parameters, names: names, diagnostics: &diagnostics)
    // Worked out once, not per step: a pipeline may have thousands of each.
    let secretNames = SecretArgumentRule.derivedSecrets(specs)
    let known = Set(names)
    let types = steps.contains { $0.when != nil } ? specs.mapValues(\.type) : [:]
    for step in steps {
      checkReferences(step, known: known, names: names, diagnostics: &diagnostics)
      if let condition = step.when {
        diagnostics.append(contentsOf: condition.expression.typeCheck(types, location: condition.location))
      }
      SecretArgumentRule.check(step, secretNames: secretNames, diagnostics: &diagnostics)
    }
    return DependencyOrder.sorted(steps, diagnostics: &diagnostics)
  }

  private static func checkReferences(_ step: Step, known: Set<String>, names: [String], diagnostics: inout [Diagnostic]) {
    for field in step.fields {
      for name in field.template.parameterNames where !known.contains(name) {
        diagnostics.append(
          Diagnostic("unknown parameter '\(name)' in step '\(step.name)'", at: field.location).suggesting(name, from: names))
      }
    }
    for name in step.params where !known.contains(name) {
      diagnostics.append(
        Diagnostic("unknown parameter '\(name)' in 'params' of step '\(step.name)'", at: step.location).suggesting(name, from: names))
    }
  }

  private static func checkDefaults(_ parameters: [ParameterSpec], names: [String], diagnostics: inout [Diagnostic]) {
    let known = Set(names)
    var references: [String: [String]] = [:]
    for spec in parameters {
      guard case .yaml(let node)? = spec.defaultValue else { continue }
      switch DefaultTemplates.templates(in: node) {
      case .failure(let diagnostic):
        diagnostics.append(diagnostic)
      case .success(let templates):
        let refs = templates.flatMap(\.parameterNames)
        references[spec.name] = refs
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
    }
    for cycle in ReferenceCycles.find(references) {
      let location = parameters.first { $0.name == cycle[0] }?.location
      diagnostics.append(Diagnostic("reference cycle: \(cycle.joined(separator: " -> "))", at: location))
    }
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
