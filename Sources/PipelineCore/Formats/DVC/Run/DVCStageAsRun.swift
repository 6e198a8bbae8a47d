/// A stage as one run ran it: its command and paths as the run rendered them (with the run's
/// values), for `dvc.lock` and for comparing with it.
enum DVCStageAsRun {
  static func make(_ stage: DVCStage, step: PlannedStep, layout: DVCCommandLines?) -> DVCStage {
    var fields = stage.fields
    guard !stage.commands.isEmpty else { return stage }
    let lines = step.commandLines.map(\.masked)
    if stage.commandIsList {
      fields.commandTexts = lines
    } else if let layout {
      fields.commandTexts = [layout.joined(lines)]
    } else {
      fields.commandTexts = lines.isEmpty ? stage.commandTexts : [lines.joined(separator: "\n")]
    }
    // The step's inputs are the stage's local dependencies, in order (a URL is no input).
    var input = 0
    for index in fields.deps.indices where !DVCPath.isURL(fields.deps[index].path) {
      guard input < step.inputs.count else { break }
      fields.deps[index].path = step.inputs[input]
      input += 1
    }
    for index in fields.outs.indices where index < step.outputs.count {
      fields.outs[index].path.path = step.outputs[index]
    }
    return DVCStage(fields)
  }
}
