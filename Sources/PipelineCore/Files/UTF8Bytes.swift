extension Array where Element == UInt8 {
  /// Appends a string's UTF-8 in one copy where it is contiguous (a native or a short string
  /// always is): `append(contentsOf: text.utf8)` goes a byte at a time, a few hundred
  /// instructions for each cell of a table of thousands of rows.
  package mutating func appendUTF8(of text: String) {
    let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
    if copied == nil { append(contentsOf: text.utf8) }
  }
}
