extension Array where Element == UInt8 {
  /// Appends a string's UTF-8 in one copy where it is contiguous (a native or a short string
  /// always is): `append(contentsOf: text.utf8)` goes a byte at a time, a few hundred
  /// instructions for each cell of a table of thousands of rows.
  package mutating func appendUTF8(of text: String) {
    let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: $0) }
    if copied == nil { append(contentsOf: text.utf8) }
  }
}

extension String {
  /// The pieces joined in one allocation, each copied at once: `+=` a piece at a time costs a
  /// few hundred instructions a piece, over the thousands of commands of a plan.
  package static func concatenating(_ pieces: [String]) -> String {
    var total = 0
    for piece in pieces { total += piece.utf8.count }
    guard total > 15 else { return pieces.joined() }  // short enough to be stored inline
    return String(unsafeUninitializedCapacity: total) { buffer in
      var at = 0
      for var piece in pieces {
        piece.withUTF8 { bytes in
          _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<at + bytes.count]).initialize(from: bytes)
          at += bytes.count
        }
      }
      return at
    }
  }
}
