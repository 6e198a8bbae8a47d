/// Renders a step's fields against a snapshot through the one `TemplateEvaluator`: the command
/// for the command line, `env:` values for the environment, paths as text. A field that reads a
/// parameter with a problem of its own fails quietly: that problem is reported once, where
/// the parameter is.
struct StepFieldRenderer {
  let evaluator: TemplateEvaluator
  /// The parameters whose loaded texts stand; nil renders every field.
  let loaded: LoadedValues?

  init(snapshot: Snapshot, dynamic: DynamicValues, secretEnvironment: Set<String>, loaded: LoadedValues? = nil) {
    self.loaded = loaded
    var evaluator = TemplateEvaluator(dynamic: dynamic) { name in
      guard let resolved = snapshot.parameters[name] else { return .unknown }
      guard resolved.problem == nil, let value = resolved.value else {
        return .failed(.init("parameter '\(name)' has no value", followsFromOtherProblem: resolved.problem != nil))
      }
      return .value(value, secret: resolved.isSecret)
    }
    evaluator.secretEnvironment = secretEnvironment
    evaluator.memo = TemplateMemo()  // the snapshot answers the same for a name every time
    let secrets = snapshot.secretValues.filter { $0.utf8.count >= Secret.minimumLength }
    if !secrets.isEmpty { evaluator.holdsSecret = { text in secrets.contains { text.contains($0) } } }
    self.evaluator = evaluator
  }

  /// The field rendered for `context`, or nil with a diagnostic (unless the failure only
  /// follows from a parameter's own problem).
  func render(_ field: Field, for context: RenderingContext, problems: inout [Diagnostic]) -> TemplateEvaluator
    .Rendered?
  {
    // The planner reads only the text (and whether it holds a secret, which a loaded text
    // never does).
    if let loaded, let text = loaded.text(of: field.template) { return TemplateEvaluator.Rendered(text: text) }
    switch evaluator.render(field.template, for: context) {
    case .success(let rendered): return rendered
    case .failure(let failure):
      if !failure.followsFromOtherProblem { problems.append(Diagnostic(failure.message, at: field.location)) }
      return nil
    }
  }
}
