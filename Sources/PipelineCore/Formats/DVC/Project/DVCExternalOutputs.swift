/// Outputs outside the repository that DVC would keep in its cache (`../x`, `/tmp/x`): DVC 3
/// runs the stage, then refuses to save it ("Saving cached external output ... is not supported
/// since DVC 3.0", `dvc/output.py`), and records nothing. pipeshell says so when it loads the
/// project, before anything runs; with `cache: false` DVC takes such an output, and so does
/// pipeshell.
enum DVCExternalOutputs {
  /// A problem for each cached output of `stages` (loaded from `folder`, absolute) outside `root`.
  static func problems(of stages: [DVCStage], folder: String, root: String) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    for stage in stages {
      // Nearly every output is written inside its stage's folder, itself inside the project:
      // only paths that could lead out are resolved (a matrix has thousands of outputs).
      let wdirMayLeave = mayLeave(stage.wdir)
      for output in stage.outs where output.cache && (wdirMayLeave || mayLeave(output.path.path)) {
        let path = DVCPath.resolve(stage.projectPath(output.path.path), in: folder)
        guard !DVCPath.isInside(path, root) else { continue }
        problems.append(
          Diagnostic(
            "Saving cached external output \(path) is not supported since DVC 3.0 (stage '\(stage.name)')",
            at: output.path.location,
            notes: [
              "DVC runs the stage, then refuses to record it: write the output inside the project, or give it"
                + " 'cache: false'"
            ]))
      }
    }
    return problems
  }

  /// False for a path that stays below where it starts (`.`, or relative parts none of them `..`,
  /// found by one scan of its bytes).
  static func mayLeave(_ path: String) -> Bool {
    path != "." && !PathText.isNormalRelative(path)
  }
}
