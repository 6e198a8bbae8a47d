import Testing

@testable import PipelineCore

@Suite("Masker variants")
struct SecretVariantsTests {
  @Test func plainValueComesFirstWithItsEncodings() {
    let patterns = SecretVariants.patterns(for: "hunter2-Secret")
    #expect(patterns.first == "hunter2-Secret")
    #expect(patterns.contains("aHVudGVyMi1TZWNyZX"))  // base64 "aHVudGVyMi1TZWNyZXQ=" minus unstable end
    #expect(patterns.contains("dW50ZXIyLVNlY3Jld"))  // shifted by 1: "unter2-Secret", stable part only
    #expect(!patterns.contains { $0.hasSuffix("=") })
  }

  @Test func emptySecretHasNoPatterns() {
    #expect(SecretVariants.patterns(for: "").isEmpty)
  }

  @Test func shortLinesOfAMultiLineValueAreSkipped() {
    let patterns = SecretVariants.patterns(for: "long-line-one\nab\n  padded-line  ")
    #expect(patterns.contains("long-line-one"))
    #expect(patterns.contains("padded-line"))
    #expect(!patterns.contains("ab"))
  }

  @Test(arguments: [(0, 0), (1, 1), (2, 2), (3, 4), (4, 5), (5, 6), (6, 8)])
  func stableBase64Length(bytes: Int, characters: Int) {
    #expect(Base64Fragment.stable(ArraySlice(repeating: UInt8(ascii: "x"), count: bytes)).count == characters)
  }
}
