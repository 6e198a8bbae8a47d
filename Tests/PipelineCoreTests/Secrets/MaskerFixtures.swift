@testable import PipelineCore

/// A plain reference masker and a seeded random source for the masker tests.
enum MaskerFixtures {
  /// Finds every occurrence of every pattern by brute force, merges overlapping or touching
  /// ranges, and replaces each with the mask: what `StreamMasker` must produce.
  static func naiveMask(_ input: [UInt8], secrets: [String]) -> [UInt8] {
    let patterns = Array(Set(secrets.flatMap(SecretVariants.patterns(for:))))
    var byFirstByte = [[MaskPattern]](repeating: [], count: 256)
    for pattern in patterns {
      for byte in pattern.positions[0] { byFirstByte[Int(byte)].append(pattern) }
    }
    var ranges: [Range<Int>] = []
    for start in input.indices where !byFirstByte[Int(input[start])].isEmpty {
      for pattern in byFirstByte[Int(input[start])] {
        if let end = matchEnd(pattern, in: input, from: start) { ranges.append(start..<end) }
      }
    }
    var merged: [Range<Int>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = merged.last, range.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    var output: [UInt8] = []
    var cursor = 0
    for range in merged {
      output += input[cursor..<range.lowerBound]
      output += Array(Secret.mask.utf8)
      cursor = range.upperBound
    }
    return output + input[cursor...]
  }

  /// Where the longest match of `pattern` starting at `start` ends, or nil: each position's
  /// byte in turn, with `\n` or `\r\n` allowed between two when the pattern allows breaks.
  static func matchEnd(_ pattern: MaskPattern, in input: [UInt8], from start: Int) -> Int? {
    var cursor = start
    var end: Int?
    for (index, allowed) in pattern.positions.enumerated() {
      if index > 0, pattern.allowsLineBreaks, cursor < input.count {
        if input[cursor] == 0x0A {
          cursor += 1
        } else if input[cursor] == 0x0D, cursor + 1 < input.count, input[cursor + 1] == 0x0A {
          cursor += 2
        }
      }
      guard cursor < input.count, allowed.contains(input[cursor]) else { break }
      cursor += 1
      if index + 1 >= pattern.shortestMatch { end = cursor }
    }
    return end
  }

  /// Text that `pattern` matches: a random allowed byte at each position, a line break
  /// (`\n` or `\r\n`) now and then between positions where allowed.
  static func instance(of pattern: MaskPattern, using generator: inout SeededGenerator) -> [UInt8] {
    var bytes: [UInt8] = []
    for (index, allowed) in pattern.positions.enumerated() {
      if index > 0, pattern.allowsLineBreaks, Int.random(in: 0..<8, using: &generator) == 0 {
        bytes += Bool.random(using: &generator) ? [0x0A] : [0x0D, 0x0A]
      }
      bytes.append(allowed.randomElement(using: &generator)!)
    }
    return bytes
  }

  /// Feeds `input` in pieces of the given sizes (the rest in one piece), then flushes.
  static func streamMask(_ input: [UInt8], secrets: [String], pieces: [Int]) -> [UInt8] {
    var masker = StreamMasker(secrets: secrets)
    var output: [UInt8] = []
    var start = 0
    for size in pieces where start < input.count {
      let end = min(input.count, start + size)
      output += masker.feed(Array(input[start..<end]))
      start = end
    }
    output += masker.feed(Array(input[start...]))
    return output + masker.flush()
  }

  /// Nil when the masked outputs agree, else where they first differ (arrays too big to print).
  static func difference(_ actual: [UInt8], _ expected: [UInt8]) -> String? {
    guard actual != expected else { return nil }
    let common = min(actual.count, expected.count)
    let index = (0..<common).first { actual[$0] != expected[$0] } ?? common
    let context = { (bytes: [UInt8]) in
      String(decoding: bytes[max(0, index - 20)..<min(bytes.count, index + 20)], as: UTF8.self)
    }
    return
      "differ at \(index) (lengths \(actual.count) vs \(expected.count)): \(context(actual).debugDescription) vs \(context(expected).debugDescription)"
  }

  /// The base64 characters that hold bits of the bytes at `range` of the encoded blob:
  /// `first ..< end`, character indices into the encoding without line breaks.
  static func base64Characters(ofBytes range: Range<Int>) -> (first: Int, end: Int) {
    (8 * range.lowerBound / 6, (8 * range.upperBound + 5) / 6)
  }

  /// `text` broken into lines of `width` bytes ending in `lineEnd` (the last line too, as GNU
  /// `base64` does); also where each byte of `text` went.
  static func wrap(_ text: [UInt8], width: Int, lineEnd: [UInt8]) -> (wrapped: [UInt8], places: [Int]) {
    var wrapped: [UInt8] = []
    var places: [Int] = []
    for (index, byte) in text.enumerated() {
      if index > 0, index % width == 0 { wrapped += lineEnd }
      places.append(wrapped.count)
      wrapped.append(byte)
    }
    return (wrapped + lineEnd, places)
  }

  /// `count` random bytes, drawn eight at a time.
  static func randomBytes(_ count: Int, using generator: inout SeededGenerator) -> [UInt8] {
    let words = (0..<(count + 7) / 8).map { _ in generator.next() }
    return Array(words.withUnsafeBytes { $0.prefix(count) })
  }

  /// SplitMix64: a small seeded generator, so a failing case can be replayed.
  struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }
}
