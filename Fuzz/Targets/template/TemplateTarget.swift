import FuzzSupport

@testable import PipelineCore

/// `${...}` templates: parse, then render through the resolver (as a parameter's value) and
/// the planner (as a step's command, environment and paths) against the fixture's values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  let type = types[input.choice(types.count)]
  let allowSecret = input.choice(2) == 1
  check(input.rest(), type: type, allowSecret: allowSecret)
  return 0
}

private let types: [ParameterType] = [.string, .int, .float, .bool, .list(items: .int), .dict, .path, .secret]
private let at = SourceLocation(file: "pipeline.yaml", line: 9, column: 10)

private func check(_ text: String, type: ParameterType, allowSecret: Bool) {
  let template: Template
  switch TemplateParser.parse(text) {
  case .failure(let problem):
    fuzzRequire(
      problem.offset >= 0 && problem.offset <= text.count, "offset \(problem.offset) outside \(fuzzShow(text))")
    return
  case .success(let parsed): template = parsed
  }
  fuzzRequire(template.source == text, "the template keeps another source")
  fuzzRequire(!template.parts.isEmpty || text.isEmpty, "\(fuzzShow(text)) parses to nothing")
  _ = (template.parameterNames, template.isLiteral, template.isDynamic, template.singleParameter)

  var pipeline = Fixture.pipeline
  pipeline.parameters.append(ParameterSpec(name: "t", type: type, location: at, defaultValue: .text(text)))
  var step = Step(name: "render", location: at, run: Field(template: template, location: at))
  step.env = [EnvironmentEntry(name: "T", value: Field(template: template, location: at))]
  step.inputs = [Field(template: template, location: at)]
  step.allowSecretInArgs = allowSecret
  pipeline.steps = [step]
  pipeline = Pipeline(
    name: pipeline.name, description: nil, file: pipeline.file, folder: pipeline.folder,
    parameters: pipeline.parameters, profiles: pipeline.profiles, steps: pipeline.steps, sourceHash: "0")

  let input = FuzzResolution.input(pipeline, sessionBindings: [FuzzResolution.tokenBinding])
  let (snapshot, plan) = FuzzResolution.plan(input)
  let (_, again) = FuzzResolution.plan(input)
  fuzzRequire(
    plan.steps.map { $0.command.revealed() } == again.steps.map { $0.command.revealed() },
    "rendering is not deterministic")

  // The secret's value shows nowhere but in a command that allows it and in the secret
  // environment entries, unless the template spells it out.
  let secret = Fixture.secretValue
  guard !text.contains(secret), !String(text.reversed()).contains(secret) else { return }
  if let resolved = snapshot.parameters["t"] {
    _ = resolved.problem.map { FuzzResolution.render([$0], text: text) }
    fuzzRequire(!(resolved.value?.text.contains(secret) ?? false), "the value of t shows the secret")
    fuzzRequire(!(resolved.problem?.description.contains(secret) ?? false), "the problem of t shows the secret")
  }
  for planned in plan.steps {
    fuzzRequire(!planned.command.masked.contains(secret), "the masked command shows the secret")
    if !allowSecret, planned.runs, planned.command.revealed().contains(secret) {
      fuzzRequire(!plan.problems.isEmpty, "a secret on the command line is not refused: \(planned.command)")
    }
    let paths = planned.inputs + planned.outputs + planned.metricsFiles + [planned.workingDirectory]
    fuzzRequire(!paths.contains { $0.contains(secret) }, "a path shows the secret: \(paths)")
    for (name, value) in planned.declaredEnvironment {
      fuzzRequire(!value.contains(secret), "the shown environment entry \(name) holds the secret")
    }
  }
  for problem in plan.problems + snapshot.problems {
    fuzzRequire(!problem.description.contains(secret), "a problem shows the secret: \(problem)")
  }
}
