/// Data DVC tracks with a `.dvc` file (`dvc add data.csv` writes `data.csv.dvc`; `dvc add data`
/// tracks a whole folder). When such data is missing, `dvc repro` stops too ("missing data
/// 'source'"), and what brings it back is DVC's `checkout` or `pull`, not a step: a plan that
/// finds the input missing says so.
enum DVCTrackedData {
  /// The `.dvc` file tracking `path` (absolute, normal) or a folder holding it, up to and
  /// including `folder` (the step's), relative to `folder`; nil when there is none.
  static func file(tracking path: String, within folder: String, exists: (String) -> Bool) -> String? {
    var current = path
    while current.count > folder.count, current.hasPrefix(folder == "/" ? "/" : folder + "/") {
      if exists(current + ".dvc") {
        return String((current + ".dvc").dropFirst(folder == "/" ? 1 : folder.count + 1))
      }
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
