/// DVC refuses a stage whose output its `.dvcignore` files leave out
/// (`Output._validate_output_path`) as it loads the stage, so even `dvc stage list` fails; a
/// project pipeshell loads is refused the same way, with the output and the deciding line named.
enum DVCIgnoredOutputs {
  /// One problem per output left out; none outside a DVC repository (`root` nil).
  static func problems(in stages: [DVCStage], folder: String, root: String?) -> [Diagnostic] {
    guard let root else { return [] }
    let filter = DVCIgnoreFilter(root: root)
    // DVC's own patterns leave out only names starting with a dot: where they alone apply, an
    // output with no such part in its path from the root needs no more (most outputs).
    let folderIsPlain = !hasHiddenPart(PathText.relative(folder, to: root) ?? ".")
    // By folder relative to `folder`, looked up by the output's own text up to its last slash
    // (no string made for each of thousands of outputs).
    var patternsByFolder: [PathBytes: DVCIgnorePatterns] = [:]
    // Outputs come in runs of one folder (`models/` for every stage of a matrix): the last
    // folder's patterns are compared before the table is hashed.
    var last: (folder: Substring, patterns: DVCIgnorePatterns)?
    var problems: [Diagnostic] = []
    for stage in stages {
      for output in stage.outs {
        let relative = stage.projectPath(output.path.path)
        let folderText = Self.folderPart(of: relative)
        let patterns: DVCIgnorePatterns
        if let last, last.folder.utf8.elementsEqual(folderText.utf8) {  // by bytes, as `PathBytes`
          patterns = last.patterns
        } else if let known = patternsByFolder[PathBytes(folderText)] {
          patterns = known
          last = (folderText, known)
        } else {
          let relativeFolder = PathBytes(folderText)
          do {
            patterns = try filter.patterns(in: DVCPath.resolve(String(relativeFolder.text), in: folder))
          } catch {
            return [Diagnostic(error.description, at: output.path.location)]
          }
          patternsByFolder[relativeFolder] = patterns
          last = (folderText, patterns)
        }
        if patterns.isDefaultsOnly, folderIsPlain, !hasHiddenPart(relative) { continue }
        let absolute = DVCPath.resolve(relative, in: folder)
        let directory = PosixFiles.parentFolder(of: absolute)
        let name = String(absolute.dropFirst(directory == "/" ? 1 : directory.count + 1))
        guard let rule = rule(ignoring: name, in: directory, at: absolute, patterns: patterns) else { continue }
        problems.append(
          DVCProblem.outputIsIgnored(path: output.path.path, stage: stage.name, rule: rule).diagnostic(
            at: output.path.location))
      }
    }
    return problems
  }

  /// The folder of a project-relative path, as `parentFolder` gives it (`.` for none).
  static func folderPart(of path: String) -> Substring {
    let utf8 = path.utf8
    let slash: String.Index?
    if let offset = utf8.withContiguousStorageIfAvailable({ $0.lastIndex(of: UInt8(ascii: "/")) }) {
      slash = offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }  // a byte loop, not an index walk
    } else {
      slash = utf8.lastIndex(of: UInt8(ascii: "/"))
    }
    guard let slash else { return "." }
    return slash == path.startIndex ? "/" : Substring(path.utf8[..<slash])  // by bytes, as `parentFolder`
  }

  /// Whether a part of `path` starts with a dot.
  private static func hasHiddenPart(_ path: String) -> Bool {
    var afterSlash = true
    return ByteSearch.contains(in: path) { byte in
      if afterSlash, byte == UInt8(ascii: ".") { return true }
      afterSlash = byte == UInt8(ascii: "/")
      return false
    }
  }

  /// DVC asks as a folder for a folder that is there, and as a file otherwise (`check_ignore`
  /// looks at the disk); the disk is read only when the answers differ.
  private static func rule(
    ignoring name: String, in directory: String, at absolute: String, patterns: DVCIgnorePatterns
  ) -> String? {
    let asFile = patterns.rule(ignoring: name, in: directory, isFolder: false)
    let asFolder = patterns.rule(ignoring: name, in: directory, isFolder: true)
    if asFile == asFolder { return asFile }
    return PosixFiles.isFolder(absolute) ? asFolder : asFile
  }
}
