#if canImport(Glibc)
  import Glibc
#endif

/// A content-addressed cache of declared step outputs: `cache/<aa>/<digest>`, where `aa`
/// is the digest's first two hex digits.
///
/// Files enter and leave through a temporary file and a rename, so a reader never sees a
/// half-written file; each copy is hashed as it streams (64 KiB at a time), so what is
/// stored under a digest is exactly what was hashed, and a restore that finds different
/// content drops the damaged entry instead of handing it out.
package struct OutputCache: Sendable {
  /// The cache folder.
  package let folder: String

  /// Uses the cache in `folder`, which is created when the first file is stored.
  package init(folder: String) { self.folder = folder }

  /// Returns where content with this digest is kept, or nil when `hash` is not a digest.
  package func path(for hash: String) -> String? {
    guard ContentHasher.isDigest(hash) else { return nil }
    return "\(folder)/\(hash.prefix(2))/\(hash)"
  }

  /// Returns true when content with this digest is in the cache.
  package func contains(_ hash: String) -> Bool {
    path(for: hash).map(PosixFiles.exists) ?? false
  }

  /// Copies the file at `path` into the cache (unless identical content is already there)
  /// and returns its digest.
  package func store(_ path: String) throws(StoreError) -> String {
    do {
      try PosixFiles.makeFolders(folder, mode: 0o700)
      let source = try OpenFile(path, flags: O_RDONLY)
      let temporary = try PosixFiles.makeTemporaryFile(in: folder)
      let temporaryPath = temporary.path
      defer { try? PosixFiles.remove(temporaryPath) }
      let hash = try copy(source, to: temporary)
      let executable = try source.mode() & 0o111 != 0
      try temporary.setMode(executable ? 0o500 : 0o400)
      try temporary.sync()
      guard let destination = self.path(for: hash), !PosixFiles.exists(destination) else {
        return hash
      }
      try PosixFiles.makeFolders(PosixFiles.parentFolder(of: destination), mode: 0o700)
      try PosixFiles.rename(temporaryPath, to: destination)
      return hash
    } catch {
      throw .file(error)
    }
  }

  /// Writes the content with digest `hash` to `path` (creating its folder, replacing what
  /// was there) with the permission bits `mode`, the output's own (the cache keeps one copy
  /// of equal content, whichever output's bits it had); without one, with the cached copy's
  /// exec bit. Returns false when the cache has no intact copy of it.
  package func restore(_ hash: String, to path: String, mode: Int? = nil) throws(StoreError) -> Bool {
    guard let cached = self.path(for: hash), PosixFiles.exists(cached) else { return false }
    do {
      let source = try OpenFile(cached, flags: O_RDONLY)
      let folder = PosixFiles.parentFolder(of: path)
      try PosixFiles.makeFolders(folder)
      let temporary = try PosixFiles.makeTemporaryFile(in: folder)
      let temporaryPath = temporary.path
      defer { try? PosixFiles.remove(temporaryPath) }
      guard try copy(source, to: temporary) == hash else {
        try PosixFiles.remove(cached)
        return false
      }
      if let mode {
        try temporary.setMode(mode_t(mode & 0o777))
      } else {
        try temporary.setMode(try source.mode() & 0o100 != 0 ? 0o755 : 0o644)
      }
      try PosixFiles.rename(temporaryPath, to: path)
      return true
    } catch {
      throw .file(error)
    }
  }

  /// Copies `source` to `destination` chunk by chunk and returns the digest of what it copied.
  private func copy(_ source: borrowing OpenFile, to destination: borrowing OpenFile)
    throws(FileError) -> String
  {
    var hasher = IncrementalHasher()
    try source.forEachChunk { (chunk) throws(FileError) in
      hasher.update(chunk)
      try destination.write(chunk)
    }
    return hasher.finalize()
  }
}
