/// Builds a `Plan` from a pipeline and a snapshot: evaluates `when:` conditions, renders every
/// step field, and finds what stops a run: problems of the values running steps need (values
/// only skipped steps need do not block), secrets on command lines or in paths, and declared
/// inputs that neither exist nor come from another step.
package struct Planner: Sendable {
  package var dynamic: DynamicValues
  /// Runs every step on this executor instead of the one the pipeline names (`--executor`).
  package var executorOverride: String?
  /// Pipelines with this many steps or more are rendered on every core (when no step reads a
  /// dynamic source); tests lower or raise it to compare the two.
  package var parallelThreshold = ParallelChunks.threshold
  /// Missing inputs looked for among the outputs one by one before a table of the outputs is
  /// made; tests set it to 0 or a large number to compare the two.
  package var lookupsBeforeOutputTable = ProducedPaths.lookupsBeforeTable
  /// Takes a DVC stage's texts as loaded while their values are (`LoadedValues`); tests turn it
  /// off to compare with every field rendered.
  package var usesLoadedTexts = true

  package init(dynamic: DynamicValues, executorOverride: String? = nil) {
    self.dynamic = dynamic
    self.executorOverride = executorOverride
  }

  package func plan(_ pipeline: Pipeline, snapshot: Snapshot, secretEnvironment: Set<String> = []) -> Plan {
    var problems: [Diagnostic] = []
    var reported = Set<String>()
    let rendered = drafts(pipeline, snapshot: snapshot, secretEnvironment: secretEnvironment)
    var steps = rendered.steps
    let drafts = rendered.drafts
    // The steps of a DVC group read the same parameters: their problems are looked up once.
    var lastNeeded: [String]?
    for index in steps.indices {
      if let reason = steps[index].step.verifyReason {
        steps[index].decision = .verifies(reason: reason)
      } else if let condition = steps[index].step.when {
        problems += NeededValues.problems(of: condition.referencedNames, in: snapshot, reported: &reported)
        decide(condition, for: &steps[index], snapshot: snapshot, problems: &problems)
      }
      // A step that will not run cannot fail to render: what it alone needs does not matter.
      if steps[index].runs {
        if drafts[index].dependencies != lastNeeded {
          problems += NeededValues.problems(of: drafts[index].dependencies, in: snapshot, reported: &reported)
          lastNeeded = drafts[index].dependencies
        }
        problems += drafts[index].problems
      }
    }
    var produced = ProducedPaths(steps, sources: dynamic.sources, lookupsBeforeTable: lookupsBeforeOutputTable)
    problems += produced.missingInputs(of: steps)
    return Plan(steps: steps, problems: problems)
  }

  /// What rendering a step found wrong, and the parameters it reads.
  private struct Draft: Sendable {
    var problems: [Diagnostic]
    var dependencies: [String]
  }

  /// Every step rendered, in order, before its condition is decided, with its draft. Where no
  /// step reads a dynamic source (whose reads are recorded in the order they are made), a large
  /// pipeline's steps are rendered on every core.
  private func drafts(_ pipeline: Pipeline, snapshot: Snapshot, secretEnvironment: Set<String>) -> (
    steps: [PlannedStep], drafts: [Draft]
  ) {
    let count = pipeline.steps.count
    // A large pipeline is looked through for dynamic sources on every core too (on one, the
    // look took a twentieth of a plan of thousands of steps).
    let readsDynamic = ParallelChunks.map(count, threshold: parallelThreshold) { range in
      range.contains { pipeline.steps[$0].readsDynamicSource }
    }.contains(true)
    let loaded = usesLoadedTexts ? LoadedValues(snapshot) : nil
    let chunks = ParallelChunks.map(count, threshold: readsDynamic ? .max : parallelThreshold) { range in
      drafts(of: range, in: pipeline, snapshot: snapshot, secretEnvironment: secretEnvironment, loaded: loaded)
    }
    if chunks.count == 1 { return (chunks[0].planned, chunks[0].drafts) }
    return (chunks.flatMap(\.planned), chunks.flatMap(\.drafts))
  }

  /// The steps at `range` rendered, in order.
  private func drafts(
    of range: Range<Int>, in pipeline: Pipeline, snapshot: Snapshot, secretEnvironment: Set<String>,
    loaded: LoadedValues?
  ) -> (planned: [PlannedStep], drafts: [Draft]) {
    let renderer = StepFieldRenderer(
      snapshot: snapshot, dynamic: dynamic, secretEnvironment: secretEnvironment, loaded: loaded)
    var values = DependencyValues(snapshot: snapshot)
    var lastInputs: SharedInputs?
    var chunk: (planned: [PlannedStep], drafts: [Draft]) = ([], [])
    chunk.planned.reserveCapacity(range.count)
    chunk.drafts.reserveCapacity(range.count)
    for index in range {
      var problems: [Diagnostic] = []
      let dependencies = pipeline.steps[index].parameterDependencies
      chunk.planned.append(
        planStep(
          pipeline.steps[index], dependencies: values.values(of: dependencies), pipeline: pipeline,
          snapshot: snapshot, renderer: renderer, lastInputs: &lastInputs, problems: &problems))
      chunk.drafts.append(Draft(problems: problems, dependencies: dependencies))
    }
    return chunk
  }

  private func planStep(
    _ step: Step, dependencies: DependencyValues.Found, pipeline: Pipeline, snapshot: Snapshot,
    renderer: StepFieldRenderer, lastInputs: inout SharedInputs?, problems: inout [Diagnostic]
  ) -> PlannedStep {
    let commands = step.commands.compactMap { renderer.render($0, for: .commandLine, problems: &problems) }
    let lines = commands.map(StepCommands.single)
    let running = step.runsRenderedLinesApart ? StepCommands.apart(lines) : lines
    let command = running.count == 1 ? running[0] : StepCommands.joined(running)
    if command.holdsSecret, !step.allowSecretInArgs {
      let name = step.commands.flatMap(\.template.parameterNames).first { snapshot.parameters[$0]?.isSecret ?? false }
      problems.append(
        SecretArgumentRule.secretInArguments(step: step.name, parameter: name ?? "a secret", at: step.run.location))
    }
    var environment = dependencies.environment  // shared by the steps with no `env` of their own
    if !step.env.isEmpty {
      environment = []
      environment.reserveCapacity(step.env.count + dependencies.environment.count)
      for entry in step.env {
        let value = renderer.render(entry.value, for: .environment, problems: &problems)
        environment.append(EnvironmentVariable(name: entry.name, value: value.map(Self.typed) ?? .plain("")))
      }
      environment += dependencies.environment
    }
    problems += NULRule.problems(of: step, command: command, environment: environment)
    let cwd = step.cwd.flatMap { path($0, of: step, renderer: renderer, problems: &problems) }
    let folder = cwd.map { $0.hasPrefix("/") ? $0 : pipeline.folder + "/" + $0 } ?? pipeline.folder
    return PlannedStep(
      step: step, decision: .runs, command: command, commandLines: lines, environment: environment,
      workingDirectory: folder,
      inputs: inputs(of: step, renderer: renderer, last: &lastInputs, problems: &problems),
      outputs: step.outputs.compactMap { path($0, of: step, renderer: renderer, problems: &problems) },
      metricsFiles: step.metrics.compactMap { path($0, of: step, renderer: renderer, problems: &problems) },
      dependencies: dependencies.values,
      executor: executorOverride ?? step.executor ?? pipeline.executor ?? "local",
      resources: step.resources)
  }

  /// The inputs of the step before, and their paths.
  private typealias SharedInputs = (fields: [Field], paths: [String])

  /// A step's input paths. Steps that share one list of plain inputs (those of a DVC group)
  /// have the same paths: the list is rendered once.
  private func inputs(
    of step: Step, renderer: StepFieldRenderer, last: inout SharedInputs?, problems: inout [Diagnostic]
  ) -> [String] {
    let fields = step.inputs
    if let last, last.fields.sharesStorage(with: fields) { return last.paths }
    let before = problems.count
    let paths = fields.compactMap { path($0, of: step, renderer: renderer, problems: &problems) }
    if problems.count == before, fields.allSatisfy(\.template.isLiteral) { last = (fields, paths) }
    return paths
  }

  /// A path field: a secret in it is refused (file names are visible to every user of the
  /// machine, and end up in errors and the run store), and nothing of it is shown.
  private func path(
    _ field: Field, of step: Step, renderer: StepFieldRenderer, problems: inout [Diagnostic]
  ) -> String? {
    guard let rendered = renderer.render(field, for: .text, problems: &problems) else { return nil }
    // The system would read the path only up to the NUL: another path than the one written.
    guard !PathText.holdsNUL(rendered.text) else {
      problems.append(Diagnostic("step '\(step.name)' names a path holding a NUL character", at: field.location))
      return nil
    }
    guard !rendered.secret else {
      problems.append(SecretArgumentRule.secretInPath(step: step.name, at: field.location))
      return rendered.masked
    }
    return rendered.text
  }

  private func decide(
    _ condition: Condition, for planned: inout PlannedStep, snapshot: Snapshot, problems: inout [Diagnostic]
  ) {
    do {
      if try !condition.expression.evaluate({ snapshot.value($0) }) {
        planned.decision = .skipped(reason: "when: " + condition.expression.explainFalse { snapshot.value($0) })
      }
    } catch {
      // A condition over a value that has a problem of its own is reported with that value.
      guard condition.referencedNames.allSatisfy({ snapshot.parameters[$0]?.problem == nil }) else { return }
      problems += error.diagnostics.map { d in
        var d = d
        d.message = "step '\(planned.name)' condition: " + d.message
        return d
      }
    }
  }

  private static func typed(_ rendered: TemplateEvaluator.Rendered) -> EnvironmentVariable.Value {
    rendered.secret ? .secret(Secret(rendered.text)) : .plain(rendered.text)
  }
}

