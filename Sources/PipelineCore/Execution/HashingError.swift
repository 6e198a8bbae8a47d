/// A failure to hash content or to obtain the key for keyed hashes.
package enum HashingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A file could not be read, or the key file could not be written.
  case file(FileError)
  /// libsodium could not initialise its random source, so no key can be made.
  case randomSourceUnavailable
  /// The key file exists but does not hold exactly the expected number of bytes.
  case malformedKey(path: String, byteCount: Int)

  /// The message shown to people.
  package var description: String {
    switch self {
    case .file(let error): return error.description
    case .randomSourceUnavailable: return "cannot make a key: no random source"
    case .malformedKey(let path, let byteCount):
      return "key file '\(path)' holds \(byteCount) bytes; expected \(ContentHasher.keyByteCount)"
    }
  }
}
