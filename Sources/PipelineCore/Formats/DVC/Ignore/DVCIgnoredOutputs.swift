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
    // The patterns of each folder relative to `folder`, found once, looked up by the output's
    // own text up to its last slash (no string made for each of thousands of outputs).
    var known: [DVCIgnorePatterns] = []
    var slots: [PathBytes: Int] = [:]
    // Outputs come in runs of a few folders (`models/` and `metrics/` in turn, for every stage
    // of a matrix): those are compared by their bytes before the folder is hashed for the table.
    var recent = RecentFolders()
    var problems: [Diagnostic] = []
    for stage in stages {
      for index in stage.outs.indices {  // by index: copying each output cost more than checking it
        let relative = stage.projectPath(stage.outs[index].path.path)
        let outputFolder = Self.folderPart(of: relative)
        let slot: Int
        if let hit = recent.slot(of: outputFolder) {
          slot = hit
        } else if let found = slots[PathBytes(outputFolder)] {
          slot = found
          recent.remember(outputFolder, slot)
        } else {
          let folderBytes = PathBytes(outputFolder)
          do {
            known.append(try filter.patterns(in: DVCPath.resolve(String(folderBytes.text), in: folder)))
          } catch {
            return [Diagnostic(error.description, at: stage.outs[index].path.location)]
          }
          slot = known.count - 1
          slots[folderBytes] = slot
          recent.remember(outputFolder, slot)
        }
        if known[slot].isDefaultsOnly, folderIsPlain, !hasHiddenPart(relative) { continue }
        let absolute = DVCPath.resolve(relative, in: folder)
        let directory = PosixFiles.parentFolder(of: absolute)
        let name = String(absolute.dropFirst(directory == "/" ? 1 : directory.count + 1))
        guard let rule = rule(ignoring: name, in: directory, at: absolute, patterns: known[slot]) else { continue }
        let output = stage.outs[index]
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

  /// The last few folders looked up and their slots, told apart by their bytes. Not a
  /// `RecentHits` of a byte-compared key: that took the looked-up folder's bytes again for each
  /// one compared (2.3M more instructions for matrix-4000's 8,000 outputs).
  private struct RecentFolders {
    private var folders: [(text: Substring, slot: Int)] = []

    func slot(of folder: Substring) -> Int? {
      var folder = folder
      return folder.withUTF8 { bytes in
        folders.first { entry in
          var text = entry.text
          return text.withUTF8 { $0.elementsEqual(bytes) }
        }?.slot
      }
    }

    mutating func remember(_ folder: Substring, _ slot: Int) {
      if folders.count == 4 { folders.removeFirst() }
      folders.append((folder, slot))
    }
  }
}
