/// A Wu–Manber shift table over two-byte blocks, which lets a scan jump over text that cannot
/// hold the start of any pattern instead of stepping the automaton through every byte.
///
/// Take a window of `window` bytes (the shortest pattern's length) starting at position `i`, and
/// its last two bytes `x`. If `shift[x] = s > 0`, no pattern starts at `i ..< i + s`: a pattern
/// starting there would hold `x` within its first `window` bytes, ending at an offset that `x`
/// never ends at in any pattern (the table keeps, per block, the distance from the latest such
/// offset to the window's end). Log text rarely holds a secret's two-byte blocks, so most
/// windows jump `window - 1` bytes.
struct SkipTable: Sendable {
  /// The window length: the shortest pattern's length.
  let window: Int
  /// Indexed by `first << 8 | second` of a two-byte block.
  let shifts: [UInt8]

  /// The smallest window worth skipping with: shorter ones jump too little to pay for the lookup.
  static let minimumWindow = 6

  /// Builds the table for non-empty `patterns`; nil when the shortest is below `minimumWindow`.
  init?(patterns: [[UInt8]]) {
    guard let shortest = patterns.map(\.count).min(), shortest >= Self.minimumWindow else { return nil }
    let window = min(shortest, 256)
    var shifts = [UInt8](repeating: UInt8(window - 1), count: 1 << 16)
    for pattern in patterns {
      for end in 1..<window {
        let block = Int(pattern[end - 1]) << 8 | Int(pattern[end])
        shifts[block] = min(shifts[block], UInt8(window - 1 - end))
      }
    }
    self.window = window
    self.shifts = shifts
  }

  /// The jump allowed for the window of `window` bytes starting at `start` of `input`, by the
  /// two bytes that end it.
  @inline(__always)
  static func shift(
    _ shifts: UnsafeBufferPointer<UInt8>, forWindowAt start: Int, of window: Int, in input: UnsafeBufferPointer<UInt8>
  ) -> Int {
    Int(shifts[Int(input[start &+ window &- 2]) &<< 8 | Int(input[start &+ window &- 1])])
  }
}
