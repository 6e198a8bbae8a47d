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

  /// True for text of printable ASCII only (a column a byte on a terminal, no line break).
  package static func isPrintableASCII(_ text: String) -> Bool {
    all(in: text) { $0 &- 0x20 < 0x5F }
  }
}
