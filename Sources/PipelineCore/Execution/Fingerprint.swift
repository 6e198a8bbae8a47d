import FoundationEssentials

/// A step's fingerprint: a keyed BLAKE2b hash of everything that reaches the step — its name,
/// resolved command, working folder, environment (`env:`, `PARAM_*`, `PIPESHELL_STEP`), the
/// parameters it depends on, the paths it declares as outputs and metrics, the content of its
/// inputs, and its upstream steps' fingerprints. Keyed with the store's secret key, so a secret
/// enters it only keyed. The environment a step inherits from the shell is left out: it would
/// make every other shell miss the cache.
package enum Fingerprint {
  /// The fingerprint and the content hashes of the step's inputs (by path as written).
  package static func compute(
    _ step: PlannedStep, upstream: [String: StepRecord], key: HashKey, workspace: any Workspace
  ) -> (fingerprint: String, inputs: [String: String]) {
    var hasher = IncrementalHasher(key: key)
    hasher.updateField("pipeshell-step-v2")
    hasher.updateField(step.name)
    hasher.updateField(step.command.revealed())
    hasher.updateField(step.workingDirectory)
    for variable in step.environment.sorted(by: { $0.name < $1.name }) {
      hasher.updateField(variable.name)
      hasher.updateField(variable.revealedValue())
    }
    for dependency in step.dependencies.sorted(by: { $0.name < $1.name }) {
      hasher.updateField(dependency.name)
      hasher.updateField(dependency.value.revealedText)
    }
    hasher.updateField("outputs")
    for path in step.outputs { hasher.updateField(path) }
    hasher.updateField("metrics")
    for path in step.metricsFiles { hasher.updateField(path) }
    var inputs: [String: String] = [:]
    for path in step.inputs.sorted() {
      let hash = workspace.contentHash(of: absolute(path, in: step.workingDirectory))
      inputs[path] = hash
      hasher.updateField(path)
      hasher.updateField(hash)
    }
    for need in step.step.needs.sorted() {
      hasher.updateField(need)
      let result = upstream[need]
      hasher.updateField(result?.fingerprint ?? result?.state.rawValue ?? "none")
    }
    return (hasher.finalize(), inputs)
  }

  /// The content hash of a file, of a folder's files (recursively), or `missing`.
  package static func contentHash(of path: String) -> String {
    var isFolder = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return "missing" }
    if !isFolder { return (try? ContentHasher.hashFile(atPath: path)) ?? "unreadable" }
    var hasher = IncrementalHasher()
    for entry in files(inFolder: path) {
      hasher.updateField(entry)
      hasher.updateField((try? ContentHasher.hashFile(atPath: path + "/" + entry)) ?? "unreadable")
    }
    return hasher.finalize()
  }

  /// The files below a folder (links followed), by path relative to it, sorted: what its
  /// content hash covers, and what keeping a folder output keeps.
  package static func files(inFolder path: String) -> [String] {
    let entries = ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).sorted()
    return entries.filter { entry in
      var isFolder = false
      return FileManager.default.fileExists(atPath: path + "/" + entry, isDirectory: &isFolder) && !isFolder
    }
  }

  /// A path made absolute against a folder.
  package static func absolute(_ path: String, in folder: String) -> String {
    path.hasPrefix("/") ? path : folder + "/" + path
  }
}
