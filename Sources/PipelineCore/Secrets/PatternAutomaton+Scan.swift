extension PatternAutomaton {
  /// Runs the automaton over `input` starting in `row`, calling `onMatch(end, row)` for every
  /// position where a match ends (`end` is the offset just past it, `row` the state's row,
  /// whose `info` tells the match's length), in order; returns the row it ends in.
  ///
  /// With a skip table it jumps over text that cannot start a pattern while it is in the start
  /// state, and goes over to the lanes below when the text keeps it from jumping (text made of
  /// the secrets' own bytes).
  func scan(_ input: UnsafeBufferPointer<UInt8>, from row: Int, onMatch: (Int, Int) -> Void) -> Int {
    guard let skipTable else { return scanInLanes(input, from: row, onMatch: onMatch) }
    let (row, reached) = scanSkipping(input, from: row, table: skipTable, onMatch: onMatch)
    guard reached < input.count else { return row }
    return scanInLanes(UnsafeBufferPointer(rebasing: input[reached...]), from: row) { end, row in
      onMatch(reached + end, row)
    }
  }

  /// Steps the automaton byte by byte, but in the start state first jumps as far as the skip
  /// table allows (and now and then from the earliest partial match still alive). The row after
  /// a jump is the start row: any partial match it passes over dies before the window's end (see
  /// `SkipTable`), so no match is lost and the row at the end of the input is exact. Returns
  /// early, with the row and offset reached, when fewer than half the bytes seen were jumped over.
  func scanSkipping(
    _ input: UnsafeBufferPointer<UInt8>, from row: Int, table skipTable: SkipTable, onMatch: (Int, Int) -> Void
  ) -> (row: Int, reached: Int) {
    var row = row
    var index = 0
    let window = skipTable.window
    let count = input.count
    var jumped = 0
    var checkpoint = Self.skipCheckInterval
    var stepsAwayFromStart = 0
    transitions.withUnsafeBufferPointer { table in
      byteClass.withUnsafeBufferPointer { byteClass in
        skipTable.shifts.withUnsafeBufferPointer { shifts in
          while index < count {
            if row == 0 {
              while index &+ window <= count {
                var shift = SkipTable.shift(shifts, forWindowAt: index, of: window, in: input)
                if shift == 0 {
                  shift = SkipTable.shift(shifts, fromWindowsBefore: index, of: window, in: input)
                  if shift == 0 { break }
                }
                index &+= shift
                jumped &+= shift
              }
              if index >= count { break }
            }
            if index >= checkpoint {
              if jumped &* 2 < index { return }
              checkpoint = index &+ Self.skipCheckInterval
            }
            let entry = table[row &+ Int(byteClass[Int(input[index])])]
            index &+= 1
            if entry >= 0 {
              row = Int(entry)
            } else {
              row = Int(~entry)
              onMatch(index, row)
            }
            stepsAwayFromStart = row == 0 ? 0 : stepsAwayFromStart &+ 1
            if stepsAwayFromStart >= Self.stepsBeforeJumpingFromAPartialMatch {
              stepsAwayFromStart = 0
              // The partial matches still alive all start at or after `earliest`; if no pattern
              // starts within the jump from there, none of them can complete.
              let earliest = index &- states[row / stride].holdBound
              if earliest >= 0, earliest &+ window <= count {  // not from a match begun in an earlier chunk
                let shift = SkipTable.shift(shifts, forWindowAt: earliest, of: window, in: input)
                if earliest &+ shift > index {
                  jumped &+= earliest &+ shift &- index
                  index = earliest &+ shift
                  row = 0
                }
              }
            }
          }
        }
      }
    }
    return (row, min(index, count))
  }

  /// How many bytes the skipping scan looks at between checks that jumping still pays.
  static let skipCheckInterval = 8192
  /// After this many steps outside the start state the scan tries to jump from the earliest
  /// live partial match: text such as `aaaa…` with a secret starting `a` never returns to the
  /// start state. Not at every step: finding that match costs a division.
  static let stepsBeforeJumpingFromAPartialMatch = 8

  /// The plain automaton over `input`, like `scan`. Long inputs are cut into four lanes scanned
  /// in one loop, so four independent table lookups overlap instead of waiting on each other. A
  /// lane other than the first starts in the start state `longestPattern` bytes before its own
  /// part: by then it is in the same state a single scan would be, since a state never
  /// remembers more than that many bytes (`longestSpan`).
  func scanInLanes(_ input: UnsafeBufferPointer<UInt8>, from row: Int, onMatch: (Int, Int) -> Void) -> Int {
    let warmUp = longestSpan
    let part = input.count / 4
    guard part >= max(4096, 2 * warmUp) else {
      return scanLane(input, range: 0..<input.count, from: row, onMatch: onMatch)
    }
    var later: [(end: Int, row: Int)] = []
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
          if e0 < 0, offset <= part { onMatch(offset, rows.0) }
          if e1 < 0, offset > warmUp { later.append((starts.1 + offset, rows.1)) }
          if e2 < 0, offset > warmUp { later.append((starts.2 + offset, rows.2)) }
          if e3 < 0, offset > warmUp { later.append((starts.3 + offset, rows.3)) }
        }
      }
    }
    for match in later.sorted(by: { $0.end < $1.end }) { onMatch(match.end, match.row) }
    return scanLane(input, range: (4 * part)..<input.count, from: rows.3, onMatch: onMatch)
  }

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
            onMatch(index, row)
          }
        }
      }
    }
    return row
  }
}
