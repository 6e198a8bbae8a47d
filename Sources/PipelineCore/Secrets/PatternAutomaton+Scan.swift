extension PatternAutomaton {
  /// Runs the automaton over `input` starting in `row`, calling `onMatch(end, length)` for every
  /// position where a pattern ends (`end` is the offset just past the match), in order; returns
  /// the row it ends in.
  ///
  /// Long inputs are cut into four lanes scanned in one loop, so four independent table
  /// lookups overlap instead of waiting on each other. A lane other than the first starts in
  /// the start state `longestPattern` bytes before its own part: by then it is in the same state
  /// a single scan would be, since a state never remembers more than that many bytes.
  func scan(_ input: UnsafeBufferPointer<UInt8>, from row: Int, onMatch: (Int, Int) -> Void) -> Int {
    let warmUp = longestPattern
    let part = input.count / 4
    guard part >= max(4096, 2 * warmUp) else {
      return scanLane(input, range: 0..<input.count, from: row, onMatch: onMatch)
    }
    var later: [(end: Int, length: Int)] = []
    let length = part + warmUp
    let starts = (0, part - warmUp, 2 * part - warmUp, 3 * part - warmUp)
    var rows = (row, 0, 0, 0)
    transitions.withUnsafeBufferPointer { table in
      byteClass.withUnsafeBufferPointer { byteClass in
        var offset = 0
        while offset < length {
          let e0 = table[rows.0 &+ Int(byteClass[Int(input[starts.0 &+ offset])])]
          let e1 = table[rows.1 &+ Int(byteClass[Int(input[starts.1 &+ offset])])]
          let e2 = table[rows.2 &+ Int(byteClass[Int(input[starts.2 &+ offset])])]
          let e3 = table[rows.3 &+ Int(byteClass[Int(input[starts.3 &+ offset])])]
          offset &+= 1
          if (e0 | e1 | e2 | e3) >= 0 {
            rows = (Int(e0), Int(e1), Int(e2), Int(e3))
            continue
          }
          rows = (Int(e0 < 0 ? ~e0 : e0), Int(e1 < 0 ? ~e1 : e1), Int(e2 < 0 ? ~e2 : e2), Int(e3 < 0 ? ~e3 : e3))
          if e0 < 0, offset <= part { onMatch(offset, matchLength(row: rows.0)) }
          if e1 < 0, offset > warmUp { later.append((starts.1 + offset, matchLength(row: rows.1))) }
          if e2 < 0, offset > warmUp { later.append((starts.2 + offset, matchLength(row: rows.2))) }
          if e3 < 0, offset > warmUp { later.append((starts.3 + offset, matchLength(row: rows.3))) }
        }
      }
    }
    for match in later.sorted(by: { $0.end < $1.end }) { onMatch(match.end, match.length) }
    return scanLane(input, range: (4 * part)..<input.count, from: rows.3, onMatch: onMatch)
  }

  /// The length of the longest pattern ending in the state at `row`.
  func matchLength(row: Int) -> Int { Int(matchLength[row / stride]) }

  /// One plain scan over `range` of `input`.
  func scanLane(
    _ input: UnsafeBufferPointer<UInt8>, range: Range<Int>, from row: Int, onMatch: (Int, Int) -> Void
  ) -> Int {
    var row = row
    transitions.withUnsafeBufferPointer { table in
      byteClass.withUnsafeBufferPointer { byteClass in
        var index = range.lowerBound
        while index < range.upperBound {
          let entry = table[row &+ Int(byteClass[Int(input[index])])]
          index &+= 1
          if entry >= 0 {
            row = Int(entry)
          } else {
            row = Int(~entry)
            onMatch(index, matchLength(row: row))
          }
        }
      }
    }
    return row
  }
}
