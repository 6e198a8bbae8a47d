import PipelineCore

/// Turns typed `NAME VALUE` and `NAME=VALUE` words into checked bindings. A value that does
/// not fit its parameter is rejected with the reason, so the old binding stays.
@MainActor
package struct BindingParser {
  let context: CommandContext

  package init(context: CommandContext) { self.context = context }

  /// Checks one typed value and returns its binding in `layer`.
  package func binding(name typed: String, text: String, layer: Layer) throws(CommandError) -> Binding {
    let spec = try requireParameter(typed)
    let name = spec.name
    if spec.isSecret {
      throw .usage(
        "'\(name)' is a secret; typing its value would put it in the history",
        notes: ["use 'secret \(name)' (asks without echo) or 'secret \(name) --from-env VAR'"])
    }
    let binding = Binding(
      name: name, raw: .text(text), layer: layer,
      source: .command(context.session.commandText, context.session.origin))
    if text.contains("${") {
      if case .failure(let problem) = TemplateParser.parse(text) {
        throw .rejected("invalid value for '\(name)': \(problem.message)")
      }
      return binding
    }
    switch ValueParser.parse(text, as: spec.type) {
    case .failure(let problem):
      throw .rejected("invalid value for '\(name)': \(problem)", notes: hint(spec))
    case .success(let value):
      if let problem = ConstraintChecker.check(value, against: spec) {
        throw .rejected("invalid value for '\(name)': \(problem)", notes: hint(spec))
      }
    }
    return binding
  }

  /// Reads `N=V` words into bindings; other words are returned untouched. A quoted word is
  /// never an override (`run 'lr=0.3'` passes the text on).
  package func overrides(_ words: [Lexer.Word], layer: Layer) throws(CommandError) -> (
    bindings: [Binding], rest: [String]
  ) {
    var bindings: [Binding] = []
    var rest: [String] = []
    for word in words {
      guard let (name, value) = Self.override(word) else {
        rest.append(word.text)
        continue
      }
      bindings.append(try binding(name: name, text: value, layer: layer))
    }
    return (bindings, rest)
  }

  /// The name and value of an unquoted `NAME=VALUE` word.
  static func override(_ word: Lexer.Word) -> (name: String, value: String)? {
    guard !word.quoted, !word.text.hasPrefix("-") else { return nil }
    return ParameterName.splitAssignment(word.text)
  }

  /// The declared parameter with this name, or the unknown-parameter error.
  /// A typed name is read in any spelling of its key path (`train[lr]` is `train.lr`).
  package func requireParameter(_ name: String) throws(CommandError) -> ParameterSpec {
    let pipeline = try context.session.requirePipeline()
    guard let spec = pipeline.parameter(ParameterName.canonical(name) ?? name) else {
      throw unknownParameter(name, in: pipeline)
    }
    return spec
  }

  /// The error for an undeclared name, with a "did you mean": a close name, or else the same
  /// key path in another params file of a DVC project (`model.depth` when the value is
  /// `[configs/train.yaml].model.depth`, named with its file first).
  package func unknownParameter(_ name: String, in pipeline: Pipeline) -> CommandError {
    var notes: [String] = []
    if let match = Suggestion.closest(to: name, in: pipeline.parameterNames) {
      notes.append("did you mean '\(match)'?")
    } else if let inFile = Self.sameKeyInAnotherFile(ParameterName.canonical(name) ?? name, in: pipeline.parameterNames)
    {
      notes.append("did you mean '\(inFile)'? (a value of another params file is named with the file first)")
    }
    return .rejected("unknown parameter '\(name)'", notes: notes)
  }

  /// The first name whose key path after its first key (a params file) is `name`.
  static func sameKeyInAnotherFile(_ name: String, in names: [String]) -> String? {
    names.first { candidate in
      guard candidate.hasPrefix("["), case .success(let path) = ParameterKeyPath.parse(candidate),
        path.segments.count > 1
      else { return false }
      return ParameterKeyPath(Array(path.segments.dropFirst())).description == name
    }
  }

  private func hint(_ spec: ParameterSpec) -> [String] {
    ["\(spec.name) is \(spec.constraintSummary)"]
  }
}
