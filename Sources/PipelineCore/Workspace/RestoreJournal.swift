#if canImport(Glibc)
  import Glibc
#endif

/// The files a run changed in the user's folder for a while and must put back (a DVC params
/// file holding the run's values while a stage reads it), kept in `.pipeshell/restore/` before
/// the change: the file's bytes, mode and times, and a hash of what the run wrote. The run puts
/// each file back itself; when its shell dies first (`kill -9`, a crash), the next start finds
/// the entries and puts the files back (`recover`), unless someone changed them since.
package struct RestoreJournal: Sendable {
  /// One file a run changed.
  package struct Entry: Sendable, Hashable {
    /// The file's absolute path.
    package var path: String
    /// Where its original bytes are kept.
    var copy: String
    /// The entry's description (JSON).
    var record: String
  }

  /// `.pipeshell/restore`.
  package let folder: String

  /// The journal of the store folder `storeFolder`.
  package init(storeFolder: String) { folder = storeFolder + "/restore" }

  /// Records `path` with its current bytes `original` (and mode and times) before `written`
  /// replaces them; the entry is on disk (synced) when this returns.
  package func record(_ path: String, original: [UInt8], written: [UInt8]) throws(FileError) -> Entry {
    try PosixFiles.makeFolders(folder, mode: 0o700)
    let name = ContentHasher.hash(path).prefix(32)
    let entry = Entry(path: path, copy: folder + "/" + name + ".orig", record: folder + "/" + name + ".json")
    var info = stat()
    guard stat(path, &info) == 0 else { throw .current(.inspect, path: path) }
    try PosixFiles.writeAtomically(original, to: entry.copy, mode: 0o600)
    let json = JSONWriter.text(
      .object([
        ("path", .string(path)), ("original", .string(ContentHasher.hash(original))),
        ("written", .string(ContentHasher.hash(written))), ("mode", .int(Int(info.st_mode & 0o7777))),
        ("atime", .array([.int(info.st_atim.tv_sec), .int(info.st_atim.tv_nsec)])),
        ("mtime", .array([.int(info.st_mtim.tv_sec), .int(info.st_mtim.tv_nsec)])),
      ]))
    try PosixFiles.writeAtomically(Array(json.utf8), to: entry.record, mode: 0o600)
    return entry
  }

  /// True when some file is journaled (a run is changing it, or a dead shell's run left it).
  package var hasEntries: Bool {
    PosixFiles.names(in: folder).contains { $0.hasSuffix(".json") || $0.hasSuffix(Self.stagingSuffix) }
  }

  /// Forgets an entry (its file was put back, or never changed).
  package func remove(_ entry: Entry) {
    unlink(entry.record)
    unlink(entry.copy)
  }

  /// Puts back the file of `entry` with its original bytes, mode and times (in place, so its
  /// inode, owner and links stay), when it still holds what the run wrote; then forgets the
  /// entry. Returns a note when the file was changed by someone else and is left as it is.
  @discardableResult
  package func restore(_ entry: Entry) -> String? {
    guard let text = FileText.read(entry.record), let json = JSONValue.parse(text),
      let writtenHash = json["written"]?.string, let originalHash = json["original"]?.string
    else {
      remove(entry)
      return "the journal entry for '\(entry.path)' cannot be read; the file is left as it is"
    }
    guard let original = Self.readBytes(entry.copy), ContentHasher.hash(original) == originalHash else {
      return "the saved copy of '\(entry.path)' is missing or damaged; the file is left as it is (see \(folder))"
    }
    let current = Self.readBytes(entry.path)
    if let current, ContentHasher.hash(current) == originalHash {
      remove(entry)
      return nil
    }
    guard let current, ContentHasher.hash(current) == writtenHash else {
      remove(entry)
      return "'\(entry.path)' was changed during the run; it is left as it is"
    }
    do {
      try Self.overwrite(entry.path, with: original)
    } catch {
      return "cannot put back '\(entry.path)': \(error) (its original is kept in \(entry.copy))"
    }
    Self.setAttributes(entry.path, json: json)
    remove(entry)
    return nil
  }

  /// Puts back every file a run of a dead shell left changed, and removes the folders it was
  /// making to restore outputs; returns what the user should know.
  package func recover() -> (restored: [String], notes: [String]) {
    var restored: [String] = []
    var notes = removeAbandonedStaging()
    for name in PosixFiles.names(in: folder).sorted() where name.hasSuffix(".json") {
      let record = folder + "/" + name
      guard let text = FileText.read(record), let path = JSONValue.parse(text)?["path"]?.string else {
        unlink(record)
        continue
      }
      let entry = Entry(path: path, copy: String(record.dropLast(5)) + ".orig", record: record)
      let before = Self.readBytes(path)
      if let note = restore(entry) {
        notes.append(note)
      } else if Self.readBytes(path) != before {
        restored.append(path)
      }
    }
    return (restored, notes)
  }

  /// Writes `bytes` over the file at `path` in place (same inode), synced.
  package static func overwrite(_ path: String, with bytes: [UInt8]) throws(FileError) {
    let file = try OpenFile(path, flags: O_WRONLY | O_TRUNC)
    try file.write(bytes)
    try file.sync()
  }

  /// The file's bytes, or nil when it cannot be read.
  package static func readBytes(_ path: String) -> [UInt8]? {
    guard let file = try? OpenFile(path, flags: O_RDONLY) else { return nil }
    return try? file.readBytes(upTo: 256 << 20)
  }

  private static func setAttributes(_ path: String, json: JSONValue) {
    guard !PathText.holdsNUL(path) else { return }
    if let mode = json["mode"]?.int { chmod(path, mode_t(mode)) }
    guard let a = json["atime"]?.array, let m = json["mtime"]?.array, a.count == 2, m.count == 2,
      let asec = a[0].int, let ansec = a[1].int, let msec = m[0].int, let mnsec = m[1].int
    else { return }
    var times = [timespec(tv_sec: asec, tv_nsec: ansec), timespec(tv_sec: msec, tv_nsec: mnsec)]
    _ = utimensat(AT_FDCWD, path, &times, 0)
  }
}

extension RestoreJournal {
  /// At a start: puts back the files a dead shell's run left changed in the folder of the store
  /// `storeFolder`, unless a live run holds the folder (its files are its own until it ends).
  /// Returns the files put back and notes; nothing when there is no journal.
  package static func recoverIfIdle(storeFolder: String) -> (restored: [String], notes: [String]) {
    let journal = RestoreJournal(storeFolder: storeFolder)
    guard journal.hasEntries else { return ([], []) }
    guard let lock = try? WorkspaceLock.acquire(inFolder: storeFolder, wait: false) else { return ([], []) }
    defer { lock.release() }
    return journal.recover()
  }
}
