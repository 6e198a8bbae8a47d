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
}
