/// A Wu–Manber shift table over two-byte blocks, which lets a scan jump over text that cannot
/// hold the start of any pattern instead of stepping the automaton through every byte.
///
/// Take a window of `window` bytes (the shortest pattern's length) starting at position `i`, and
/// its last two bytes `x`. If `shift[x] = s > 0`, no pattern starts at `i ..< i + s`: a pattern
/// starting there would hold `x` within its first `window` bytes, ending at an offset that `x`
/// never ends at in any pattern (the table keeps, per block, the distance from the latest such
/// offset to the window's end). Log text rarely holds a secret's two-byte blocks, so most
/// windows jump `window - 1` bytes.
///
/// A pattern that allows line breaks may have two break bytes before each position, so its
/// position `e` may lie anywhere up to `3 * e` bytes into an occurrence: its blocks allow only
/// the jump that is safe from the farthest of those places, and a block holding a line-break
/// byte allows none.
struct SkipTable: Sendable {
  /// The window length: the shortest pattern's length.
  let window: Int
  /// Indexed by `first << 8 | second` of a two-byte block.
  let shifts: [UInt8]

  /// The smallest window worth skipping with: shorter ones jump too little to pay for the lookup.
  static let minimumWindow = 6

  /// Builds the table for non-empty `patterns`; nil when the shortest is below `minimumWindow`.
  init?(patterns: [MaskPattern]) {
    guard let shortest = patterns.map(\.shortestMatch).min(), shortest >= Self.minimumWindow else { return nil }
    let window = min(shortest, 256)
    var shifts = [UInt8](repeating: UInt8(window - 1), count: 1 << 16)
    for pattern in patterns {
      let stretch = pattern.allowsLineBreaks ? 3 : 1
      for end in 1..<window {
        let shift = UInt8(max(0, window - 1 - stretch * end))
        for first in pattern.positions[end - 1] {
          for second in pattern.positions[end] {
            let block = Int(first) << 8 | Int(second)
            shifts[block] = min(shifts[block], shift)
          }
        }
      }
    }
    if patterns.contains(where: \.allowsLineBreaks) {
      for lineBreak in [MaskPattern.lineFeed, MaskPattern.carriageReturn] {
        for other in 0..<256 {
          shifts[Int(lineBreak) << 8 | other] = 0
          shifts[other << 8 | Int(lineBreak)] = 0
        }
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

  /// The jump allowed from `start` by the windows one and two bytes earlier, for when the
  /// window at `start` allows none (its last block is a line break, or ends a secret's): a
  /// window at `start - k` allowing `s` means no pattern starts before `start - k + s`.
  @inline(__always)
  static func shift(
    _ shifts: UnsafeBufferPointer<UInt8>, fromWindowsBefore start: Int, of window: Int,
    in input: UnsafeBufferPointer<UInt8>
  ) -> Int {
    guard start >= 2 else { return 0 }
    let one = shift(shifts, forWindowAt: start &- 1, of: window, in: input) &- 1
    if one > 0 { return one }
    return max(0, shift(shifts, forWindowAt: start &- 2, of: window, in: input) &- 2)
  }
}
