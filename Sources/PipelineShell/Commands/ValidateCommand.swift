import PipelineCore

/// `validate`: checks every parameter and step and lists all problems.
struct ValidateCommand: ShellCommand {
  let name = "validate"
  let group = CommandGroup.pipeline
  let usage = "validate"
  let abstract = "check every parameter and step; list all problems"
  let example = "validate"

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .current }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard arguments.isEmpty else { throw .usage("usage: \(usage)") }
    let pipeline = try context.session.requirePipeline()
    let (snapshot, plan) = try context.plan()
    if !snapshot.warnings.isEmpty { context.output.writeError(context.render(snapshot.warnings) + "\n") }
    guard plan.problems.isEmpty else {
      context.output.writeError(context.render(plan.problems) + "\n")
      let count = plan.problems.count
      throw .failed("\(count) problem\(count == 1 ? "" : "s") found")
    }
    let runs = plan.steps.filter { $0.decision == .runs }.count
    context.output.line(
      "ok: \(pipeline.parameters.count) parameters valid, \(pipeline.steps.count) steps (\(runs) would run)")
  }
}
