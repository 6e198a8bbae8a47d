/// Turns one raw binding into a typed value, rendering its `${...}` templates through the
/// `TemplateEvaluator` against the resolution in progress. Records which parameters it read and
/// whether any of them (or a source it read) was secret.
struct Interpolation {
  typealias Failure = TemplateEvaluator.Failure

  let work: ResolutionWork
  private(set) var inputs: [String] = []
  private(set) var fromSecret = false
  /// True while the value being made is a secret's: a failed command's error output may hold it.
  private var forSecret = false
  /// The dynamic sources read (`cmd:...`, `file:...`, `env:...`).
  private(set) var dynamicSources: [String] = []

  init(work: ResolutionWork) { self.work = work }

  mutating func value(of raw: RawValue, as type: ParameterType) -> Result<Value, Failure> {
    forSecret = type == .secret
    switch raw {
    case .secret(let secret): return .success(.secret(secret))
    case .secretSource(let source):
      switch work.dynamic.secret(source) {
      case .success(let text): return .success(.secret(Secret(text)))
      case .failure(let failure): return .failure(Failure("secret source \(source): \(failure.messageForSecret)"))
      }
    case .text(let text):
      return scalar(text, as: type)
    case .value(let value):
      return ValueParser.coerce(value, to: type).mapError { Failure($0.description) }
    case .yaml(let node):
      if case .scalar(let text, _) = node.kind { return scalar(text, as: type, node: node) }
      switch interpolateNode(node) {
      case .success(let expanded): return ValueParser.parse(expanded, as: type).mapError { failure($0) }
      case .failure(let failure): return .failure(failure)
      }
    }
  }

  private mutating func scalar(_ text: String, as type: ParameterType, node: YAMLNode? = nil) -> Result<Value, Failure>
  {
    guard text.containsInterpolationStart else {
      let parsed = node.map { ValueParser.parse($0, as: type) } ?? ValueParser.parse(text, as: type)
      return parsed.mapError { Failure($0.description) }
    }
    let template: Template
    switch TemplateParser.parse(text) {
    case .success(let t): template = t
    case .failure(let problem): return .failure(Failure(problem.message))
    }
    // `${layers}` into a list (or dict) parameter passes the value through whole.
    if let name = template.singleParameter, let value = wholeValue(name, for: type) { return .success(value) }
    return render(template).flatMap { ValueParser.parse($0, as: type).mapError { failure($0) } }
  }

  private mutating func wholeValue(_ name: String, for type: ParameterType) -> Value? {
    switch type {
    case .list, .dict: break
    default: return nil
    }
    guard let resolved = work.resolve(name), resolved.problem == nil, let value = resolved.value else { return nil }
    switch (type, value) {
    case (.list, .list), (.dict, .dict): break
    default: return nil
    }
    if !inputs.contains(name) { inputs.append(name) }
    if resolved.isSecret { fromSecret = true }
    return value
  }

  /// A parse problem as a failure; a value built from a secret shows as `****` in it.
  private func failure(_ problem: ValueProblem) -> Failure {
    Failure(fromSecret ? problem.masked.description : problem.description)
  }

  /// Renders a template to text through the evaluator; secrets enter in clear (the result is
  /// then marked secret).
  mutating func render(_ template: Template) -> Result<String, Failure> {
    var evaluator = work.evaluator
    evaluator.hidesCommandOutput = forSecret
    let result = evaluator.render(template, for: .text)
    switch result {
    case .success(let rendered):
      record(rendered)
      return .success(rendered.text)
    case .failure(let failure):
      for name in template.parameterNames where !inputs.contains(name) { inputs.append(name) }
      return .failure(failure)
    }
  }

  private mutating func record(_ rendered: TemplateEvaluator.Rendered) {
    for name in rendered.parameters where !inputs.contains(name) { inputs.append(name) }
    dynamicSources += rendered.dynamicSources
    if rendered.secret { fromSecret = true }
  }

  private mutating func interpolateNode(_ node: YAMLNode) -> Result<YAMLNode, Failure> {
    switch node.kind {
    case .scalar(let text, let quoted):
      guard text.containsInterpolationStart else { return .success(node) }
      guard case .success(let template) = TemplateParser.parse(text) else { return .success(node) }
      return render(template).map { YAMLNode(.scalar($0, quoted: quoted), at: node.location) }
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
}
