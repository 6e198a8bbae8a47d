/// Reads the `steps:` section into steps with parsed templates and conditions.
enum StepReader {
  static let stepKeys = [
    "run", "needs", "when", "env", "cwd", "params", "inputs", "outputs", "metrics", "timeout",
    "retries", "continue_on_error", "cache", "allow_secret_in_args", "description", "executor", "resources",
  ]
  /// The most attempts after the first a step may ask for.
  static let maximumRetries = 100

  static func read(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> [Step] {
    guard let pairs = node.pairs else {
      diagnostics.append(Diagnostic("expected a mapping of steps, found \(node.kindName)", at: node.location))
      return []
    }
    var steps: [Step] = []
    var seen = Set<String>()
    for pair in pairs {
      guard let name = pair.key.scalar, !name.isEmpty,
        name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." })
      else {
        diagnostics.append(
          Diagnostic(
            "'\(pair.key.scalar ?? "?")' is not a step name; expected letters, digits, '_', '-' or '.'",
            at: pair.key.location))
        continue
      }
      guard seen.insert(name).inserted else {
        diagnostics.append(Diagnostic("step '\(name)' is declared twice", at: pair.key.location))
        continue
      }
      if let step = step(name, pair.value, at: pair.key.location, diagnostics: &diagnostics) { steps.append(step) }
    }
    return steps
  }

  private static func step(
    _ name: String, _ node: YAMLNode, at location: SourceLocation, diagnostics: inout [Diagnostic]
  ) -> Step? {
    if let command = node.scalar {
      guard let run = field(command, at: node.location, diagnostics: &diagnostics) else { return nil }
      return Step(name: name, location: location, run: run)
    }
    guard let keys = MappingReader(node, allowed: stepKeys, context: "step '\(name)'", diagnostics: &diagnostics) else {
      return nil
    }
    guard let runText = keys.string("run", &diagnostics), let runNode = keys["run"] else {
      diagnostics.append(Diagnostic("step '\(name)' has no 'run' command", at: location))
      return nil
    }
    guard let run = field(runText, at: runNode.location, diagnostics: &diagnostics) else { return nil }
    var step = Step(name: name, location: location, run: run)
    step.needs = keys.scalarList("needs", &diagnostics).map(\.0)
    step.params = keys.scalarList("params", &diagnostics).map(\.0)
    step.inputs = keys.scalarList("inputs", &diagnostics).compactMap {
      field($0.0, at: $0.1, diagnostics: &diagnostics)
    }
    step.outputs = keys.scalarList("outputs", &diagnostics).compactMap {
      field($0.0, at: $0.1, diagnostics: &diagnostics)
    }
    if let text = keys.string("cwd", &diagnostics), let node = keys["cwd"] {
      step.cwd = field(text, at: node.location, diagnostics: &diagnostics)
    }
    step.metrics = keys.scalarList("metrics", &diagnostics).compactMap {
      field($0.0, at: $0.1, diagnostics: &diagnostics)
    }
    if let text = keys.string("when", &diagnostics), let node = keys["when"] {
      step.when = condition(text, at: node.location, diagnostics: &diagnostics)
    }
    if let text = keys.string("timeout", &diagnostics) {
      step.timeout = Duration.seconds(in: text)
      if step.timeout == nil {
        diagnostics.append(
          Diagnostic(
            "expected a duration for 'timeout' like 30s, 10m or 1h (at most \(Duration.maximumDays) days), found '\(text)'",
            at: keys["timeout"]?.location))
      }
    }
    step.retries = keys.int("retries", &diagnostics) ?? 0
    if step.retries > maximumRetries {
      diagnostics.append(
        Diagnostic("'retries' may be at most \(maximumRetries), found \(step.retries)", at: keys["retries"]?.location))
      step.retries = 0
    }
    step.description = keys.string("description", &diagnostics)
    step.executor = keys.string("executor", &diagnostics).flatMap {
      ExecutorName.checked($0, at: keys["executor"]?.location, &diagnostics)
    }
    if let node = keys["resources"] { step.resources = ResourcesReader.read(node, diagnostics: &diagnostics) }
    step.continueOnError = keys.bool("continue_on_error", &diagnostics) ?? false
    step.cache = keys.bool("cache", &diagnostics) ?? true
    step.allowSecretInArgs = keys.bool("allow_secret_in_args", &diagnostics) ?? false
    if let envNode = keys["env"] { step.env = environment(envNode, diagnostics: &diagnostics) }
    return step
  }

  private static func environment(_ node: YAMLNode, diagnostics: inout [Diagnostic]) -> [EnvironmentEntry] {
    guard let pairs = node.pairs else {
      diagnostics.append(Diagnostic("expected a mapping for 'env', found \(node.kindName)", at: node.location))
      return []
    }
    var entries: [EnvironmentEntry] = []
    for pair in pairs {
      guard let key = pair.key.scalar, let text = pair.value.scalar else {
        diagnostics.append(Diagnostic("expected 'NAME: value' in 'env'", at: pair.key.location))
        continue
      }
      if let value = field(text, at: pair.value.location, diagnostics: &diagnostics) {
        entries.append(EnvironmentEntry(name: key, value: value))
      }
    }
    return entries
  }

  static func field(_ text: String, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> Field? {
    switch TemplateParser.parse(text) {
    case .success(let template): return Field(template: template, location: location)
    case .failure(let problem):
      var at = location
      at.column += problem.offset
      diagnostics.append(Diagnostic(problem.message, at: at))
      return nil
    }
  }

  private static func condition(_ text: String, at location: SourceLocation, diagnostics: inout [Diagnostic])
    -> Condition?
  {
    do {
      return Condition(expression: try ExpressionParser.parse(text, location: location), location: location)
    } catch {
      diagnostics.append(contentsOf: error.diagnostics)
      return nil
    }
  }
}

/// Durations written as `30s`, `10m`, `1h`, `500ms` or plain seconds.
package enum Duration {
  /// Returns the seconds, or nil when the text is not a duration.
  package static func seconds(in text: String) -> Double? {
    let t = text.trimmingSpaces.lowercased()
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
    for (suffix, factor) in units where t.hasSuffix(suffix) {
      if let n = Double(t.dropLast(suffix.count)), n > 0 { return bounded(n * factor) }
    }
    if let n = Double(t), n > 0 { return bounded(n) }
    return nil
  }

  /// The longest duration accepted, in days.
  package static let maximumDays = 365

  private static func bounded(_ seconds: Double) -> Double? {
    seconds.isFinite && seconds <= Double(maximumDays) * 86400 ? seconds : nil
  }
}
