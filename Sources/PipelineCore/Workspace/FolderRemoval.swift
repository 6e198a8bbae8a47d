#if canImport(Glibc)
  import Glibc
#endif

/// Removes a folder and everything in it (`rm -rf`), making read-only folders writable first
/// (steps make those: a package cache, an unpacked archive). Symbolic links are removed, never
/// followed. Sizes are the files' lengths (not the blocks they took: those depend on the file
/// system), the same on every machine.
package enum FolderRemoval {
  /// The deepest nesting removed.
  static let maximumDepth = 512

  @discardableResult
  package static func remove(_ path: String) throws(FileError) -> Int {
    try FileError.refusingNUL(path, .remove)
    guard let info = WorkspaceCopy.status(path) else { return 0 }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      try PosixFiles.remove(path)
      return Int(info.st_size)
    }
    return try removeFolder(path, depth: 0)
  }

  /// The bytes of the files under `path` (what removing it frees), not following links.
  package static func size(_ path: String, depth: Int = 0) -> Int {
    guard let info = WorkspaceCopy.status(path) else { return 0 }
    guard info.st_mode & S_IFMT == S_IFDIR, depth < maximumDepth else { return Int(info.st_size) }
    return PosixFiles.names(in: path).reduce(0) { $0 + size(path + "/" + $1, depth: depth + 1) }
  }

  private static func removeFolder(_ path: String, depth: Int) throws(FileError) -> Int {
    guard depth < maximumDepth else { throw FileError(.remove, path: path, code: ELOOP) }
    _ = chmod(path, 0o700)
    var freed = 0
    for name in PosixFiles.names(in: path) {
      let child = path + "/" + name
      guard let info = WorkspaceCopy.status(child) else { continue }
      if info.st_mode & S_IFMT == S_IFDIR {
        freed += try removeFolder(child, depth: depth + 1)
      } else {
        try PosixFiles.remove(child)
        freed += Int(info.st_size)
      }
    }
    guard rmdir(path) == 0 || errno == ENOENT else { throw .current(.remove, path: path) }
    return freed
  }
}
