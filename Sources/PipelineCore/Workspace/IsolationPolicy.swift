/// What an isolated run's copy may share with the pipeline's folder, and whether a plan can
/// be isolated at all: every step must work, and write its declared outputs and metrics,
/// inside the folder (a step working elsewhere would touch files the copy cannot hold).
package struct IsolationPolicy: Sendable {
  /// Files (relative to the folder) declared as some step's input.
  private var inputs: Set<String> = []
  /// Folders (relative) declared as some step's input: the files under them are inputs.
  private var inputFolders: [String] = []
  /// Paths (relative) some step declares it writes: outputs and metrics files.
  private var written: [String] = []

  /// Why a plan cannot run isolated.
  package struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The step.
    package var step: String
    /// The folder or path outside the pipeline's folder.
    package var path: String
    /// `works in` or `writes`.
    package var what: String

    /// The refusal in words.
    package var description: String {
      "step '\(step)' \(what) '\(path)', outside the pipeline's folder; an isolated copy cannot hold it"
    }
  }

  /// Reads what `plan`'s steps declare; the folder is `root`. Throws when a step that runs
  /// works or writes outside it.
  package init(plan: Plan, root: String) throws(Refusal) {
    for planned in plan.steps {
      let folder = planned.workingDirectory
      if planned.runs, PathText.relative(folder, to: root) == nil {
        throw Refusal(step: planned.name, path: folder, what: "works in")
      }
      for path in planned.outputs + planned.metricsFiles {
        guard let relative = PathText.relative(Fingerprint.absolute(path, in: folder), to: root) else {
          if planned.runs { throw Refusal(step: planned.name, path: path, what: "writes") }
          continue
        }
        written.append(relative)
      }
      for path in planned.inputs {
        guard let relative = PathText.relative(Fingerprint.absolute(path, in: folder), to: root) else { continue }
        inputs.insert(relative)
        inputFolders.append(relative)
      }
    }
  }

  /// True when the file at `relative` may be shared by hard link: a declared input (or inside
  /// a declared input folder) that no step declares it writes (nor anything around or under it).
  package func mayLink(_ relative: String) -> Bool {
    let isInput = inputs.contains(relative) || inputFolders.contains { Self.isInside(relative, $0) }
    guard isInput else { return false }
    return !written.contains { Self.isInside(relative, $0) || Self.isInside($0, relative) }
  }

  /// True when `path` is `folder` or inside it (relative paths).
  private static func isInside(_ path: String, _ folder: String) -> Bool {
    path == folder || folder.isEmpty || path.hasPrefix(folder + "/")
  }
}
