/// One form of a secret to mask: a sequence of positions, each a set of bytes that may stand
/// there (one byte for literal text, several where an encoding mixes the secret's bits with
/// its neighbours'), and whether the text may be broken into lines between positions.
///
/// Base64 needs both: its characters at either end of a secret carry some of the secret's
/// bits and some of the bytes beside it, and encoders wrap their output (GNU `base64` at 76
/// columns, PEM at 64), so a secret's encoding may be cut by `\n` or `\r\n` anywhere.
package struct MaskPattern: Sendable, Hashable {
  /// The bytes allowed at each position, each set sorted and non-empty.
  package var positions: [[UInt8]]
  /// True when `\n` or `\r\n` may stand between any two positions.
  package var allowsLineBreaks: Bool
  /// How many positions must match: fewer than `positions.count` when the last may be
  /// missing (a stream cut off before an encoding's last character).
  package var shortestMatch: Int

  /// A pattern of the given positions; `shortestMatch` defaults to all of them.
  package init(positions: [[UInt8]], allowsLineBreaks: Bool = false, shortestMatch: Int? = nil) {
    self.positions = positions.map { Array(Set($0)).sorted() }
    self.allowsLineBreaks = allowsLineBreaks
    self.shortestMatch = min(positions.count, max(1, shortestMatch ?? positions.count))
  }

  /// Literal bytes: each position one byte, no line breaks.
  package init(literal bytes: [UInt8]) {
    self.init(positions: bytes.map { [$0] })
  }

  /// Literal text.
  package init(literal text: String) {
    self.init(literal: Array(text.utf8))
  }

  /// The number of positions.
  package var count: Int { positions.count }

  /// The pattern's text when every position holds one byte, else nil.
  package var literal: [UInt8]? {
    positions.allSatisfy { $0.count == 1 } ? positions.map { $0[0] } : nil
  }

  /// The line-break bytes, which no position of a pattern that allows line breaks holds.
  static let lineFeed = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")

  /// True for `\n` and `\r`.
  @inline(__always)
  static func isLineBreak(_ byte: UInt8) -> Bool { byte == lineFeed || byte == carriageReturn }
}
