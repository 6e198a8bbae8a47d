/// An Aho-Corasick automaton over bytes, compiled to a dense transition table, that finds every
/// occurrence of a set of patterns in one pass with one table load per byte.
///
/// Bytes that occur in no pattern share one class, so a row has `stride` entries, not 256.
/// Entries hold the target row's offset (`state * stride`), bitwise-negated when the target
/// state ends a pattern, so the scan loop tests for a match with a sign check.
struct PatternAutomaton: Sendable {
  /// The byte class of each byte value; 0 for bytes in no pattern.
  let byteClass: [UInt8]
  /// Entries per row: the number of byte classes.
  let stride: Int
  /// `transitions[row + byteClass[b]]`: the next row, or `~row` when that state ends a match.
  let transitions: [Int32]
  /// Per state: the length of the longest pattern ending there (0 when none).
  let matchLength: [Int32]
  /// Per state: the length of the longest suffix of the input that is a proper prefix of a
  /// pattern, i.e. how many bytes may still turn out to be part of a match.
  let holdLength: [Int32]
  /// The length of the longest pattern, in bytes.
  let longestPattern: Int
  /// How far a scan in the start state may jump ahead, by the two bytes that end a window as
  /// long as the shortest pattern (see `SkipTable`); nil when patterns are too short to gain.
  let skipTable: SkipTable?

  /// Compiles `patterns` (non-empty, any order, duplicates allowed); nil when there are none.
  init?(patterns: [[UInt8]]) {
    let patterns = patterns.filter { !$0.isEmpty }
    guard !patterns.isEmpty else { return nil }
    var byteClass = [UInt8](repeating: 0, count: 256)
    var classes = 1
    for byte in Set(patterns.joined()).sorted() {
      byteClass[Int(byte)] = UInt8(truncatingIfNeeded: classes)
      classes += 1
    }
    // 256 distinct bytes would need class 256: fold the last one into class 0's role instead
    // by giving every byte its own class and no shared "other" class.
    if classes > 256 {
      for byte in 0..<256 { byteClass[byte] = UInt8(byte) }
      classes = 256
    }
    var trie = Trie(stride: classes)
    for pattern in patterns { trie.insert(pattern.map { Int(byteClass[Int($0)]) }) }
    let compiled = trie.compile()
    self.byteClass = byteClass
    self.stride = classes
    self.transitions = compiled.transitions
    self.matchLength = compiled.matchLength
    self.holdLength = compiled.holdLength
    self.longestPattern = patterns.map(\.count).max() ?? 0
    self.skipTable = SkipTable(patterns: patterns)
  }
}

/// The goto trie of the automaton while it is being built.
private struct Trie {
  let stride: Int
  var children: [Int32]
  var depth: [Int32] = [0]
  var ends: [Int32] = [0]

  init(stride: Int) {
    self.stride = stride
    children = [Int32](repeating: -1, count: stride)
  }

  var stateCount: Int { depth.count }

  mutating func insert(_ classes: [Int]) {
    var state = 0
    for symbol in classes {
      let slot = state * stride + symbol
      if children[slot] < 0 {
        children[slot] = Int32(stateCount)
        children += repeatElement(-1, count: stride)
        depth.append(depth[state] + 1)
        ends.append(0)
      }
      state = Int(children[slot])
    }
    ends[state] = Int32(classes.count)
  }

  /// Fills failure links breadth-first and turns the trie into a complete DFA.
  func compile() -> (transitions: [Int32], matchLength: [Int32], holdLength: [Int32]) {
    precondition(children.count < Int(Int32.max), "secrets too large to mask")
    var next = children
    var fail = [Int](repeating: 0, count: stateCount)
    var matchLength = ends
    var holdLength = [Int32](repeating: 0, count: stateCount)
    var queue = [0]
    var head = 0
    while head < queue.count {
      let state = queue[head]
      head += 1
      let hasChildren = (0..<stride).contains { children[state * stride + $0] >= 0 }
      holdLength[state] = hasChildren ? depth[state] : holdLength[fail[state]]
      for symbol in 0..<stride {
        let slot = state * stride + symbol
        let fallback = state == 0 ? 0 : next[fail[state] * stride + symbol]
        guard children[slot] >= 0 else {
          next[slot] = fallback
          continue
        }
        let child = Int(children[slot])
        fail[child] = Int(fallback)
        matchLength[child] = max(matchLength[child], matchLength[fail[child]])
        queue.append(child)
      }
    }
    let transitions = next.map { target in
      let row = target * Int32(stride)
      return matchLength[Int(target)] > 0 ? ~row : row
    }
    return (transitions, matchLength, holdLength)
  }
}
