import FoundationEssentials

/// A step's fingerprint: a keyed BLAKE2b hash of its resolved command, environment, working
/// folder, the parameters it depends on, the content of its inputs, and its upstream steps'
/// fingerprints. Keyed with the store's secret key, so a secret enters it only keyed.
package enum Fingerprint {
  /// The fingerprint and the content hashes of the step's inputs (by path as written).
  package static func compute(
    _ step: PlannedStep, upstream: [String: StepResult], key: HashKey
  ) -> (fingerprint: String, inputs: [String: String]) {
    var hasher = IncrementalHasher(key: key)
    hasher.updateField("pipeshell-step-v1")
    hasher.updateField(step.command)
    hasher.updateField(step.workingDirectory)
    for (name, value) in step.environment.sorted(by: { $0.name < $1.name }) {
      hasher.updateField(name)
      hasher.updateField(value)
    }
    for (name, value) in step.dependencies.sorted(by: { $0.name < $1.name }) {
      hasher.updateField(name)
      hasher.updateField(value.revealedText)
    }
    var inputs: [String: String] = [:]
    for path in step.inputs.sorted() {
      let hash = contentHash(of: absolute(path, in: step.workingDirectory))
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
    let entries = ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).sorted()
    for entry in entries {
      var entryIsFolder = false
      let full = path + "/" + entry
      guard FileManager.default.fileExists(atPath: full, isDirectory: &entryIsFolder), !entryIsFolder else { continue }
      hasher.updateField(entry)
      hasher.updateField((try? ContentHasher.hashFile(atPath: full)) ?? "unreadable")
    }
    return hasher.finalize()
  }

  /// A path made absolute against a folder.
  package static func absolute(_ path: String, in folder: String) -> String {
    path.hasPrefix("/") ? path : folder + "/" + path
  }
}
