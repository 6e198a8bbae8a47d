import CSodium

/// BLAKE2b digests as lowercase hex, through libsodium's `crypto_generichash`.
///
/// This is the only file that imports libsodium. Digests are 32 bytes (64 hex digits);
/// keyed digests use a per-store `HashKey`, so that a secret can take part in a fingerprint
/// without its value, or a plain hash of it, ever being stored.
package enum ContentHasher {
  /// Bytes in a digest (`crypto_generichash_BYTES`).
  package static let digestByteCount = Int(crypto_generichash_BYTES)
  /// Bytes in a key (`crypto_generichash_KEYBYTES`).
  package static let keyByteCount = Int(crypto_generichash_KEYBYTES)

  /// Whether `sodium_init()` succeeded; evaluated once, thread-safely, on first use.
  /// Besides seeding the random source, it picks the fastest BLAKE2b code for this CPU.
  static let isReady: Bool = sodium_init() >= 0

  /// Returns the digest of `bytes`.
  package static func hash(_ bytes: [UInt8]) -> String {
    var hasher = IncrementalHasher()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// Returns the digest of the UTF-8 bytes of `text`.
  package static func hash(_ text: String) -> String {
    var hasher = IncrementalHasher()
    hasher.update(text)
    return hasher.finalize()
  }

  /// Returns the digest of `text` keyed with `key`; without the key it cannot be recomputed.
  package static func keyedHash(_ text: String, key: HashKey) -> String {
    var hasher = IncrementalHasher(key: key)
    hasher.update(text)
    return hasher.finalize()
  }

  /// Returns `count` bytes from libsodium's cryptographic random source (`randombytes_buf`).
  package static func randomBytes(_ count: Int) throws(HashingError) -> [UInt8] {
    guard isReady else { throw .randomSourceUnavailable }
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
    return bytes
  }

  /// Returns the SHA-256 digest of `bytes` in hex (`crypto_hash_sha256`): DVC names its run-cache
  /// entries by it, so pipeshell must compute the same.
  package static func sha256(_ bytes: [UInt8]) -> String {
    _ = isReady
    var digest = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
    digest.withUnsafeMutableBufferPointer { out in
      bytes.withUnsafeBufferPointer { input in
        guard let target = out.baseAddress else { return }
        _ = crypto_hash_sha256(target, input.baseAddress, UInt64(input.count))
      }
    }
    return hex(digest)
  }

  /// Returns `true` when `text` has the shape of a digest: 64 lowercase hex digits.
  package static func isDigest(_ text: String) -> Bool {
    text.utf8.count == digestByteCount * 2
      && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}

/// A BLAKE2b hash computed piece by piece (`crypto_generichash_init`, `_update`, `_final`).
///
/// Non-copyable because it owns libsodium's state, which lives in its own 64-byte aligned
/// allocation as libsodium requires.
package struct IncrementalHasher: ~Copyable {
  private let state: UnsafeMutableRawPointer

  /// Starts an unkeyed hash.
  package init() {
    self.init(keyBytes: [])
  }

  /// Starts a hash keyed with `key`.
  package init(key: HashKey) {
    self.init(keyBytes: key.bytes)
  }

  private init(keyBytes: [UInt8]) {
    _ = ContentHasher.isReady
    state = .allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
    let typed = OpaquePointer(state)
    let status = keyBytes.withUnsafeBufferPointer {
      crypto_generichash_init(typed, $0.baseAddress, $0.count, ContentHasher.digestByteCount)
    }
    precondition(status == 0, "crypto_generichash_init rejected a valid key or length")
  }

  deinit { state.deallocate() }

  /// Adds raw bytes.
  package mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    let typed = OpaquePointer(state)
    _ = crypto_generichash_update(
      typed, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
  }

  /// Adds the bytes of an array.
  package mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Adds the UTF-8 bytes of a string.
  package mutating func update(_ text: String) {
    var text = text
    text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
  }

  /// Adds a string preceded by its length, so that ("ab", "c") and ("a", "bc") differ.
  package mutating func updateField(_ text: String) {
    withUnsafeBytes(of: UInt64(text.utf8.count).littleEndian) { update($0) }
    update(text)
  }

  /// Ends the hash and returns its digest in hex.
  package consuming func finalize() -> String {
    var digest = [UInt8](repeating: 0, count: ContentHasher.digestByteCount)
    let typed = OpaquePointer(state)
    _ = digest.withUnsafeMutableBufferPointer {
      crypto_generichash_final(typed, $0.baseAddress!, $0.count)
    }
    return ContentHasher.hex(digest)
  }
}
