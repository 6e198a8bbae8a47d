/// Turns one raw binding into a typed value, interpolating `${...}` through the running
/// resolution. Records which parameters it read and whether any of them was secret.
struct Interpolation {
  /// Why a value could not be produced.
  struct Failure: Error {
    var message: String
    var isCycle = false
    /// The value failed only because a parameter it reads has a problem of its own.
    var followsFromOtherProblem = false
  }

  let work: ResolutionWork
  let folder: String
  private(set) var inputs: [String] = []
  private(set) var fromSecret = false
  /// True while the value being made is a secret's: a failed command's error output may hold it.
  private var forSecret = false
  /// The dynamic sources read (`cmd:...`, `file:...`), as `DynamicValue.source` names them.
  private(set) var dynamicSources: [String] = []

  init(work: ResolutionWork, folder: String) {
    self.work = work
    self.folder = folder
  }

  mutating func value(of raw: RawValue, as type: ParameterType) -> Result<Value, Failure> {
    forSecret = type == .secret
    switch raw {
    case .secret(let secret): return .success(.secret(secret))
    case .secretSource(let source): return secretValue(source)
    case .text(let text):
      return scalar(text, quoted: true, as: type)
    case .yaml(let node):
      if case .scalar(let text, let quoted) = node.kind { return scalar(text, quoted: quoted, as: type, node: node) }
      switch interpolateNode(node) {
      case .success(let expanded): return ValueParser.parse(expanded, as: type).mapError { failure($0) }
      case .failure(let failure): return .failure(failure)
      }
    }
  }

  private mutating func scalar(_ text: String, quoted: Bool, as type: ParameterType, node: YAMLNode? = nil) -> Result<Value, Failure> {
    guard text.containsInterpolationStart else {
      let parsed = node.map { ValueParser.parse($0, as: type) } ?? ValueParser.parse(text, as: type)
      return parsed.mapError { Failure(message: $0.description) }
    }
    let template: Template
    switch TemplateParser.parse(text) {
    case .success(let t): template = t
    case .failure(let problem): return .failure(Failure(message: problem.message))
    }
    if let name = template.singleParameter, case .list = type, let value = referenced(name), case .list = value {
      return .success(value)
    }
    if let name = template.singleParameter, case .dict = type, let value = referenced(name), case .dict = value {
      return .success(value)
    }
    let expanded = expand(template)
    return expanded.flatMap { ValueParser.parse($0, as: type).mapError { failure($0) } }
  }

  /// A parse problem as a failure; a value built from a secret shows as `****` in it.
  private func failure(_ problem: ValueProblem) -> Failure {
    Failure(message: fromSecret ? problem.masked.description : problem.description)
  }

  private mutating func referenced(_ name: String) -> Value? {
    guard let resolved = work.resolve(name), resolved.problem == nil else { return nil }
    inputs.append(name)
    if resolved.isSecret { fromSecret = true }
    return resolved.value
  }

  /// Expands a template to text; secrets enter in clear (the result is then marked secret).
  mutating func expand(_ template: Template) -> Result<String, Failure> {
    var out = ""
    for part in template.parts {
      switch part {
      case .literal(let text): out += text
      case .parameter(let name):
        guard let resolved = work.resolve(name) else {
          return .failure(Failure(message: "unknown parameter '\(name)'"))
        }
        if !inputs.contains(name) { inputs.append(name) }
        if let problem = resolved.problem {
          let cycle = problem.message.hasPrefix("reference cycle")
          return .failure(Failure(message: cycle ? problem.message : "'\(name)' has no valid value",
                                  isCycle: cycle, followsFromOtherProblem: !cycle))
        }
        guard let value = resolved.value else { return .failure(Failure(message: "'\(name)' has no value")) }
        if resolved.isSecret { fromSecret = true }
        out += value.revealedText
      case .environment(let variable, let fallback):
        if let value = work.input.environment[variable], !(value.isEmpty && fallback != nil) {
          out += value
        } else if let fallback {
          out += fallback
        } else {
          return .failure(Failure(message: "environment variable \(variable) is not set (write ${env:\(variable):-default} for a fallback)"))
        }
      case .command(let command):
        dynamicSources.append("cmd:" + command)
        switch work.command(command) {
        case .success(let output): out += output
        case .failure(let failure):
          let reason = forSecret ? failure.messageForSecret : failure.message
          return .failure(Failure(message: "${cmd:\(command)} failed: \(reason)"))
        }
      case .file(let path):
        dynamicSources.append("file:" + path)
        switch work.file(path) {
        case .success(let text): out += text
        case .failure(let failure): return .failure(Failure(message: "${file:\(path)}: \(failure.message)"))
        }
      }
    }
    return .success(out)
  }

  private mutating func interpolateNode(_ node: YAMLNode) -> Result<YAMLNode, Failure> {
    switch node.kind {
    case .scalar(let text, let quoted):
      guard text.contains("$") else { return .success(node) }
      guard case .success(let template) = TemplateParser.parse(text) else { return .success(node) }
      return expand(template).map { YAMLNode(.scalar($0, quoted: quoted), at: node.location) }
    case .sequence(let items):
      var out: [YAMLNode] = []
      for item in items {
        switch interpolateNode(item) {
        case .success(let n): out.append(n)
        case .failure(let f): return .failure(f)
        }
      }
      return .success(YAMLNode(.sequence(out), at: node.location))
    case .mapping(let pairs):
      var out: [YAMLNode.Pair] = []
      for pair in pairs {
        switch interpolateNode(pair.value) {
        case .success(let n): out.append(.init(key: pair.key, value: n))
        case .failure(let f): return .failure(f)
        }
      }
      return .success(YAMLNode(.mapping(out), at: node.location))
    }
  }

  private func secretValue(_ source: SecretSource) -> Result<Value, Failure> {
    let text: Result<String, DynamicSourceFailure>
    switch source {
    case .environment(let variable):
      text = work.input.environment[variable].map { .success($0) }
        ?? .failure(DynamicSourceFailure("environment variable \(variable) is not set"))
    case .file(let path):
      let full = path.hasPrefix("/") ? path : folder + "/" + path
      text = work.sources.fileContents(full).map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
    case .command(let command):
      text = work.sources.commandOutput(command, in: folder).map(\.trimmingSpaces)
    }
    switch text {
    case .success(let value): return .success(.secret(Secret(value)))
    case .failure(let failure):
      return .failure(Failure(message: "secret source \(source): \(failure.messageForSecret)"))
    }
  }
}
