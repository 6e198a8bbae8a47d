#if canImport(Glibc)
  import Glibc
#endif

/// Looks for one byte in a string's UTF-8 with `memchr` where the text is contiguous (a native
/// string always is): a check that runs on every command and path of a plan of thousands of
/// steps, where walking the UTF-8 view one index at a time costs as much as the work it guards.
package enum ByteSearch {
  package static func holds(_ byte: UInt8, in text: String) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { bytes in
      guard let start = bytes.baseAddress else { return false }
      return memchr(start, Int32(byte), bytes.count) != nil
    } ?? text.utf8.contains(byte)
  }

  /// True when a byte of the text's UTF-8 passes `test`: a plain loop over contiguous bytes,
  /// where `utf8.contains(where:)` goes an index at a time (about 20 instructions a byte on
  /// every command and cell of a plan of thousands of steps).
  @inlinable @inline(__always)
  package static func contains(in text: String, where test: (UInt8) -> Bool) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { bytes in
      for byte in bytes where test(byte) { return true }
      return false
    } ?? text.utf8.contains(where: test)
  }

  /// True when every byte of the text's UTF-8 passes `test` (see `contains(in:where:)`).
  @inlinable @inline(__always)
  package static func all(in text: String, _ test: (UInt8) -> Bool) -> Bool {
    !contains(in: text) { !test($0) }
  }

  /// Whether the UTF-8 of `text` starts with that of `prefix`, byte by byte (`hasPrefix`
  /// compares characters, and would not see `..` before a combining mark).
  package static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
    compare(text, prefix) { $0.prefix($1.count).elementsEqual($1) }
  }

  /// Whether the UTF-8 of `text` ends with that of `suffix`, byte by byte.
  package static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
    compare(text, suffix) { $0.suffix($1.count).elementsEqual($1) }
  }

  /// `test` of the two texts' bytes, the first at least as long as the second; contiguous
  /// buffers where the strings have them (an index walk of the views costs tenfold).
  private static func compare(
    _ text: String, _ part: String, _ test: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool
  ) -> Bool {
    func both(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
      a.count >= b.count && test(a, b)
    }
    if let compared = text.utf8.withContiguousStorageIfAvailable({ a in
      part.utf8.withContiguousStorageIfAvailable { b in both(a, b) }
    }), let compared {
      return compared
    }
    return Array(text.utf8).withUnsafeBufferPointer { a in Array(part.utf8).withUnsafeBufferPointer { both(a, $0) } }
  }

  /// True for text of printable ASCII only (a column a byte on a terminal, no line break):
  /// eight bytes at a time, as every command, path and cell of a plan of thousands of steps
  /// is asked, and nearly all of them are.
  package static func isPrintableASCII(_ text: String) -> Bool {
    text.utf8.withContiguousStorageIfAvailable(isPrintableASCII) ?? all(in: text) { $0 &- 0x20 < 0x5F }
  }

  /// True when every byte is in 0x20...0x7E. A word's bytes all are when none of `word - 0x20`
  /// (a byte under 0x20 wraps), `word + 1` (0x7F becomes 0x80) and `word` itself has its top
  /// bit set; a byte's borrow or carry reaches the next byte only from a byte already found.
  static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress.map(UnsafeRawPointer.init) else { return true }
    let spaces: UInt64 = 0x2020_2020_2020_2020
    let ones: UInt64 = 0x0101_0101_0101_0101
    let tops: UInt64 = 0x8080_8080_8080_8080
    var offset = 0
    while offset + 8 <= bytes.count {
      let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      if ((word &- spaces) | (word &+ ones) | word) & tops != 0 { return false }
      offset += 8
    }
    while offset < bytes.count {
      if bytes[offset] &- 0x20 >= 0x5F { return false }
      offset += 1
    }
    return true
  }
}
