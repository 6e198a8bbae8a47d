#if canImport(Glibc)
  import Glibc
#endif

/// DVC's run cache (`.dvc/cache/runs/<key[:2]>/<key>/<value>`, `dvc/stage/cache.py`): for each
/// stage as it ran (command, dependencies, params), the `dvc.lock` entries of what it made. A
/// later `dvc repro` (or pipeshell) restores a stage's outputs from DVC's cache by it instead of
/// running the command. Entries are written as `StageCache.save` writes them, and read as
/// `StageCache._load` reads them: a file that is not an entry is reported, and deleted, as DVC
/// deletes it.
package struct DVCRunCache: Sendable {
  /// The largest entry read: DVC writes a few hundred bytes per output.
  static let maximumEntrySize = 16 << 20

  /// `runs` in DVC's cache folder.
  package var folder: String
  /// The project's folder, which warnings name paths from.
  package var projectFolder: String
  /// The cache it is in, which makes its folders and says their modes.
  private var cache: DVCCache

  package init(cache: DVCCache, projectFolder: String) {
    folder = cache.folder + "/runs"
    self.projectFolder = projectFolder
    self.cache = cache
  }

  /// An entry read back, or why none was.
  package struct Lookup: Sendable {
    /// The stage's `dvc.lock` entry as the run cache holds it.
    package var entry: DVCValue?
    /// DVC's warning for a corrupted entry (which is deleted), or a note for one too large to read.
    package var warning: String?
  }

  package func entryFolder(key: String) -> String { folder + "/" + key.prefix(2) + "/" + key }

  package func path(key: String, value: String) -> String { entryFolder(key: key) + "/" + value }

  /// Saves a stage's `dvc.lock` entry (as `StageCache.save`): nothing when an entry with the same
  /// value is there, else written through a temporary file renamed into place. Returns DVC's
  /// warning when a corrupted file had the entry's name. Nil names: DVC cannot hash the entry.
  package func save(_ entry: DVCValue) throws(FileError) -> String? {
    guard let key = DVCRunCacheKey.key(of: entry), let value = DVCRunCacheKey.value(of: entry) else { return nil }
    let existing = load(key: key, value: value)
    if existing.entry != nil { return nil }
    let destination = path(key: key, value: value)
    let parent = entryFolder(key: key)
    try cache.makeFolders(parent)
    try PosixFiles.writeAtomically(Array(DVCYAMLWriter.document(entry).utf8), to: destination, mode: cache.entryMode)
    return existing.warning
  }

  /// The newest entry (by modification time) saved for `key` (as `StageCache._load`).
  package func newest(key: String) -> Lookup {
    let folder = entryFolder(key: key)
    var newest: (name: String, time: (Int, Int))?
    for name in PosixFiles.names(in: folder) {
      var info = stat()
      guard stat(folder + "/" + name, &info) == 0 else { continue }
      let time = (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
      if newest.map({ time > $0.time }) ?? true { newest = (name, time) }
    }
    guard let newest else { return Lookup() }
    return load(key: key, value: newest.name)
  }

  /// One entry, checked as DVC checks it (`COMPILED_LOCK_FILE_STAGE_SCHEMA`).
  func load(key: String, value: String) -> Lookup {
    let path = path(key: key, value: value)
    let bytes: [UInt8]
    do {
      let file = try OpenFile(path, flags: O_RDONLY)
      bytes = try file.readBytes(upTo: Self.maximumEntrySize + 1)
    } catch {
      return Lookup()  // not there (or unreadable, which DVC would not delete either)
    }
    if bytes.count > Self.maximumEntrySize {
      return Lookup(warning: "run-cache entry '\(shown(path))' is larger than 16 MiB; pipeshell does not read it")
    }
    if let text = String(validating: bytes, as: UTF8.self), let entry = Self.entry(text, file: path) {
      return Lookup(entry: entry)
    }
    try? PosixFiles.remove(path)
    return Lookup(warning: "corrupted cache file '\(shown(path))'.")
  }

  /// The entry a run-cache file holds, or nil when DVC would find it corrupted: not YAML, or not
  /// a `dvc.lock` stage entry.
  static func entry(_ text: String, file: String) -> DVCValue? {
    guard let root = try? YAMLParamsReader().read(text, file: file) else { return nil }
    let record = DVCNode.Entry(key: "run-cache", keyLocation: root.location, value: root)
    guard DVCLockFile.stageProblems(record, file: file).isEmpty else { return nil }
    return root.value
  }

  /// A path as DVC's warning shows it: relative to the project's folder when inside it.
  private func shown(_ path: String) -> String {
    path.hasPrefix(projectFolder + "/") ? String(path.dropFirst(projectFolder.count + 1)) : path
  }
}
