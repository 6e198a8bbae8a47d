/// `dvc.lock` as DVC 3 reads it (`LOCKFILE_SCHEMA`, schema `2.0`): for each stage that ran,
/// its command, and the hashes of its dependencies and outputs and the values of its params at
/// that time.
package struct DVCLockFile: Sendable, Hashable {
  /// A dependency or an output as recorded.
  package struct Entry: Sendable, Hashable {
    /// The path as written in `dvc.yaml` (relative to the stage's working folder).
    package var path: String
    /// `md5` for DVC 3; nil for entries DVC 2 wrote, hashed as `md5-dos2unix`.
    package var hashName: String?
    package var md5: String?
    package var size: Int?
    package var fileCount: Int?
    package var isExecutable: Bool
    package var location: SourceLocation
    /// A URL dependency's `ETag` as DVC recorded it (see `DVCURLInfo`).
    package var checksum: String?

    /// True for entries of DVC 2.
    package var isLegacy: Bool { hashName == nil }
  }

  /// A stage's record.
  package struct Stage: Sendable, Hashable {
    package var name: String
    /// The command as recorded: a string, or a list for a `cmd` list.
    package var command: DVCValue
    package var deps: [Entry]
    /// Params values by file, as recorded.
    package var params: [DVCValue.Entry]
    package var outs: [Entry]
    /// Where the stage's name is written.
    package var location: SourceLocation

    /// The record of a dependency or an output, found by its path's bytes, as Python's `==`
    /// compares them (Swift's would take `café` composed and not for one path).
    package func dep(_ path: String) -> Entry? { deps.first { $0.path.utf8.elementsEqual(path.utf8) } }
    package func out(_ path: String) -> Entry? { outs.first { $0.path.utf8.elementsEqual(path.utf8) } }
  }

  package var stages: [Stage]
  /// The file's text, kept so that writing changes only the entries that change.
  package var text: String

  /// The record of a stage.
  package func stage(_ name: String) -> Stage? { stages.first { $0.name == name } }

  /// The lock file of a `dvc.yaml` file: its name with `.lock` for `.yaml` (`dvc.lock`).
  static func name(for dvcFile: String) -> String {
    (dvcFile.hasSuffix(".yaml") ? String(dvcFile.dropLast(5)) : dvcFile) + ".lock"
  }

  /// Parses the text of `dvc.lock`, refusing what DVC 3 refuses (`schemaProblems`: each stage's
  /// record a mapping, each entry with a `path`, so what follows reads them as they are).
  package static func parse(_ text: String, file: String) throws(DiagnosticError) -> DVCLockFile {
    let root = try YAMLParamsReader().read(text, file: file)
    let problems = schemaProblems(root, file: file)
    if !problems.isEmpty { throw DiagnosticError(problems) }
    var stages: [Stage] = []
    for entry in root["stages"]?.entries ?? [] {
      var stage = Stage(
        name: entry.key, command: .string(""), deps: [], params: [], outs: [], location: entry.keyLocation)
      for field in entry.value.entries ?? [] {
        switch field.key {
        case "cmd": stage.command = field.value.value
        case "deps": stage.deps = Self.entries(field.value)
        case "outs": stage.outs = Self.entries(field.value)
        case "params": stage.params = field.value.value.entries ?? []
        default: continue
        }
      }
      stages.append(stage)
    }
    return DVCLockFile(stages: stages, text: text)
  }

  private static func entries(_ node: DVCNode) -> [Entry] {
    (node.items ?? []).compactMap { item in
      guard let path = item["path"]?.string else { return nil }
      var entry = Entry(
        path: path, hashName: item["hash"]?.string, md5: nil, size: nil, fileCount: nil, isExecutable: false,
        location: item.location)
      switch item["md5"]?.kind {
      case .string(let s)?: entry.md5 = s
      case .int(let i)?: entry.md5 = String(i)  // DVC coerces a number to text
      case .bigInt(let digits)?: entry.md5 = digits
      default: break
      }
      if case .int(let size)? = item["size"]?.kind { entry.size = size }
      if case .int(let count)? = item["nfiles"]?.kind { entry.fileCount = count }
      if case .bool(let exec)? = item["isexec"]?.kind { entry.isExecutable = exec }
      entry.checksum = item["checksum"]?.string
      return entry
    }
  }
}
