/// The top-level sections other than `stages` (`TopDefinition`, `ArtifactDefinition`), and the
/// params files stages depend on.
extension DVCLoading {
  struct TopLevel {
    var metrics: [String] = []
    var params: [String] = []
    var plots: [DVCValue] = []
    var artifacts: [DVCValue.Entry] = []
  }

  mutating func topLevel(_ section: (String) -> DVCNode?, context: DVCContext) -> TopLevel {
    var top = TopLevel()
    func resolved(_ node: DVCNode, _ field: String) -> DVCValue? {
      do {
        return try resolver.resolveTree(node, context: context, field: field, key: nil).value
      } catch {
        diagnostics += error.diagnostics
        return nil
      }
    }
    for (index, item) in (section("metrics")?.items ?? []).enumerated() {
      if case .string(let s)? = resolved(item, "metrics.\(index)") { top.metrics.append(s) }
    }
    for (index, item) in (section("params")?.items ?? []).enumerated() {
      if case .string(let s)? = resolved(item, "params.\(index)") { top.params.append(s) }
    }
    for (index, item) in (section("plots")?.items ?? []).enumerated() {
      if let value = resolved(item, "plots.\(index)") { top.plots.append(value) }
    }
    for entry in section("artifacts")?.entries ?? [] {
      let name = resolved(DVCNode(.string(entry.key), at: entry.keyLocation), "artifacts.\(entry.key)")
      guard let name, let value = resolved(entry.value, "artifacts.\(entry.key)") else { continue }
      top.artifacts.append(DVCValue.Entry(key: DVCResolver.keyText(name), value: value))
    }
    return top
  }

  /// Reads every params file a stage depends on, and warns about files and keys that are
  /// missing (DVC reports them when it runs the stage); a file a stage writes (a tuning stage's
  /// `best.json`) may well not be there yet.
  mutating func readStageParams(_ stages: [DVCStage]) {
    var checked = Set<String>()  // "file\0keys": generated stages name the same params
    var outputs: Set<String>?  // made only when a params file is missing
    // The stages of a group name the same params in the same folder: they are checked once.
    var last: (params: [DVCParamsDependency], wdir: String)?
    for stage in stages {
      if let last, last.params == stage.params, last.wdir == stage.wdir { continue }
      last = (stage.params, stage.wdir)
      for dependency in stage.params {
        let path = stage.projectPath(dependency.file)
        guard checked.insert(path + "\u{0}" + dependency.keys.joined(separator: "\u{0}")).inserted else { continue }
        let file: ParamsFile
        do {
          file = try paramsFile(path, at: dependency.location, field: "stages.\(stage.name).params")
        } catch {
          let missing = files.kind(of: path) == .missing
          if missing {
            let written = outputs ?? Set(stages.flatMap { stage in stage.outs.map { stage.projectPath($0.path.path) } })
            outputs = written
            if written.contains(path) { continue }
          }
          diagnostics +=
            missing
            ? [
              Diagnostic(
                "params file '\(path)' of stage '\(stage.name)' does not exist", at: dependency.location,
                severity: .warning)
            ]
            : error.diagnostics
          continue
        }
        let absent = dependency.keys.filter { DVCParamsSelection.select($0, in: file.value) == nil }
        if !absent.isEmpty {
          diagnostics.append(
            Diagnostic(
              "Parameters '\(absent.joined(separator: ", "))' are missing from '\(path)' (stage '\(stage.name)')",
              at: dependency.location, severity: .warning
            ).suggesting(absent[0], from: file.leaves.map { $0.path.segments.joined(separator: ".") }))
        }
      }
    }
  }
}
