import CMD5

/// MD5 digests through libmd (`MD5Init`, `MD5Update`, `MD5Final`), the hash DVC 3 names its
/// files and folders by. The only file that imports libmd. Not for security: DVC's choice,
/// which pipeshell must match to agree with `dvc.lock` and DVC's cache.
package struct MD5Hasher: ~Copyable {
  private var context = MD5_CTX()

  /// Starts a digest (`MD5Init`).
  package init() {
    MD5Init(&context)
  }

  /// Adds bytes (`MD5Update`).
  package mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    MD5Update(&context, base.assumingMemoryBound(to: UInt8.self), bytes.count)
  }

  /// Adds the bytes of an array.
  package mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Ends the digest and returns it as 32 lowercase hex digits (`MD5Final`).
  package consuming func finalize() -> String {
    var digest = [UInt8](repeating: 0, count: Int(MD5_DIGEST_LENGTH))
    digest.withUnsafeMutableBufferPointer { MD5Final($0.baseAddress, &context) }
    return ContentHasher.hex(digest)
  }

  /// The digest of `bytes`.
  package static func hex(_ bytes: [UInt8]) -> String {
    var hasher = MD5Hasher()
    hasher.update(bytes)
    return hasher.finalize()
  }
}
