#if canImport(Glibc)
  import Glibc
#endif

/// Whether a file a step wrote holds a secret, or one of the encodings `SecretVariants` masks:
/// such a file is never copied into the run store's cache, which must hold no secret.
package enum SecretFileScan {
  /// True when the file at `path` holds one of `secrets`; also true when it cannot be read
  /// (nothing can be said of it, so it is not kept).
  package static func holdsSecret(_ path: String, secrets: [String]) -> Bool {
    guard !secrets.isEmpty else { return false }
    var masker = StreamMasker(secrets: secrets)
    do {
      let file = try OpenFile(path, flags: O_RDONLY)
      try file.forEachChunk { (chunk) throws(FileError) in
        guard !masker.foundSecret else { return }
        _ = masker.feed(Array(chunk))
      }
    } catch {
      return true
    }
    _ = masker.flush()
    return masker.foundSecret
  }
}
