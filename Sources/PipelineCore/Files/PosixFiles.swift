#if canImport(Glibc)
  import Glibc
#endif

/// Path-level file operations over POSIX calls, each turning a failure into a `FileError`.
package enum PosixFiles {
  /// Creates a folder and any missing parents, like `mkdir -p`.
  static func makeFolders(_ path: String, mode: mode_t = 0o755) throws(FileError) {
    try FileError.refusingNUL(path, .createFolder)
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component
      if mkdir(prefix, mode) != 0 && errno != EEXIST {
        throw .current(.createFolder, path: prefix)
      }
      prefix += "/"
    }
    guard isFolder(path) else { throw FileError(.createFolder, path: path, code: ENOTDIR) }
  }

  /// Makes a folder and those above it that are missing, each folder made and `path` itself set
  /// to `mode` (the umask would take setgid and group bits off), as Python's `makedirs` with a
  /// mode and `chmod` does for DVC.
  static func makeFolders(_ path: String, settingMode mode: mode_t) throws(FileError) {
    try FileError.refusingNUL(path, .createFolder)
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component
      if mkdir(prefix, mode) == 0 {
        _ = chmod(prefix, mode)  // DVC goes on when it cannot set a mode
      } else if errno != EEXIST {
        throw .current(.createFolder, path: prefix)
      }
      prefix += "/"
    }
    guard isFolder(path) else { throw FileError(.createFolder, path: path, code: ENOTDIR) }
    _ = chmod(path, mode)
  }

  /// True when something exists at `path` (a dangling symbolic link counts as nothing).
  package static func exists(_ path: String) -> Bool {
    !PathText.holdsNUL(path) && access(path, F_OK) == 0
  }

  /// True when `path` is a folder or a link to one.
  package static func isFolder(_ path: String) -> Bool {
    var info = stat()
    return !PathText.holdsNUL(path) && stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// The process's working folder, or nil when it cannot be named (removed, or unreadable).
  package static func workingFolder() -> String? {
    guard let path = getcwd(nil, 0) else { return nil }
    defer { free(path) }
    return String(cString: path)
  }

  /// True when `path` is a symbolic link, whatever it points to.
  static func isLink(_ path: String) -> Bool {
    var info = stat()
    return !PathText.holdsNUL(path) && lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
  }

  /// The prefix of temporary files; the creating process's id follows, so a file left by a
  /// killed shell can be told from one a live shell is writing (`removeStaleTemporaryFiles`).
  static let temporaryPrefix = ".tmp-"

  /// Creates a new, empty, owner-only (0600) file with a unique name in `folder`.
  static func makeTemporaryFile(in folder: String) throws(FileError) -> OpenFile {
    try FileError.refusingNUL(folder, .open)
    var template = Array("\(folder)/\(temporaryPrefix)\(getpid())-XXXXXX".utf8CString)
    let fd = mkstemp(&template)
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    guard fd >= 0 else { throw .current(.open, path: path) }
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // mkostemp is hidden behind _GNU_SOURCE
    return OpenFile(adopting: fd, path: path)
  }

  /// Writes `bytes` to `path` through a synced temporary file renamed into place, so a reader
  /// sees the old file or the new one, never a part; the temporary file goes when a step fails.
  static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t) throws(FileError) {
    let file = try makeTemporaryFile(in: parentFolder(of: path))
    do throws(FileError) {
      try file.write(bytes)
      try file.setMode(mode)
      try file.sync()
      try rename(file.path, to: path)
    } catch {
      try? remove(file.path)
      throw error
    }
  }

  /// Moves `source` to `destination` atomically, replacing what was there.
  static func rename(_ source: String, to destination: String) throws(FileError) {
    try FileError.refusingNUL(source, .rename)
    try FileError.refusingNUL(destination, .rename)
    guard Glibc.rename(source, destination) == 0 else { throw .current(.rename, path: destination) }
  }

  /// Gives `source` a second name; fails with EEXIST instead of replacing `destination`.
  static func link(_ source: String, to destination: String) throws(FileError) {
    try FileError.refusingNUL(source, .link)
    try FileError.refusingNUL(destination, .link)
    guard Glibc.link(source, destination) == 0 else { throw .current(.link, path: destination) }
  }

  /// Removes a file; a file that is already gone is not an error.
  static func remove(_ path: String) throws(FileError) {
    try FileError.refusingNUL(path, .remove)
    guard unlink(path) == 0 || errno == ENOENT else { throw .current(.remove, path: path) }
  }

  /// Removes the temporary files in `folder` and its subfolders (one level) whose creating
  /// process is gone; returns how many.
  @discardableResult
  static func removeStaleTemporaryFiles(under folder: String) -> Int {
    var removed = 0
    for sub in [folder] + names(in: folder).map({ folder + "/" + $0 }).filter(isFolder) {
      for name in names(in: sub) where name.hasPrefix(temporaryPrefix) {
        let pid = name.dropFirst(temporaryPrefix.count).prefix { $0 != "-" }
        if let pid = Int32(pid), pid > 0, kill(pid, 0) == 0 || errno == EPERM { continue }
        if unlink(sub + "/" + name) == 0 { removed += 1 }
      }
    }
    return removed
  }

  /// The names in a folder (none when it cannot be read).
  static func names(in folder: String) -> [String] {
    guard !PathText.holdsNUL(folder), let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != ".", name != ".." { names.append(name) }
    }
    return names
  }

  /// The device and inode of a file: what tells that it was replaced or deleted.
  static func identity(_ path: String) -> (device: UInt64, inode: UInt64)? {
    var info = stat()
    guard !PathText.holdsNUL(path), stat(path, &info) == 0 else { return nil }
    return (UInt64(info.st_dev), UInt64(info.st_ino))
  }

  /// The size of a file, or nil when it does not exist.
  static func size(_ path: String) -> Int? {
    var info = stat()
    guard !PathText.holdsNUL(path), stat(path, &info) == 0 else { return nil }
    return Int(info.st_size)
  }

  /// The folder part of a path (`.` for a bare name), found by bytes as the system does.
  static func parentFolder(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    return slash == path.startIndex ? "/" : String(Substring(path.utf8[..<slash]))
  }
}
