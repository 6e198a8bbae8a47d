import PipelineCore

/// `plan [N=V ...] [STEP] [--json]`: a dry run showing each step, whether it runs and why not,
/// and its resolved command; with a step name, that step exactly as it would run.
struct PlanCommand: ShellCommand {
  let name = "plan"
  let group = CommandGroup.running
  let usage = "plan [N=V ...] [STEP] [--executor local|slurm] [--json]"
  let abstract = "dry run: each step in order, runs or skipped and why, its resolved command"
  let example = "plan epochs=5"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .steps }

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .current }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let pipeline = try context.session.requirePipeline()
    let flags = try ParsedFlags(invocation.words, flags: [.json, .executor], usage: usage)
    let (overrides, rest) = try BindingParser(context: context).overrides(flags.rest, layer: .run)
    guard rest.count <= 1 else { throw .usage("usage: \(usage)") }
    let (snapshot, plan) = try context.plan(runOverrides: overrides, executor: flags.value(.executor))
    let masker = OutputMasking(secrets: snapshot.secretValues)
    var steps = plan.steps
    if let stepName = rest.first {
      guard let planned = plan.step(stepName) else { throw StepNames.unknown(stepName, in: pipeline) }
      steps = [planned]
    }
    if flags.has(.json) {
      context.output.line(
        JSONWriter.text(PlanJSON.document(pipeline, steps: steps, problems: plan.problems, masker: masker), indent: 2))
    } else if rest.isEmpty {
      let lines = PlanTable.lines(plan, masker: masker)
      context.output.lines(lines)
      LastShownResult.keep((snapshot, plan, lines))
    } else {
      context.output.lines(StepDetail.lines(steps[0], masker: masker, folder: pipeline.folder))
    }
    if !plan.problems.isEmpty {
      if !flags.has(.json) { context.output.writeError(masker.mask(context.render(plan.problems)) + "\n") }
      throw .failed("the run would not start: \(Plural.count(plan.problems.count, "problem"))")
    }
  }
}

/// The words the plan's views share.
enum PlanWords {
  /// What happens to a step whose command never runs (a frozen DVC stage), as `dvc repro` says it.
  static func verifying(_ reason: String) -> String {
    reason + "; its outputs are verified and recorded, its command does not run"
  }
}

/// The plan as a numbered table.
enum PlanTable {
  static func lines(_ plan: Plan, masker: OutputMasking) -> [String] {
    // The rows of a plan of thousands of steps are made on every core, where they are measured.
    let steps = plan.steps
    return TextTable.plain(count: steps.count) { row(steps[$0], at: $0, masker: masker) }
  }

  private static func row(_ step: PlannedStep, at index: Int, masker: OutputMasking) -> [String] {
    switch step.decision {
    case .runs:
      var command = TerminalText.showingControls(masker.mask(step.command.masked))
      let declared = step.declaredSecrets
      if !declared.isEmpty { command += "   env " + declared.map { "\($0.name)=\($0.value)" }.joined(separator: " ") }
      return ["  \(index + 1)", step.name, "runs", command]
    case .skipped(let reason): return ["  \(index + 1)", step.name, "skipped", TerminalText.showingControls(reason)]
    case .verifies(let reason):
      return ["  \(index + 1)", step.name, "verifies", TerminalText.showingControls(PlanWords.verifying(reason))]
    }
  }
}

/// One planned step in full: command, environment, folder, files, dependencies.
enum StepDetail {
  static func lines(_ step: PlannedStep, masker: OutputMasking, folder: String) -> [String] {
    var lines = ["step \(step.name)"]
    if let description = step.step.description { lines.append("  about     " + description) }
    switch step.decision {
    case .runs: lines.append("  runs")
    case .skipped(let reason): lines.append("  skipped: \(reason)")
    case .verifies(let reason): lines.append("  verifies: \(PlanWords.verifying(reason))")
    }
    lines.append("  command   " + masker.mask(step.command.masked))
    lines.append("  folder    " + Paths.relative(step.workingDirectory, to: folder).replacingEmpty(with: "."))
    if step.executor != "local" { lines.append("  executor  " + step.executor) }
    if !step.step.needs.isEmpty { lines.append("  needs     " + step.step.needs.joined(separator: ", ")) }
    if let condition = step.step.when { lines.append("  when      " + condition.expression.text) }
    for variable in step.environment {
      lines.append("  env       \(variable.name)=\(masker.mask(variable.displayValue))")
    }
    if !step.inputs.isEmpty { lines.append("  inputs    " + step.inputs.joined(separator: ", ")) }
    if !step.outputs.isEmpty { lines.append("  outputs   " + step.outputs.joined(separator: ", ")) }
    if !step.metricsFiles.isEmpty { lines.append("  metrics   " + step.metricsFiles.joined(separator: ", ")) }
    if !step.dependencies.isEmpty {
      lines.append("  depends   " + step.dependencies.map { "\($0.name)=\($0.value.display)" }.joined(separator: ", "))
    }
    if let timeout = step.step.timeout { lines.append("  timeout   \(Value.format(timeout).trimmedZero)s") }
    if step.step.retries > 0 { lines.append("  retries   \(step.step.retries)") }
    return lines.map(TerminalText.showingControls)
  }
}

/// `plan --json`: `{"pipeline", "steps": [{"name", "state", "reason", "command", "commands",
/// "cwd", "env", "needs", "inputs", "outputs", "metrics", "description"}], "problems"}`, steps in
/// run order, secrets as `****`; `commands` holds each command line (a DVC `cmd` list, or the
/// lines of a `cmd` string, each run in a shell of its own).
enum PlanJSON {
  static func document(_ pipeline: Pipeline, steps: [PlannedStep], problems: [Diagnostic], masker: OutputMasking)
    -> JSONValue
  {
    .object([
      ("pipeline", .string(pipeline.name)),
      ("steps", .array(steps.map { step(_: $0, masker: masker) })),
      ("problems", .array(problems.map { .string(masker.mask($0.description)) })),
    ])
  }

  static func step(_ step: PlannedStep, masker: OutputMasking) -> JSONValue {
    let (state, reason): (String, JSONValue) =
      switch step.decision {
      case .runs: ("runs", .null)
      case .skipped(let reason): ("skipped", .string(reason))
      case .verifies(let reason): ("verifies", .string(PlanWords.verifying(reason)))
      }
    return .object([
      ("name", .string(step.name)), ("state", .string(state)), ("reason", reason),
      ("command", .string(masker.mask(step.command.masked))),
      ("commands", .array(StepCommands.running(step).map { .string(masker.mask($0.masked)) })),
      ("cwd", .string(step.workingDirectory)),
      ("env", .object(step.environment.map { ($0.name, .string(masker.mask($0.displayValue))) })),
      ("needs", .array(step.step.needs.map(JSONValue.string))),
      ("inputs", .array(step.inputs.map(JSONValue.string))), ("outputs", .array(step.outputs.map(JSONValue.string))),
      ("metrics", .array(step.metricsFiles.map(JSONValue.string))),
      ("description", .optional(step.step.description)),
    ])
  }
}

extension String {
  func replacingEmpty(with text: String) -> String { isEmpty ? text : self }
}

/// Counts with the right noun: `1 step`, `3 steps`.
enum Plural {
  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
