/// A stage as one run ran it: its command and paths as the run rendered them (with the run's
/// values), for `dvc.lock` and for comparing with it.
enum DVCStageAsRun {
  static func make(_ stage: DVCStage, step: PlannedStep, layout: DVCCommandLines?, root: String) -> DVCStage {
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
      fields.deps[index].path = asDVCWritesIt(step.inputs[input], stage: stage, root: root)
      input += 1
    }
    for index in fields.outs.indices where index < step.outputs.count {
      fields.outs[index].path.path = asDVCWritesIt(step.outputs[index], stage: stage, root: root)
    }
    return DVCStage(fields)
  }

  /// A path as DVC keeps it (`Output.def_path`): one written absolute but inside the repository
  /// at `root` is made relative to the stage's folder (`${root}/model.txt` with `root: /abs/proj`
  /// is `model.txt` in `dvc.lock`); others stay as written.
  static func asDVCWritesIt(_ path: String, stage: DVCStage, root: String) -> String {
    guard path.utf8.first == UInt8(ascii: "/"), stage.folder.utf8.first == UInt8(ascii: "/") else { return path }
    let normal = DVCPath.normalize(path)
    guard DVCPath.isInside(normal, DVCPath.normalize(root)) else { return path }
    return DVCPath.relative(normal, to: DVCPath.resolve(stage.wdir, in: stage.folder))
  }
}
