/// The shape DVC 3 requires of `dvc.lock` (`LOCKFILE_SCHEMA` in `dvc/schema.py`), checked as
/// the project loads: DVC refuses a project whose lock file breaks it (even `dvc stage list`
/// fails), so pipeshell refuses it too, rather than run stages and then leave the record as it
/// was. Each problem is placed where DVC's message places it.
extension DVCLockFile {
  /// The problems of a lock file's top level and of each stage's record.
  static func schemaProblems(_ root: DVCNode, file: String) -> [Diagnostic] {
    guard let top = root.entries, !top.isEmpty else {
      let found =
        root.kind == .null || root.entries != nil ? "it is empty" : "it holds a \(root.pythonTypeName), not a mapping"
      return [problem("\(found) (DVC 3 writes 'schema: \"2.0\"' and 'stages')", file, root.location)]
    }
    var problems: [Diagnostic] = []
    guard let schema = root["schema"] else {
      let oldFormat = top.contains { $0.value["cmd"] != nil }
      return [
        problem(
          oldFormat
            ? "it is a lock file of DVC 1 (stages at the top level, no 'schema: \"2.0\"')"
            : "it has no 'schema' (DVC 3 writes 'schema: \"2.0\"')", file, root.location)
      ]
    }
    if schema.string != "2.0" { problems.append(problem("its schema is not \"2.0\"", file, schema.location)) }
    for entry in top where !["schema", "stages", "datasets"].contains(entry.key) {
      problems.append(problem("'\(entry.key)' is not a key of a lock file", file, entry.keyLocation))
    }
    guard let stages = root["stages"] else { return problems }
    guard let records = stages.entries else {
      return problems + [problem("'stages' is a \(stages.pythonTypeName), not a mapping", file, stages.location)]
    }
    for record in records { problems += stageProblems(record, file: file) }
    return problems
  }

  /// The problems of one stage's record (also what DVC checks of a run-cache entry).
  static func stageProblems(_ record: DVCNode.Entry, file: String) -> [Diagnostic] {
    let stage = record.key
    guard let fields = record.value.entries else {
      return [problem("the record of stage '\(stage)' is not a mapping", file, record.value.location)]
    }
    var problems: [Diagnostic] = []
    if record.value["cmd"] == nil {
      problems.append(problem("the record of stage '\(stage)' has no 'cmd'", file, record.keyLocation))
    }
    for field in fields {
      let node = field.value
      let fits: Bool
      switch field.key {
      case "cmd": fits = node.string != nil || node.items != nil
      case "deps", "outs": fits = node.items?.allSatisfy { $0["path"]?.string != nil } ?? false
      case "params": fits = node.entries?.allSatisfy { $0.value.entries != nil } ?? false
      default:
        problems.append(
          problem("'\(field.key)' is not a key of a stage's record (stage '\(stage)')", file, field.keyLocation))
        continue
      }
      if !fits {
        problems.append(problem("'\(field.key)' of stage '\(stage)' is not as DVC writes it", file, node.location))
      }
    }
    return problems
  }

  private static func problem(_ what: String, _ file: String, _ location: SourceLocation) -> Diagnostic {
    Diagnostic(
      "DVC cannot read \(file): \(what)", at: location,
      notes: [
        "DVC 3 refuses this project too; restore \(file) from version control, or delete it to start the record again (the next run writes it)"
      ])
  }
}
