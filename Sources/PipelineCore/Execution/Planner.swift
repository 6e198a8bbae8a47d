/// Builds a `Plan` from a pipeline and a snapshot: evaluates `when:` conditions and renders
/// every step field.
package struct Planner: Sendable {
  package var environment: [String: String]
  package var sources: any DynamicSources

  package init(environment: [String: String], sources: any DynamicSources) {
    self.environment = environment
    self.sources = sources
  }

  package func plan(_ pipeline: Pipeline, snapshot: Snapshot) -> Plan {
    var problems = snapshot.problems
    var steps: [PlannedStep] = []
    var renderer = FieldRenderer(snapshot: snapshot, environment: environment, sources: sources, folder: pipeline.folder)
    for step in pipeline.steps {
      var stepProblems: [Diagnostic] = []
      let planned = planStep(step, pipeline: pipeline, snapshot: snapshot, renderer: &renderer, problems: &stepProblems)
      // A step that will not run cannot fail to render: its missing values do not matter.
      if planned.decision == .runs { problems += stepProblems }
      steps.append(planned)
    }
    return Plan(steps: steps, problems: problems)
  }

  private func planStep(
    _ step: Step, pipeline: Pipeline, snapshot: Snapshot, renderer: inout FieldRenderer, problems: inout [Diagnostic]
  ) -> PlannedStep {
    let command = renderer.render(step.run, problems: &problems)
    if command.secret, !step.allowSecretInArgs {
      let name = step.run.template.parameterNames.first { snapshot.parameters[$0]?.isSecret ?? false } ?? "a secret"
      problems.append(SecretArgumentRule.secretInArguments(step: step.name, parameter: name, at: step.run.location))
    }
    var environment: [(String, String)] = []
    var secretNames = Set<String>()
    for entry in step.env {
      let value = renderer.render(entry.value, problems: &problems)
      environment.append((entry.name, value.text))
      if value.secret { secretNames.insert(entry.name) }
    }
    var dependencies: [(String, Value)] = []
    for name in step.parameterDependencies {
      guard let value = snapshot.value(name) else { continue }
      dependencies.append((name, value))
      if !(snapshot.parameters[name]?.isSecret ?? true) {
        environment.append(("PARAM_" + ParameterName.environmentSuffix(name), value.text))
      }
    }
    let cwdText = step.cwd.map { renderer.render($0, problems: &problems).text }
    let folder = cwdText.map { $0.hasPrefix("/") ? $0 : pipeline.folder + "/" + $0 } ?? pipeline.folder
    var planned = PlannedStep(
      step: step, decision: .runs, command: command.secret && !step.allowSecretInArgs ? command.masked : command.text,
      environment: environment, secretEnvironment: secretNames,
      workingDirectory: folder, inputs: step.inputs.map { renderer.render($0, problems: &problems).text },
      outputs: step.outputs.map { renderer.render($0, problems: &problems).text },
      metricsFile: step.metrics.map { renderer.render($0, problems: &problems).text }, dependencies: dependencies)
    if let condition = step.when {
      do {
        if try !condition.expression.evaluate({ snapshot.value($0) }) {
          planned.decision = .skipped(reason: "when: " + condition.expression.explainFalse { snapshot.value($0) })
        }
      } catch {
        problems.append(contentsOf: error.diagnostics.map { d in
          var d = d
          d.message = "step '\(step.name)' condition: " + d.message
          return d
        })
      }
    }
    return planned
  }
}
