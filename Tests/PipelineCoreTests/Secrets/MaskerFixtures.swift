import Glibc

@testable import PipelineCore

/// A plain reference masker and a seeded random source for the masker tests.
enum MaskerFixtures {
  /// Finds every occurrence of every pattern by brute force, merges overlapping or touching
  /// ranges, and replaces each with the mask: what `StreamMasker` must produce.
  static func naiveMask(_ input: [UInt8], secrets: [String]) -> [UInt8] {
    let patterns = Set(secrets.flatMap(SecretVariants.patterns(for:)).map { Array($0.utf8) })
    var byFirstByte = [[[UInt8]]](repeating: [], count: 256)
    for pattern in patterns { byFirstByte[Int(pattern[0])].append(pattern) }
    let startsPattern = byFirstByte.map { !$0.isEmpty }
    var ranges: [Range<Int>] = []
    input.withUnsafeBufferPointer { bytes in
      var start = 0
      while start < bytes.count {
        if startsPattern[Int(bytes[start])] {
          for pattern in byFirstByte[Int(bytes[start])]
          where start + pattern.count <= bytes.count && memcmp(bytes.baseAddress! + start, pattern, pattern.count) == 0 {
            ranges.append(start..<start + pattern.count)
          }
        }
        start += 1
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
    let context = { (bytes: [UInt8]) in String(decoding: bytes[max(0, index - 20)..<min(bytes.count, index + 20)], as: UTF8.self) }
    return "differ at \(index) (lengths \(actual.count) vs \(expected.count)): \(context(actual).debugDescription) vs \(context(expected).debugDescription)"
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
