#if canImport(Glibc)
  import Glibc
#endif

/// A 32-byte key for keyed BLAKE2b hashes, random per store, that cannot print itself.
///
/// Secrets enter fingerprints and the run store only as keyed hashes: someone holding the
/// database but not the key cannot test guesses of a secret against them.
package struct HashKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// The name of the key file inside a store folder.
  package static let fileName = "key"

  let bytes: [UInt8]

  /// Wraps existing key bytes; returns nil unless there are exactly `keyByteCount` of them.
  package init?(bytes: [UInt8]) {
    guard bytes.count == ContentHasher.keyByteCount else { return nil }
    self.bytes = bytes
  }

  /// Makes a fresh key from libsodium's random source.
  package static func random() throws(HashingError) -> HashKey {
    HashKey(bytes: try ContentHasher.randomBytes(ContentHasher.keyByteCount))!
  }

  /// Reads the key kept in `folder/key`, creating it (mode 0600) on first use.
  ///
  /// Creation writes a temporary file and links it into place, which fails instead of
  /// replacing a key that another shell created at the same moment; both then use that one.
  package static func loadOrCreate(inFolder folder: String) throws(HashingError) -> HashKey {
    let path = "\(folder)/\(fileName)"
    if !PosixFiles.exists(path) {
      let fresh = try random()
      do { try write(fresh, to: path, folder: folder) } catch { throw .file(error) }
    }
    let bytes: [UInt8]
    do {
      bytes = try readKeyFile(path)
    } catch  where error.operation == .read && error.code == EFBIG {
      throw .malformedKey(path: path, byteCount: ContentHasher.keyByteCount + 1)
    } catch {
      throw .file(error)
    }
    guard let key = HashKey(bytes: bytes) else {
      throw .malformedKey(path: path, byteCount: bytes.count)
    }
    return key
  }

  /// Reads the key bytes, and takes away group and other access if someone granted it.
  private static func readKeyFile(_ path: String) throws(FileError) -> [UInt8] {
    let file = try OpenFile(path, flags: O_RDONLY)
    if try file.mode() & 0o077 != 0 { try file.setMode(0o600) }
    return try file.readBytes(upTo: ContentHasher.keyByteCount)
  }

  private static func write(_ key: HashKey, to path: String, folder: String) throws(FileError) {
    let temporary = try PosixFiles.makeTemporaryFile(in: folder)
    let temporaryPath = temporary.path
    defer { try? PosixFiles.remove(temporaryPath) }
    try temporary.write(key.bytes)
    try temporary.sync()
    do {
      try PosixFiles.link(temporaryPath, to: path)
    } catch  where error.code == EEXIST {
      return  // another shell won the race; its key is the store's key
    }
  }

  /// Always `****`: a key never prints itself.
  package var description: String { Secret.mask }
  /// Always `****`.
  package var debugDescription: String { Secret.mask }
  /// A mirror without children, so that `dump` shows no key bytes.
  package var customMirror: Mirror { Mirror(self, children: [:]) }
}
