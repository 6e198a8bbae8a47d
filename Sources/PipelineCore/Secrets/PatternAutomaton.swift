/// An automaton over bytes, compiled to a dense transition table, that finds every occurrence
/// of a set of patterns in one pass with one table load per byte: Aho-Corasick generalized to
/// positions that allow several bytes and to patterns that may be broken into lines.
///
/// Bytes that occur in no pattern share one class, so a row has `stride` entries, not 256.
/// Entries hold the target row's offset (`state * stride`), bitwise-negated when the target
/// state ends a match, so the scan loop tests for a match with a sign check.
///
/// A match's length in bytes is not always known from the state: a pattern that allows line
/// breaks may have met any number of them. The state gives the length in positions, and the
/// masker counts back over the text it holds, skipping line breaks (`StreamMasker`).
struct PatternAutomaton: Sendable {
  /// The byte class of each byte value; 0 for bytes in no pattern.
  let byteClass: [UInt8]
  /// Entries per row: the number of byte classes.
  let stride: Int
  /// `transitions[row + byteClass[b]]`: the next row, or `~row` when that state ends a match.
  let transitions: [Int32]
  /// Per state, about the matches ending there and the partial matches alive.
  let states: [StateInfo]
  /// The number of positions of the longest pattern.
  let longestPattern: Int
  /// How many bytes a state may depend on: a partial match spans at most this many.
  let longestSpan: Int
  /// How far a scan in the start state may jump ahead, by the two bytes that end a window as
  /// long as the shortest match (see `SkipTable`); nil when matches are too short to gain.
  let skipTable: SkipTable?

  /// What a state knows of the matches ending in it and the partial matches still alive.
  struct StateInfo: Sendable, Equatable {
    /// The longest match of a pattern without line breaks ending here, in bytes (0 for none).
    var matchBytes: Int32 = 0
    /// The longest match of a pattern that allows line breaks ending here, in positions.
    var matchPositions: Int32 = 0
    /// The longest partial match without line breaks alive here, in bytes.
    var holdBytes: Int32 = 0
    /// The longest partial match that allows line breaks alive here, in positions.
    var holdPositions: Int32 = 0

    /// At most how many bytes the partial matches alive here span.
    var holdBound: Int { max(Int(holdBytes), 3 * Int(holdPositions)) }
    /// True when a match ends in this state.
    var matches: Bool { matchBytes > 0 || matchPositions > 0 }
  }

  /// Compiles `patterns` (any order, duplicates allowed); nil when there are none.
  init?(patterns: [MaskPattern]) {
    let patterns = patterns.filter { $0.count > 0 }
    guard !patterns.isEmpty else { return nil }
    let classes = ByteClasses(patterns: patterns)
    let built = AutomatonBuilder(patterns: patterns, classes: classes).build()
    self.byteClass = classes.byteClass
    self.stride = classes.count
    self.transitions = built.transitions
    self.states = built.states
    self.longestPattern = patterns.map(\.count).max() ?? 0
    self.longestSpan = patterns.map { $0.allowsLineBreaks ? 3 * $0.count : $0.count }.max() ?? 0
    self.skipTable = SkipTable(patterns: patterns)
  }

  /// Compiles literal byte patterns.
  init?(patterns: [[UInt8]]) {
    self.init(patterns: patterns.map { MaskPattern(literal: $0) })
  }

  /// What the state at `row` knows.
  @inline(__always)
  func info(row: Int) -> StateInfo { states[row / stride] }
}

/// The byte classes: each byte a pattern holds has its own, and so do `\n` and `\r` when a
/// pattern allows line breaks; all other bytes share class 0.
struct ByteClasses {
  let byteClass: [UInt8]
  /// A byte of each class.
  let representative: [UInt8]
  var count: Int { representative.count }

  init(patterns: [MaskPattern]) {
    var used = Set(patterns.flatMap { $0.positions.joined() })
    if patterns.contains(where: \.allowsLineBreaks) {
      used.formUnion([MaskPattern.lineFeed, MaskPattern.carriageReturn])
    }
    var byteClass = [UInt8](repeating: 0, count: 256)
    var representative: [UInt8] = []
    if used.count >= 256 {
      // No byte is left for a shared class: every byte gets its own.
      for byte in 0..<256 { byteClass[byte] = UInt8(byte) }
      representative = (0..<256).map { UInt8($0) }
    } else {
      representative = [(0...255).first { !used.contains(UInt8($0)) }.map { UInt8($0) } ?? 0]
      for byte in used.sorted() {
        byteClass[Int(byte)] = UInt8(representative.count)
        representative.append(byte)
      }
    }
    self.byteClass = byteClass
    self.representative = representative
  }
}
