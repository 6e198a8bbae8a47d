/// The bytes libFuzzer hands a target, read from the front: a few selector bytes choose a
/// variant, the rest is text.
package struct FuzzInput {
  private var bytes: ArraySlice<UInt8>

  /// Copies the input (libFuzzer's buffer is only valid during the call).
  package init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size))[...] } ?? []
  }

  /// The next byte, or 0 when none is left.
  package mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

  /// The next byte as a choice among `count` options.
  package mutating func choice(_ count: Int) -> Int { Int(byte()) % count }

  /// Text up to the next byte `separator` (consumed), or to the end.
  package mutating func text(until separator: UInt8) -> String {
    let end = bytes.firstIndex(of: separator) ?? bytes.endIndex
    let text = String(decoding: bytes[..<end], as: UTF8.self)
    bytes = end == bytes.endIndex ? [] : bytes[(end + 1)...]
    return text
  }

  /// The rest of the input as text, decoded as the shell decodes a file (invalid UTF-8
  /// becomes U+FFFD).
  package mutating func rest() -> String {
    defer { bytes = [] }
    return String(decoding: bytes, as: UTF8.self)
  }
}
