/// Data DVC tracks with a `.dvc` file (`dvc add data.csv` writes `data.csv.dvc`; `dvc add data`
/// tracks a whole folder). When such data is missing, `dvc repro` stops too ("missing data
/// 'source'"), and what brings it back is DVC's `checkout` or `pull`, not a step: a plan that
/// finds the input missing says so.
enum DVCTrackedData {
  /// The `.dvc` file tracking `path` (absolute, normal) or a folder holding it, relative to
  /// `folder` (the step's, absolute and normal); nil when there is none. Looked for up to the
  /// DVC project's root, the nearest folder above `folder` that holds `.dvc/` (an input may be
  /// `../data.csv` from a stage's `wdir`), or up to `folder` itself outside a DVC project.
  static func file(tracking path: String, within folder: String, exists: (String) -> Bool) -> String? {
    let top = projectRoot(above: folder, exists: exists) ?? folder
    var current = path
    while current.count > top.count, current.hasPrefix(top == "/" ? "/" : top + "/") {
      if exists(current + ".dvc") { return DVCPath.relative(current + ".dvc", to: folder) }
      current = PosixFiles.parentFolder(of: current)
    }
    return nil
  }

  /// The nearest folder at or above `folder` that holds `.dvc/`.
  private static func projectRoot(above folder: String, exists: (String) -> Bool) -> String? {
    var current = folder
    for _ in 0..<256 {
      if exists(current == "/" ? "/.dvc" : current + "/.dvc") { return current }
      guard current != "/", !current.isEmpty else { return nil }
      current = PosixFiles.parentFolder(of: current)
    }
    return nil
  }

  /// The note for a missing input that DVC tracks.
  static func hint(for input: String, trackedBy file: String) -> String {
    "DVC tracks it in \(file), but its data is not here: 'dvc checkout \(file)' or 'dvc pull \(file)' brings it"
      + " (dvc repro stops here too: missing data 'source')"
  }
}
