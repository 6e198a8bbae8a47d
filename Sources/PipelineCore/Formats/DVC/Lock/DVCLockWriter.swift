/// Writes `dvc.lock` as DVC writes it after `dvc repro` (`to_single_stage_lockfile`,
/// `Lockfile.dump_stages`): per stage its command, its dependencies and outputs sorted by path
/// with `hash: md5` and their hashes, and its params values (`params.yaml` first, the other
/// files by path, keys sorted); entries of other stages are left as they were.
package enum DVCLockWriter {
  /// Why an entry cannot be written.
  package enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// A dependency or an output is missing (DVC stops the same way).
    case missing(path: String, stage: String)
    /// Params named by the stage are not in their file.
    case missingParams(keys: [String], file: String)
    /// A params value JSON cannot write (a date): DVC fails the stage when it hashes its entry,
    /// after running it, and records nothing.
    case unserializable(typeName: String)
    case hashing(DVCHashingError)

    package var description: String {
      switch self {
      case .missing(let path, let stage): return "'\(path)' of stage '\(stage)' does not exist"
      case .missingParams(let keys, let file):
        return "Parameters '\(keys.joined(separator: ", "))' are missing from '\(file)'."
      case .unserializable(let typeName): return "Object of type \(typeName) is not JSON serializable"
      case .hashing(let error): return error.description
      }
    }
  }

  /// A stage's entry from the current files. `hash` hashes a path relative to the `dvc.yaml`
  /// folder (so a caller can hash each path once per run).
  package static func entry(
    for stage: DVCStage, paramsFiles: [String: ParamsFile], url: (String) -> DVCURLInfo? = { _ in nil },
    hash: (String) throws(DVCHashingError) -> DVCHashInfo?
  ) throws(Problem) -> DVCValue {
    var fields: [DVCValue.Entry] = [.init(key: "cmd", value: DVCStatusChecker.command(of: stage))]
    func record(_ path: String) throws(Problem) -> DVCValue {
      // DVC records an http(s) URL with the server's ETag and size; where they cannot be asked
      // (or for other file systems), only where it is, and DVC finds the stage changed.
      if DVCPath.isURL(path) {
        var fields: [DVCValue.Entry] = [.init(key: "path", value: .string(path))]
        if let info = url(path) {
          fields += [.init(key: "hash", value: .string("md5")), .init(key: "checksum", value: .string(info.checksum))]
          if let size = info.size { fields.append(.init(key: "size", value: .int(size))) }
        }
        return .dict(fields)
      }
      let info: DVCHashInfo?
      do {
        info = try hash(stage.projectPath(path))
      } catch {
        throw .hashing(error)
      }
      guard let info else { throw .missing(path: path, stage: stage.name) }
      return .dict(
        [.init(key: "path", value: .string(path)), .init(key: "hash", value: .string("md5"))] + info.lockFields)
    }
    // A dependency listed twice (a `foreach` item naming a shared file) is recorded twice, as
    // DVC records it; outputs cannot repeat.
    let deps = stage.deps.map(\.path).sorted(by: precedes)
    if !deps.isEmpty {
      var items: [DVCValue] = []
      for path in deps { items.append(try record(path)) }
      fields.append(.init(key: "deps", value: .list(items)))
    }
    let params = try paramsValues(stage, paramsFiles: paramsFiles)
    if !params.isEmpty { fields.append(.init(key: "params", value: .dict(params))) }
    let outs = sortedPaths(stage.outs.map(\.path.path))
    if !outs.isEmpty {
      var items: [DVCValue] = []
      for path in outs { items.append(try record(path)) }
      fields.append(.init(key: "outs", value: .list(items)))
    }
    return .dict(fields)
  }

  /// `_serialize_params_values`: `params.yaml` first, then the other files sorted by path, the
  /// keys of each sorted (not recursively).
  static func paramsValues(_ stage: DVCStage, paramsFiles: [String: ParamsFile]) throws(Problem) -> [DVCValue.Entry] {
    var byFile: [DVCValue.Entry] = []
    for params in stage.params.sorted(by: { precedes($0.file, $1.file) }) {
      let path = stage.projectPath(params.file)
      guard let file = paramsFiles[path] else { throw .missingParams(keys: params.keys, file: path) }
      let values = DVCParamsValues.values(for: params, in: file)
      let absent = params.keys.filter { key in !values.contains { $0.key == key } }
      if !absent.isEmpty { throw .missingParams(keys: absent, file: path) }
      if let date = values.lazy.compactMap({ firstDate(in: $0.value) }).first {
        throw .unserializable(typeName: dateTypeName(date))
      }
      let entry = DVCValue.Entry(key: params.file, value: .dict(values.sorted { precedes($0.key, $1.key) }))
      if params.file == "params.yaml" { byFile.insert(entry, at: 0) } else { byFile.append(entry) }
    }
    return byFile
  }

  /// The text of the first date, time or datetime in a value.
  static func firstDate(in value: DVCValue) -> String? {
    switch value {
    case .timestamp(let text): return text
    case .list(let items): return items.lazy.compactMap(firstDate).first
    case .dict(let entries): return entries.lazy.compactMap { firstDate(in: $0.value) }.first
    default: return nil
    }
  }

  /// Python's type of a date value as written: `date`, `datetime`, or a TOML local `time`.
  static func dateTypeName(_ text: String) -> String {
    guard text.contains(":") else { return "date" }
    let date = text.prefix { $0 != ":" }
    return date.contains("-") ? "datetime" : "time"
  }

  /// Python's order of strings: by code point.
  static func precedes(_ a: String, _ b: String) -> Bool {
    a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
  }

  static func sortedPaths(_ paths: [String]) -> [String] {
    var seen = Set<PathBytes>()  // by bytes, as Python tells paths apart
    return paths.filter { seen.insert(PathBytes($0[...])).inserted }.sorted(by: precedes)
  }
}
