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
    for index in fields.deps.indices where index < step.inputs.count {
      fields.deps[index].path = step.inputs[index]
    }
    for index in fields.outs.indices where index < step.outputs.count {
      fields.outs[index].path.path = step.outputs[index]
    }
    return DVCStage(fields)
  }
}
