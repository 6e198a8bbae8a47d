#if canImport(Glibc)
  import Glibc
#endif

extension ContentHasher {
  /// Returns the digest of a file's content, read in 64 KiB chunks so that a large output
  /// never sits in memory whole.
  package static func hashFile(atPath path: String) throws(HashingError) -> String {
    var hasher = IncrementalHasher()
    do {
      let file = try OpenFile(path, flags: O_RDONLY)
      try file.forEachChunk { hasher.update($0) }
    } catch {
      throw .file(error)
    }
    return hasher.finalize()
  }
}
