#if canImport(Glibc)
  import Glibc
#endif

/// Folders as DVC hashes them (`_build_tree`): every file below, found as `os.walk` finds them
/// (links to folders are not followed), without what `.dvcignore` files leave out (and `.git`,
/// `.hg/` and `.dvc/`, which DVC always does), listed in a manifest sorted by path.
extension DVCHashing {
  /// A folder's hash and the manifest DVC stores as its `.dir` object; `repositoryRoot` is
  /// where the `.dvcignore` files that apply start (nil: only DVC's own patterns apply).
  package static func directory(path: String, legacy: Bool = false, repositoryRoot: String? = nil)
    throws(DVCHashingError) -> (DVCHashInfo, [DVCManifestEntry])
  {
    let path = PathText.normalized(path)
    let ignore =
      try repositoryRoot.map { root throws(DVCHashingError) in try DVCIgnoreFilter(root: root).patterns(in: path) }
      ?? DVCIgnorePatterns.defaults(root: path)
    var entries: [DVCManifestEntry] = []
    try walk(path, relative: "", ignore: ignore, into: &entries, legacy: legacy)
    entries.sort { $0.relpath.unicodeScalars.lexicographicallyPrecedes($1.relpath.unicodeScalars) }
    let manifest = manifestBytes(entries)
    let info = DVCHashInfo(
      md5: MD5Hasher.hex(manifest) + ".dir", size: entries.reduce(0) { $0 + $1.size }, fileCount: entries.count,
      isExecutable: false)
    return (info, entries)
  }

  private static func walk(
    _ folder: String, relative: String, ignore: DVCIgnorePatterns, into entries: inout [DVCManifestEntry],
    legacy: Bool
  ) throws(DVCHashingError) {
    guard let stream = opendir(folder) else { throw .file(FileError(.open, path: folder, code: errno)) }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != ".", name != ".." { names.append(name) }
    }
    var kept: [(name: String, isFolder: Bool, isLink: Bool)] = []
    for name in names {
      let path = folder + "/" + name
      var link = stat(), target = stat()
      guard lstat(path, &link) == 0 else { throw .file(FileError(.inspect, path: path, code: errno)) }
      let isLink = (link.st_mode & S_IFMT) == S_IFLNK
      let resolved = isLink ? stat(path, &target) == 0 : true
      let mode = isLink ? target.st_mode : link.st_mode
      let isFolder = resolved && (mode & S_IFMT) == S_IFDIR
      if !ignore.ignores(name, in: folder, isFolder: isFolder) { kept.append((name, isFolder, isLink)) }
    }
    if kept.contains(where: { $0.name == ".dvcignore" }) { throw .ignoreFileInside(folder: folder) }
    for (name, isFolder, isLink) in kept {
      let path = folder + "/" + name
      let relpath = relative.isEmpty ? name : relative + "/" + name
      if isFolder {
        if !isLink { try walk(path, relative: relpath, ignore: ignore, into: &entries, legacy: legacy) }
        continue
      }
      let info = try file(path: path, legacy: legacy)
      entries.append(
        DVCManifestEntry(relpath: relpath, md5: info.md5, size: info.size, isExecutable: info.isExecutable, path: path))
    }
  }

  /// The manifest as `json.dumps(entries, sort_keys=True)` writes it: `[{"md5": ..., "relpath": ...}]`
  /// with non-ASCII characters escaped.
  package static func manifestBytes(_ entries: [DVCManifestEntry]) -> [UInt8] {
    var text = "["
    for (index, entry) in entries.enumerated() {
      if index > 0 { text += ", " }
      text += "{\"md5\": " + jsonString(entry.md5) + ", \"relpath\": " + jsonString(entry.relpath) + "}"
    }
    text += "]"
    return Array(text.utf8)
  }

  /// Python's JSON string with `ensure_ascii`: everything outside ` `..`~` escaped.
  static func jsonString(_ s: String) -> String {
    var out = "\""
    for unit in s.utf16 {
      switch unit {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      default:
        let hex = String(unit, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return out + "\""
  }
}
