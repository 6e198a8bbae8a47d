import PipelineCore

/// `plan [N=V ...] [STEP]`: a dry run showing each step, whether it runs and why not, and its
/// resolved command; with a step name, that step exactly as it would run.
struct PlanCommand: ShellCommand {
  let name = "plan"
  let group = CommandGroup.running
  let usage = "plan [N=V ...] [STEP]"
  let abstract = "dry run: each step in order, runs or skipped and why, its resolved command"
  let example = "plan epochs=5"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .steps }

  func execute(_ arguments: [String], in context: CommandContext) throws(CommandError) {
    let pipeline = try context.session.requirePipeline()
    let (overrides, rest) = try BindingParser(context: context).overrides(arguments, layer: .run)
    guard rest.count <= 1 else { throw .usage("usage: \(usage)") }
    let (snapshot, plan) = try context.plan(runOverrides: overrides)
    let masker = OutputMasking(secrets: snapshot.secretValues)
    if let stepName = rest.first {
      guard let planned = plan.step(stepName) else {
        var notes: [String] = []
        if let match = Suggestion.closest(to: stepName, in: pipeline.steps.map(\.name)) { notes.append("did you mean '\(match)'?") }
        throw .rejected("unknown step '\(stepName)'", notes: notes)
      }
      context.output.lines(StepDetail.lines(planned, masker: masker, folder: pipeline.folder))
    } else {
      context.output.lines(PlanTable.lines(plan, masker: masker))
    }
    if !plan.problems.isEmpty {
      context.output.writeError(masker.mask(context.render(plan.problems)) + "\n")
      throw .failed("the run would not start: \(plan.problems.count) problem\(plan.problems.count == 1 ? "" : "s")")
    }
  }
}

/// The plan as a numbered table.
enum PlanTable {
  static func lines(_ plan: Plan, masker: OutputMasking) -> [String] {
    var rows: [[String]] = []
    for (index, step) in plan.steps.enumerated() {
      var command = masker.mask(step.command)
      let declared = Set(step.step.env.map(\.name))
      let secretEnv = step.displayEnvironment.filter { declared.contains($0.name) }
      if !secretEnv.isEmpty { command += "   env " + secretEnv.map { "\($0.name)=\(masker.mask($0.value))" }.joined(separator: " ") }
      switch step.decision {
      case .runs: rows.append(["  \(index + 1)", step.name, "runs", command])
      case .skipped(let reason): rows.append(["  \(index + 1)", step.name, "skipped", reason])
      }
    }
    return TextTable.plain(rows)
  }
}

/// One planned step in full: command, environment, folder, files, dependencies.
enum StepDetail {
  static func lines(_ step: PlannedStep, masker: OutputMasking, folder: String) -> [String] {
    var lines = ["step \(step.name)"]
    switch step.decision {
    case .runs: lines.append("  runs")
    case .skipped(let reason): lines.append("  skipped: \(reason)")
    }
    lines.append("  command   " + masker.mask(step.command))
    lines.append("  folder    " + Paths.relative(step.workingDirectory, to: folder).replacingEmpty(with: "."))
    if !step.step.needs.isEmpty { lines.append("  needs     " + step.step.needs.joined(separator: ", ")) }
    if let condition = step.step.when { lines.append("  when      " + condition.expression.text) }
    for (name, value) in step.displayEnvironment { lines.append("  env       \(name)=\(masker.mask(value))") }
    if !step.inputs.isEmpty { lines.append("  inputs    " + step.inputs.joined(separator: ", ")) }
    if !step.outputs.isEmpty { lines.append("  outputs   " + step.outputs.joined(separator: ", ")) }
    if let metrics = step.metricsFile { lines.append("  metrics   " + metrics) }
    if !step.dependencies.isEmpty {
      lines.append("  depends   " + step.dependencies.map { "\($0.name)=\($0.value.display)" }.joined(separator: ", "))
    }
    if let timeout = step.step.timeout { lines.append("  timeout   \(Value.format(timeout).trimmedZero)s") }
    if step.step.retries > 0 { lines.append("  retries   \(step.step.retries)") }
    return lines
  }
}

extension String {
  func replacingEmpty(with text: String) -> String { isEmpty ? text : self }
}