/// A step's command lines as one `/bin/sh -c` command: one line as it is; several (a DVC `cmd:`
/// list, or a `cmd` string of several lines) each in a subshell of its own, joined by `&&`, so
/// they run in order, stop at the first that fails, and share no `cd` or variable, as separate
/// shells would.
package enum StepCommands {
  static func joined(_ lines: [StepCommand]) -> StepCommand {
    let clear = lines.map { inSubshell($0.revealed()) }.joined(separator: " && ")
    let masked = lines.map { inSubshell($0.masked) }.joined(separator: " && ")
    return StepCommand(clear: clear, masked: masked)
  }

  /// A line in a subshell of its own. A line of only blanks or a comment (`# split the data` in
  /// a `cmd: |` block, an empty `- ${extra}`) does nothing and succeeds when DVC runs it alone
  /// (`sh -c '# note'`); an empty subshell would be a syntax error, so it gets `:`.
  static func inSubshell(_ line: String) -> String {
    let command = line.drop { $0 == " " || $0 == "\t" }
    let runsNothing = command.isEmpty || command.first == "#"
    return "(\n" + line + (runsNothing ? "\n:\n)" : "\n)")
  }

  /// One command line.
  static func single(_ command: TemplateEvaluator.Rendered) -> StepCommand {
    command.secret ? StepCommand(clear: command.text, masked: command.masked) : StepCommand(command.text)
  }

  /// The lines a step runs: its command lines as rendered (`commandLines`, one per line as
  /// written), each cut, for a DVC `cmd` string, at the line breaks its values brought in.
  package static func running(_ step: PlannedStep) -> [StepCommand] {
    step.step.runsRenderedLinesApart ? apart(step.commandLines) : step.commandLines
  }

  /// Lines cut as DVC cuts a rendered `cmd` string (Python's `splitlines`). A line holding a
  /// secret is left whole: pipeshell refuses secrets on DVC command lines anyway.
  static func apart(_ lines: [StepCommand]) -> [StepCommand] {
    guard lines.contains(where: { !$0.holdsSecret && PythonLineBreaks.contains($0.masked) }) else { return lines }
    let cut = lines.flatMap { line in
      line.holdsSecret ? [line] : PythonLineBreaks.nonEmptyLines(line.masked).map { StepCommand($0) }
    }
    return cut.isEmpty ? [StepCommand("")] : cut
  }
}
