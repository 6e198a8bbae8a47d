#if canImport(Glibc)
  import Glibc
#endif

/// DVC's `unprotect` of a cached `persist: true` output before its stage runs. Where DVC links
/// outputs to its cache (`cache.type` symlink or hardlink), a persisted output is still a link
/// when the stage runs again, and a stage that appends to it would write through the link into
/// DVC's cache object, changing what its hash names. Each linked file is replaced by a private
/// copy first (as DVC does), and every file gets the mode DVC gives it (`_unprotect_file`:
/// the cache's file mode, so an execute bit is gone); no link is followed elsewhere.
enum DVCUnprotect {
  /// The deepest folder nesting walked.
  static let maximumDepth = 512

  /// `fileMode` is `DVCCheckout.fileMode(inDVCFolder:)`.
  static func unprotect(_ path: String, fileMode: mode_t, depth: Int = 0) throws(FileError) {
    guard let info = WorkspaceCopy.status(path) else { return }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      guard depth < maximumDepth else { return }
      for name in PosixFiles.names(in: path) { try unprotect(path + "/" + name, fileMode: fileMode, depth: depth + 1) }
    case S_IFLNK:
      var target = stat()
      // A link to a regular file (DVC links files only); a dangling link or one to a folder stays.
      guard stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG else { return }
      try replaceWithCopy(path, mode: fileMode, size: Int(target.st_size))
    case S_IFREG where info.st_nlink > 1:
      try replaceWithCopy(path, mode: fileMode, size: Int(info.st_size))
    case S_IFREG:
      guard chmod(path, fileMode) == 0 else { throw .current(.write, path: path) }
    default:
      return
    }
  }

  /// Copies what `path` reads as into a new file beside it, with `mode`, and renames the copy
  /// over `path`.
  private static func replaceWithCopy(_ path: String, mode: mode_t, size: Int) throws(FileError) {
    let input = try OpenFile(path, flags: O_RDONLY)
    let copy = try PosixFiles.makeTemporaryFile(in: PosixFiles.parentFolder(of: path))
    do throws(FileError) {
      _ = try FileCloning.copyContent(input, to: copy, size: size, path: copy.path)
      guard fchmod(copy.descriptor, mode) == 0 else {
        throw FileError.current(.write, path: copy.path)
      }
      try PosixFiles.rename(copy.path, to: path)
    } catch {
      try? PosixFiles.remove(copy.path)
      throw error
    }
  }
}
