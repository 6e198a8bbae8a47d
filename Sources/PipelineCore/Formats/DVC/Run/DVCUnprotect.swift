#if canImport(Glibc)
  import Glibc
#endif

/// DVC's `unprotect` of a `persist: true` output before its stage runs. Where DVC links outputs
/// to its cache (`cache.type` symlink or hardlink), a persisted output is still a link when the
/// stage runs again, and a stage that appends to it would write through the link into DVC's
/// cache object, changing what its hash names. Each linked file is replaced by a private copy
/// first (as DVC does); plain files are left alone, and no link is followed elsewhere.
enum DVCUnprotect {
  /// The deepest folder nesting walked.
  static let maximumDepth = 512

  static func unprotect(_ path: String, depth: Int = 0) throws(FileError) {
    guard let info = WorkspaceCopy.status(path) else { return }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      guard depth < maximumDepth else { return }
      for name in PosixFiles.names(in: path) { try unprotect(path + "/" + name, depth: depth + 1) }
    case S_IFLNK:
      var target = stat()
      // A link to a regular file (DVC links files only); a dangling link or one to a folder stays.
      guard stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG else { return }
      try replaceWithCopy(path, mode: target.st_mode, size: Int(target.st_size))
    case S_IFREG where info.st_nlink > 1:
      try replaceWithCopy(path, mode: info.st_mode, size: Int(info.st_size))
    default:
      return
    }
  }

  /// Copies what `path` reads as into a new file beside it, writable by its owner as DVC
  /// leaves an unprotected file, and renames the copy over `path`.
  private static func replaceWithCopy(_ path: String, mode: mode_t, size: Int) throws(FileError) {
    let input = try OpenFile(path, flags: O_RDONLY)
    let copy = try PosixFiles.makeTemporaryFile(in: PosixFiles.parentFolder(of: path))
    do throws(FileError) {
      _ = try FileCloning.copyContent(input, to: copy, size: size, path: copy.path)
      guard fchmod(copy.descriptor, (mode & 0o7777) | 0o200) == 0 else {
        throw FileError.current(.write, path: copy.path)
      }
      try PosixFiles.rename(copy.path, to: path)
    } catch {
      try? PosixFiles.remove(copy.path)
      throw error
    }
  }
}
