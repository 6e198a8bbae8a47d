import Testing

@testable import PipelineCore

/// The skipping scan (Wu–Manber jumps in the start state) must report exactly the matches, and
/// end in exactly the row, of the plain byte-by-byte automaton, whatever the text and however
/// it is cut into chunks.
@Suite struct SkipScanTests {
  typealias F = MaskerFixtures

  /// Every match and the final row of one scan over each chunk in turn.
  static func matches(
    _ automaton: PatternAutomaton, _ input: [UInt8], chunks: [Int], plain: Bool
  ) -> (matches: [[Int]], rows: [Int]) {
    var found: [[Int]] = []
    var rows: [Int] = []
    var row = 0
    var start = 0
    for size in chunks + [input.count] where start < input.count {
      let end = min(input.count, start + size)
      input[start..<end].withUnsafeBufferPointer { chunk in
        row =
          plain
          ? automaton.scanLane(chunk, range: 0..<chunk.count, from: row) { found.append([start + $0, $1]) }
          : automaton.scan(chunk, from: row) { found.append([start + $0, $1]) }
      }
      rows.append(row)
      start = end
    }
    return (found, rows)
  }

  /// Text of noise from `alphabet` with whole patterns and pattern prefixes mixed in.
  static func text(
    _ count: Int, patterns: [[UInt8]], alphabet: [UInt8], using generator: inout F.SeededGenerator
  ) -> [UInt8] {
    var text: [UInt8] = []
    while text.count < count {
      for _ in 0..<Int.random(in: 0...40, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
      let pattern = patterns.randomElement(using: &generator)!
      text +=
        Bool.random(using: &generator)
        ? pattern : Array(pattern.prefix(Int.random(in: 1...pattern.count, using: &generator)))
    }
    return text
  }

  @Test(arguments: 1...40)
  func skippingAgreesWithThePlainScan(seed: UInt64) {
    var generator = F.SeededGenerator(state: seed)
    let alphabet = Array("abcdefgh-_=:/ \n0123".utf8)
    let patterns = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
      (0..<Int.random(in: SkipTable.minimumWindow...24, using: &generator)).map { _ in
        alphabet.randomElement(using: &generator)!
      }
    }
    let automaton = PatternAutomaton(patterns: patterns)!
    #expect(automaton.skipTable != nil)
    let input = Self.text(60_000, patterns: patterns, alphabet: alphabet, using: &generator)
    let chunks = (0..<200).map { _ in
      let largest = Bool.random(using: &generator) ? 30 : 20_000
      return Int.random(in: 1...largest, using: &generator)
    }
    let skipping = Self.matches(automaton, input, chunks: chunks, plain: false)
    let plain = Self.matches(automaton, input, chunks: chunks, plain: true)
    #expect(skipping.matches == plain.matches)
    #expect(skipping.rows == plain.rows)
  }

  /// Patterns with several bytes at a position and line breaks between positions (base64's),
  /// beside literal ones: the jumps must still miss nothing.
  @Test(arguments: 1...30)
  func skippingAgreesWithThePlainScanOverWrappedText(seed: UInt64) {
    var generator = F.SeededGenerator(state: seed)
    let alphabet = Array("abcdefgh-_=:/ \n\r0123".utf8)
    let patterns = (0..<Int.random(in: 1...8, using: &generator)).map { _ in
      let positions = (0..<Int.random(in: SkipTable.minimumWindow...24, using: &generator)).map { _ in
        (0..<Int.random(in: 1...3, using: &generator)).map { _ in
          Array("abcdefgh-_=:/0123".utf8).randomElement(using: &generator)!
        }
      }
      let wraps = Bool.random(using: &generator)
      return MaskPattern(
        positions: positions, allowsLineBreaks: wraps, shortestMatch: positions.count - (wraps ? 1 : 0))
    }
    let automaton = PatternAutomaton(patterns: patterns)!
    var text: [UInt8] = []
    while text.count < 60_000 {
      for _ in 0..<Int.random(in: 0...40, using: &generator) { text.append(alphabet.randomElement(using: &generator)!) }
      let instance = F.instance(of: patterns.randomElement(using: &generator)!, using: &generator)
      text +=
        Bool.random(using: &generator)
        ? instance : Array(instance.prefix(Int.random(in: 1...instance.count, using: &generator)))
    }
    let chunks = (0..<200).map { _ in
      Int.random(in: 1...(Bool.random(using: &generator) ? 30 : 20_000), using: &generator)
    }
    let skipping = Self.matches(automaton, text, chunks: chunks, plain: false)
    let plain = Self.matches(automaton, text, chunks: chunks, plain: true)
    #expect(!plain.matches.isEmpty)
    #expect(skipping.matches == plain.matches)
    #expect(skipping.rows == plain.rows)
  }

  @Test func logTextIsMostlyJumpedOver() {
    let automaton = PatternAutomaton(patterns: [
      Array("ghp_R2d2C3poBb8Ww1Lk9Qz7Xy4Mn6Vt0Jh5Fs".utf8), Array("hunter2-but-longer".utf8),
    ])!
    let line = Array("2026-11-24T02:29:52 debug step=train epoch=21 loss=0.010227 lr=0.0515\n".utf8)
    let input = Array(repeating: line, count: 200).joined().map { $0 }
    var index = 0
    input.withUnsafeBufferPointer { buffer in
      index = automaton.scanSkipping(buffer, from: 0, table: automaton.skipTable!) { _, _ in }.reached
    }
    #expect(index == input.count, "went over to the lanes at \(index)")
  }

  /// A secret starting with `a` keeps the automaton out of its start state on `aaaa…`; the scan
  /// still jumps, from the partial match.
  @Test func aRunOfASecretsFirstByteIsJumpedOver() {
    let automaton = PatternAutomaton(patterns: [Array("a-secret-value".utf8)])!
    let input =
      [UInt8](repeating: UInt8(ascii: "a"), count: 100_000) + Array("a-secret-value".utf8) + [UInt8(ascii: "a")]
    var reached = 0
    input.withUnsafeBufferPointer { buffer in
      reached = automaton.scanSkipping(buffer, from: 0, table: automaton.skipTable!) { _, _ in }.reached
    }
    #expect(reached == input.count, "went over to the lanes at \(reached)")
    let skipping = Self.matches(automaton, input, chunks: [4096, 7, 100], plain: false)
    #expect(skipping.matches.map { $0[0] } == [100_014])
    #expect(skipping.matches.map { automaton.info(row: $0[1]).matchBytes } == [14])
    #expect(skipping == Self.matches(automaton, input, chunks: [4096, 7, 100], plain: true))
  }

  @Test func textOfTheSecretsOwnBytesGoesOverToTheLanes() {
    let secret = Array("abababababab".utf8)
    let automaton = PatternAutomaton(patterns: [secret])!
    let input = Array(Array(repeating: Array("ababababab".utf8), count: 5_000).joined())
    var reached = 0
    input.withUnsafeBufferPointer { buffer in
      reached = automaton.scanSkipping(buffer, from: 0, table: automaton.skipTable!) { _, _ in }.reached
    }
    #expect(reached < input.count)
    let all = Self.matches(automaton, input, chunks: [], plain: false)
    #expect(all.matches == Self.matches(automaton, input, chunks: [], plain: true).matches)
  }

  @Test func patternsShorterThanTheWindowScanWithoutSkipping() {
    #expect(PatternAutomaton(patterns: [Array("abcde".utf8), Array("longer-secret".utf8)])!.skipTable == nil)
    #expect(PatternAutomaton(patterns: [Array("abcdef".utf8)])!.skipTable?.window == 6)
  }
}
