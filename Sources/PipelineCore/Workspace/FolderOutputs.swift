#if canImport(Glibc)
  import Glibc
#endif

/// A folder a step declares as an output, kept file by file in the content-addressed cache, so
/// a later run can reuse the step (and `checkout` can bring the run back) after another run
/// changed the folder. Its record is the folder's content hash (`dir:` and the hash of every
/// file with its path) and one row per file, at the file's path inside the folder.
extension Workspace {
  /// The files below the folder at `path` (planned), by path relative to it, sorted: the files
  /// `Fingerprint.contentHash` hashes.
  func files(inFolder path: String) -> [String] {
    Fingerprint.files(inFolder: location(of: path))
  }

  /// Keeps `files` (paths relative to the folder at `path`, as `files(inFolder:)` lists them) in
  /// the cache; returns their hashes by those paths.
  func keepFolder(_ path: String, files: [String]) throws(StoreError) -> [String: String] {
    var kept: [String: String] = [:]
    for relative in files {
      kept[relative] = try keep(path + "/" + relative)
    }
    return kept
  }

  /// The permission bits of the file at `path` (planned), kept with its record so that it is
  /// restored as it was; nil when it cannot be read.
  func permissions(of path: String) -> Int? {
    var info = stat()
    guard stat(location(of: path), &info) == 0 else { return nil }
    return Int(info.st_mode & 0o777)
  }

  /// Puts the folder at `path` back as recorded: its `files` (hash by path relative to it) from
  /// the cache, each with its recorded permission bits (`modes`, by the same paths), into a
  /// fresh folder beside it that then replaces it, so the folder is either the old one or the
  /// recorded one. False (and the folder untouched) when a file is missing from the cache or
  /// the result is not the recorded `contentHash`. The fresh folder is journaled while it
  /// exists, so a start after a kill removes a half-made one.
  func restoreFolder(
    _ path: String, files: [String: String], modes: [String: Int] = [:], contentHash: String
  ) throws(StoreError) -> Bool {
    guard !files.isEmpty else { return false }
    let staging = path + RestoreJournal.stagingMark + "\(getpid())"
    let stagingLocation = location(of: staging)
    let journal = RestoreJournal(storeFolder: PosixFiles.parentFolder(of: cache.folder))
    let marker: String
    do {
      marker = try journal.recordStaging(stagingLocation)
      _ = try FolderRemoval.remove(stagingLocation)
      try PosixFiles.makeFolders(stagingLocation)
    } catch {
      throw .file(error)
    }
    defer { if !PosixFiles.exists(stagingLocation) { unlink(marker) } }
    var complete = true
    for (relative, hash) in files.sorted(by: { $0.key < $1.key }) where complete {
      complete = try restore(hash, to: staging + "/" + relative, mode: modes[relative])
    }
    do {
      guard complete, self.contentHash(of: staging) == contentHash else {
        _ = try FolderRemoval.remove(stagingLocation)
        return false
      }
      _ = try FolderRemoval.remove(location(of: path))
      try PosixFiles.rename(stagingLocation, to: location(of: path))
    } catch {
      throw .file(error)
    }
    return true
  }
}

/// The recorded outputs of a step, split into what it declared and the files of its folder
/// outputs, with the permission bits of the files kept.
package struct RecordedOutputs: Sendable {
  /// Hash by path, for the paths the step declared (`dir:...` for a folder).
  package var declared: [String: String] = [:]
  /// For each folder output, its files' hashes by path relative to the folder.
  package var folderFiles: [String: [String: String]] = [:]
  /// Permission bits by the rows' paths (none for rows recorded before modes were kept).
  package var modes: [String: Int] = [:]

  /// The recorded permission bits of a folder's files, by path relative to the folder.
  package func modes(inFolder folder: String) -> [String: Int] {
    var found: [String: Int] = [:]
    for (path, mode) in modes where path.hasPrefix(folder + "/") {
      found[String(path.dropFirst(folder.count + 1))] = mode
    }
    return found
  }

  /// Splits the rows of a step: a row inside a recorded folder is one of its files.
  package init(_ rows: [String: String], modes: [String: Int] = [:]) {
    self.modes = modes
    let folders = rows.filter { $0.value.hasPrefix(StoreStepCache.folderMark) }.keys.sorted()
    for (path, hash) in rows {
      if !hash.hasPrefix(StoreStepCache.folderMark), let folder = folders.first(where: { path.hasPrefix($0 + "/") }) {
        folderFiles[folder, default: [:]][String(path.dropFirst(folder.count + 1))] = hash
      } else {
        declared[path] = hash
      }
    }
  }
}
