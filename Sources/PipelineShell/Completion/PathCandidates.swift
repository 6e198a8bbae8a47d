/// File and folder names that complete a typed path, relative to a base folder; folders end
/// in `/` and stay open so the next Tab goes inside.
struct PathCandidates {
  var fileSystem: any FileSystem
  var baseFolder: String

  /// The entries whose path starts with `typed` (hidden names only when asked for with `.`).
  func entries(for typed: String) -> [Entry] {
    let slash = typed.lastIndex(of: "/")
    let folderPart = slash.map { String(typed[...$0]) } ?? ""
    let namePrefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
    let folder = folderPart.isEmpty ? baseFolder : Paths.absolute(folderPart, base: baseFolder)
    return fileSystem.contents(of: folder)
      .filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }
      .map { name in
        let isFolder = fileSystem.isDirectory(folder == "/" ? "/" + name : folder + "/" + name)
        let shown = isFolder ? name + "/" : name
        return Entry(value: folderPart + shown, display: shown, complete: !isFolder)
      }
  }
}
