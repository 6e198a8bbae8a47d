/// A position in UTF-8 text that counts lines and columns as people do (columns in characters,
/// 1-based), for the hand-written readers of JSON, TOML and Python params files.
struct TextCursor {
  let bytes: [UInt8]
  private(set) var offset = 0
  private(set) var line = 1
  private(set) var column = 1

  /// The start of the file: every location is made from it.
  private let origin: SourceLocation

  init(_ text: String, file: String) {
    bytes = Array(text.utf8)
    origin = SourceLocation(file: file, line: 1, column: 1)
  }

  var isAtEnd: Bool { offset >= bytes.count }
  var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

  /// The byte `distance` places ahead, or nil past the end.
  func peek(_ distance: Int = 1) -> UInt8? {
    offset + distance < bytes.count ? bytes[offset + distance] : nil
  }

  /// The location of the current position.
  var location: SourceLocation { origin.moved(line: line, column: column) }

  /// Moves one byte forward, counting a new line after `\n` and a column per character.
  mutating func advance() {
    guard offset < bytes.count else { return }
    let byte = bytes[offset]
    offset += 1
    if byte == 0x0A {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }

  /// Moves `count` bytes forward.
  mutating func advance(by count: Int) {
    for _ in 0..<count { advance() }
  }

  /// True when the text at the current position starts with `literal`.
  func startsWith(_ literal: String) -> Bool {
    let needle = Array(literal.utf8)
    guard offset + needle.count <= bytes.count else { return false }
    return bytes[offset..<(offset + needle.count)].elementsEqual(needle)
  }

  /// Takes `literal` when the text continues with it.
  mutating func take(_ literal: String) -> Bool {
    guard startsWith(literal) else { return false }
    advance(by: literal.utf8.count)
    return true
  }

  /// The text between two byte offsets.
  func text(from start: Int, to end: Int) -> String {
    String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
