import FoundationEssentials
import Testing

@testable import PipelineCore

@Suite("Masker variants")
struct SecretVariantsTests {
  /// The pattern's text when each position holds one byte, else each position's bytes in brackets.
  static func shown(_ pattern: MaskPattern) -> String {
    pattern.positions.map {
      $0.count == 1 ? String(decoding: $0, as: UTF8.self) : "[" + String(decoding: $0, as: UTF8.self) + "]"
    }
    .joined()
  }

  @Test func plainValueComesFirstWithItsEncodings() {
    let patterns = SecretVariants.patterns(for: "hunter2-Secret")
    #expect(patterns.first == MaskPattern(literal: "hunter2-Secret"))
    let shown = patterns.map(Self.shown)
    // base64 "aHVudGVyMi1TZWNyZXQ=": the last character holds the last 4 bits of the secret
    // and 2 of whatever follows it: any of Q, R, S or T.
    #expect(shown.contains("aHVudGVyMi1TZWNyZX[QRST]"))
    // After one byte (base64 "?Gh1bnRlcjItU2VjcmV0"): the second character holds 2 bits of the
    // byte in front and the first 4 of `h`: any of 2, G, W or m.
    #expect(shown.contains("[2GWm]h1bnRlcjItU2VjcmV0"))
    #expect(patterns.filter(\.allowsLineBreaks).count == 3)
    #expect(!shown.contains { $0.contains("=") })
  }

  @Test func everyEncodedFormOfTheValueIsMatched() {
    let secret = "hunter2-Secret"
    let patterns = SecretVariants.patterns(for: secret)
    for prefix in ["", "u", "us", "use", "user:"] {
      let encoded = Array(Data((prefix + secret).utf8).base64EncodedString().utf8)
      let start = 8 * prefix.utf8.count / 6
      #expect(
        patterns.contains { MaskerFixtures.matchEnd($0, in: encoded, from: start) != nil },
        "after \(prefix.debugDescription)")
    }
  }

  @Test func emptySecretHasNoPatterns() {
    #expect(SecretVariants.patterns(for: "").isEmpty)
  }

  @Test func shortLinesOfAMultiLineValueAreSkipped() {
    let patterns = SecretVariants.patterns(for: "long-line-one\nab\n  padded-line  ")
    #expect(patterns.contains(MaskPattern(literal: "long-line-one")))
    #expect(patterns.contains(MaskPattern(literal: "padded-line")))
    #expect(!patterns.contains(MaskPattern(literal: "ab")))
  }

  /// A value of `bytes` bytes after `shift` bytes covers the characters from bit 8 * shift to
  /// bit 8 * (shift + bytes).
  @Test(arguments: [(1, 0, 2), (3, 0, 4), (4, 0, 6), (4, 1, 6), (4, 2, 6), (6, 0, 8), (6, 1, 9), (6, 2, 9)])
  func base64PositionCount(bytes: Int, shift: Int, characters: Int) {
    let pattern = Base64Pattern.pattern(for: Array(repeating: UInt8(ascii: "x"), count: bytes), shift: shift)
    #expect(pattern.count == characters)
    #expect(pattern.shortestMatch == ((8 * (shift + bytes)) % 6 == 0 ? characters : characters - 1))
  }

  @Test func urlSafeBase64IsMatchedByTheSamePattern() {
    let secret = "\u{FB}\u{FF}>?"  // base64 "w7vDvz4/", URL-safe "w7vDvz4_"
    let pattern = Base64Pattern.pattern(for: Array(secret.utf8), shift: 0)
    #expect(MaskerFixtures.matchEnd(pattern, in: Array("w7vDvz4/".utf8), from: 0) == 8)
    #expect(MaskerFixtures.matchEnd(pattern, in: Array("w7vDvz4_".utf8), from: 0) == 8)
  }
}
