#if canImport(Glibc)
  import Glibc
#endif

/// DVC's local cache (`.dvc/cache`): files stored by MD5 under `files/md5/AB/CDEF...` (DVC 2's
/// objects under `AB/CDEF...`), read-only (0444), and a folder stored as its files plus a
/// `.dir` object holding its manifest. pipeshell adds objects as `dvc commit` adds them, and
/// run-cache entries (`runs/`, `DVCRunCache`) as `dvc repro` adds them; it deletes only what DVC
/// deletes (a corrupted object or entry), and changes nothing else under `.dvc/`.
package struct DVCCache: Sendable {
  /// The cache folder (`.dvc/cache`, or `cache.dir` from DVC's config).
  package var folder: String
  /// `cache.shared = group` (a team's cache): folders are made group-writable and setgid
  /// (2775) and run-cache entries group-writable (0664), as `LocalHashFileDB` makes them, so
  /// that the group's other members can add to them.
  package var sharedWithGroup = false

  package init(folder: String, sharedWithGroup: Bool = false) {
    self.folder = folder
    self.sharedWithGroup = sharedWithGroup
  }

  /// The mode of a run-cache entry (DVC's `_file_mode`).
  var entryMode: mode_t { sharedWithGroup ? 0o664 : 0o644 }

  /// Makes a folder of the cache and those above it that are missing, as DVC's `makedirs` with
  /// its `_dir_mode`: in a shared cache each folder made, and `folder` itself, is set to 2775
  /// whatever the umask.
  func makeFolders(_ folder: String) throws(FileError) {
    guard sharedWithGroup else { return try PosixFiles.makeFolders(folder) }
    try PosixFiles.makeFolders(folder, settingMode: 0o2775)
  }

  /// The path of an object.
  package func objectPath(_ md5: String, legacy: Bool = false) -> String {
    let prefix = String(md5.prefix(2)), rest = String(md5.dropFirst(2))
    return legacy ? "\(folder)/\(prefix)/\(rest)" : "\(folder)/files/md5/\(prefix)/\(rest)"
  }

  /// True when the object is in the cache; for a folder, its `.dir` object and every file it lists.
  package func contains(_ md5: String, legacy: Bool = false) -> Bool {
    let path = objectPath(md5, legacy: legacy)
    guard access(path, F_OK) == 0 else { return false }
    guard md5.hasSuffix(".dir") else { return true }
    guard let files = manifest(at: path) else { return false }
    return files.allSatisfy { access(objectPath($0, legacy: legacy), F_OK) == 0 }
  }

  /// The MD5s a `.dir` object lists, or nil when it cannot be read.
  func manifest(at path: String) -> [String]? {
    Self.manifestItems(at: path)?.compactMap { item in
      if case .string(let md5)? = item["md5"] { return md5 }
      return nil
    }
  }

  /// The largest `.dir` object read.
  static let maximumManifestSize = 256 << 20

  /// The items of a `.dir` object (DVC's JSON list of `{md5, relpath}`; `[]` for an empty
  /// folder), or nil when it is not one, cannot be read or is larger than `maximumManifestSize`.
  static func manifestItems(at path: String) -> [DVCValue]? {
    guard let file = try? OpenFile(path, flags: O_RDONLY),
      let bytes = try? file.readBytes(upTo: maximumManifestSize + 1), bytes.count <= maximumManifestSize,
      let text = String(validating: bytes, as: UTF8.self)
    else { return nil }
    var reader = JSONParamsReader()
    reader.falsyDocumentIsEmptyMapping = false
    guard let node = try? reader.read(text, file: path), case .list(let items) = node.value else { return nil }
    return items
  }

  /// Adds a file's content as the object `md5`, unless it is there already. `linking` is
  /// `dvc commit` when `cache.type` starts with `hardlink` (`transfer(hardlink=True)`): a clone
  /// where the file system can make one, else the object is a hard link of the file itself.
  package func add(file path: String, md5: String, linking: Bool = false) throws(FileError) {
    let destination = objectPath(md5)
    if access(destination, F_OK) == 0 { return }
    if linking, try addByLinking(file: path, at: destination) { return }
    let source = try OpenFile(path, flags: O_RDONLY)
    try store(destination) { (out) throws(FileError) in
      try source.forEachChunk { (chunk) throws(FileError) in try out.write(chunk) }
    }
  }

  /// Adds a folder: each file, then its manifest as the `.dir` object.
  package func add(folder entries: [DVCManifestEntry], md5: String, linking: Bool = false) throws(FileError) {
    for entry in entries { try add(file: entry.path, md5: entry.md5, linking: linking) }
    let destination = objectPath(md5)
    if access(destination, F_OK) == 0 { return }
    let bytes = DVCHashing.manifestBytes(entries)
    try store(destination) { (out) throws(FileError) in try out.write(bytes) }
  }

  /// DVC's `["reflink", "hardlink", "copy"]` into the cache: false when neither of the first
  /// two works here (copy then). The hard link is made to what a symbolic link points to (as
  /// `os.link` does), and made read-only: so is the file in the workspace, which is the object
  /// now. An empty file is copied (DVC's `link` makes a new empty file).
  private func addByLinking(file path: String, at destination: String) throws(FileError) -> Bool {
    guard (PosixFiles.size(path) ?? 0) > 0 else { return false }
    let folder = PosixFiles.parentFolder(of: destination)
    try makeFolders(folder)
    let source = try OpenFile(path, flags: O_RDONLY)
    let temporary = try PosixFiles.makeTemporaryFile(in: folder)
    var cloning = FileCloning()
    do {
      if try cloning.clone(source.descriptor, into: temporary.descriptor, path: temporary.path) {
        try temporary.setMode(0o444)
        try PosixFiles.rename(temporary.path, to: destination)
        return true
      }
      try PosixFiles.remove(temporary.path)
    } catch {
      try? PosixFiles.remove(temporary.path)
      throw error
    }
    guard linkat(AT_FDCWD, path, AT_FDCWD, destination, AT_SYMLINK_FOLLOW) == 0 else {
      if DVCCheckout.unsupported.contains(errno) { return false }
      throw .current(.link, path: destination)
    }
    _ = chmod(destination, 0o444)  // DVC goes on when it cannot protect an object
    return true
  }

  /// Writes an object through a temporary file in its folder, read-only, renamed into place.
  private func store(_ destination: String, _ write: (borrowing OpenFile) throws(FileError) -> Void) throws(FileError) {
    let folder = PosixFiles.parentFolder(of: destination)
    try makeFolders(folder)
    let temporary = try PosixFiles.makeTemporaryFile(in: folder)
    do {
      try write(temporary)
      try temporary.sync()
      try temporary.setMode(0o444)
      try PosixFiles.rename(temporary.path, to: destination)
    } catch {
      try? PosixFiles.remove(temporary.path)
      throw error
    }
  }

  /// The cache of the DVC project holding `folder`: `.dvc/cache` of the nearest folder with a
  /// `.dvc` folder, or the `cache.dir` DVC's config sets there.
  package static func locate(from folder: String) -> DVCCache? {
    repositoryRoot(from: folder).map(inRepository)
  }

  /// The cache of the DVC repository at `root` (the folder holding `.dvc`).
  package static func inRepository(_ root: String) -> DVCCache {
    let dvc = root == "/" ? "/.dvc" : root + "/.dvc"
    let shared = !(DVCConfig.value("cache", "shared", in: dvc) ?? "").isEmpty
    return DVCCache(folder: DVCConfig.cacheDirectory(in: dvc) ?? dvc + "/cache", sharedWithGroup: shared)
  }

  /// The DVC repository holding `folder`: the nearest folder (itself or above) with a `.dvc`
  /// folder, or nil.
  package static func repositoryRoot(from folder: String) -> String? {
    var current = DVCPath.normalize(folder)
    while true {
      if PosixFiles.isFolder(current == "/" ? "/.dvc" : current + "/.dvc") { return current }
      guard current != "/", current.contains("/") else { return nil }
      current = PosixFiles.parentFolder(of: current)
    }
  }
}
