import FoundationEssentials
import Testing

@testable import PipelineCore

private typealias F = MaskerFixtures

@Suite("Masker")
struct MaskerTests {
  @Test func wholeSecretIsMasked() {
    #expect(StreamMasker.mask("token=hunter22!", secrets: ["hunter22"]) == "token=****!")
    #expect(StreamMasker.mask("hunter22", secrets: ["hunter22"]) == "****")
    #expect(StreamMasker.mask("a hunter22 b hunter22", secrets: ["hunter22"]) == "a **** b ****")
  }

  @Test func secretSplitAcrossWritesAtEverySplitPoint() {
    let text = Array("before s3cr3t-value after, again s3cr3t-value".utf8)
    let expected = Array("before **** after, again ****".utf8)
    for split in 0...text.count {
      #expect(F.streamMask(text, secrets: ["s3cr3t-value"], pieces: [split]) == expected, "split at \(split)")
    }
  }

  @Test func secretFedOneByteAtATime() {
    let text = Array("xx s3cr3t-value yy s3cr3t-values3cr3t-value".utf8)
    let pieces = Array(repeating: 1, count: text.count)
    #expect(F.streamMask(text, secrets: ["s3cr3t-value"], pieces: pieces) == Array("xx **** yy ****".utf8))
  }

  @Test func multiLineSecretPrintedWholeAndLineByLine() {
    let secret = "first-line-aaaa\nsecond-line-bbbb\nxy"
    #expect(StreamMasker.mask("[\(secret)]", secrets: [secret]) == "[****]")
    #expect(StreamMasker.mask("second-line-bbbb\n", secrets: [secret]) == "****\n")
    #expect(StreamMasker.mask("xy stays", secrets: [secret]) == "xy stays")
  }

  @Test(arguments: 0...5)
  func base64OfCredentialIsMaskedWithEveryCharacterHoldingItsBits(prefixLength: Int) {
    let secret = "hunter2-Secret"
    let prefix = String("user:abc".prefix(prefixLength))
    let encoded = Array(Data((prefix + secret + "@host").utf8).base64EncodedString().utf8)
    let (first, end) = F.base64Characters(ofBytes: prefixLength..<prefixLength + secret.utf8.count)
    let expected = Array(encoded[..<first]) + Array("****".utf8) + Array(encoded[end...])
    #expect(
      F.streamMask(encoded, secrets: [secret], pieces: []) == expected, "\(String(decoding: encoded, as: UTF8.self))")
  }

  @Test func base64OfTheWholeValueIsMasked() {
    let masked = StreamMasker.mask("Authorization: Basic dXNlcjpodW50ZXIyLVNlY3JldA==", secrets: ["hunter2-Secret"])
    #expect(masked == "Authorization: Basic dXNlcj****==")
  }

  /// `printf %s tok-Secret-9f8e7d | base64` ends `...N2Q=`: the `Q` holds the last four bits
  /// of the secret and used to be left after the mask.
  @Test func theLastPartialGroupIsMaskedToo() {
    #expect(StreamMasker.mask("b64: dG9rLVNlY3JldC05ZjhlN2Q=\n", secrets: ["tok-Secret-9f8e7d"]) == "b64: ****=\n")
    #expect(StreamMasker.mask("dG9rLVNlY3JldC05ZjhlN2Q", secrets: ["tok-Secret-9f8e7d"]) == "****")
    #expect(StreamMasker.mask("dG9rLVNlY3JldC05ZjhlN2", secrets: ["tok-Secret-9f8e7d"]) == "****")
  }

  /// GNU `base64` wraps at 76 columns, PEM at 64: the secret's encoding is masked wherever the
  /// line breaks fall in it, `\n` or `\r\n`, at each alignment, fed whole or in pieces.
  @Test(arguments: [(76, "\n"), (64, "\n"), (76, "\r\n"), (64, "\r\n"), (5, "\n")])
  func wrappedBase64IsMaskedAtEveryOffset(width: Int, lineEnd: String) {
    let secret = "tok-Secret-9f8e7d-and-some-more"
    var generator = F.SeededGenerator(state: UInt64(width))
    for offset in 0..<(width * 3 / 4 + 3) {
      let prefix = F.randomBytes(offset, using: &generator)
      let blob = prefix + Array(secret.utf8) + F.randomBytes(7, using: &generator)
      let encoded = Array(Data(blob).base64EncodedString().utf8)
      let (first, end) = F.base64Characters(ofBytes: offset..<offset + secret.utf8.count)
      let (wrapped, places) = F.wrap(encoded, width: width, lineEnd: Array(lineEnd.utf8))
      let expected = Array(wrapped[..<places[first]]) + Array("****".utf8) + Array(wrapped[(places[end - 1] + 1)...])
      #expect(F.streamMask(wrapped, secrets: [secret], pieces: []) == expected, "offset \(offset)")
      let pieces = (0..<40).map { _ in Int.random(in: 1...9, using: &generator) }
      #expect(F.streamMask(wrapped, secrets: [secret], pieces: pieces) == expected, "offset \(offset), in pieces")
    }
  }

  /// A line break alone is no part of a match: text around a wrapped encoding stays.
  @Test func lineBreaksAroundAnEncodingStay() {
    let secret = "hunter2-Secret"
    #expect(StreamMasker.mask("x\naHVudGVy\nMi1TZWNy\r\nZXQ=\n\ny", secrets: [secret]) == "x\n****=\n\ny")
    #expect(StreamMasker.mask("aHVudGVy\n\nMi1TZWNyZXQ=", secrets: [secret]) == "aHVudGVy\n\nMi1TZWNyZXQ=")
  }

  @Test func urlAndJSONEscapedFormsAreMasked() {
    let secret = #"p@ss/w"rd:1\2"#
    #expect(StreamMasker.mask("?key=p%40ss%2Fw%22rd%3A1%5C2&x=1", secrets: [secret]) == "?key=****&x=1")
    #expect(StreamMasker.mask("?key=p%40ss%2fw%22rd%3a1%5c2&x=1", secrets: [secret]) == "?key=****&x=1")
    #expect(StreamMasker.mask(#"{"k":"p@ss/w\"rd:1\\2"}"#, secrets: [secret]) == #"{"k":"****"}"#)
    #expect(StreamMasker.mask(#"{"k":"p@ss\/w\"rd:1\\2"}"#, secrets: [secret]) == #"{"k":"****"}"#)
    #expect(StreamMasker.mask(#"{"k":"a\nb-c\u00e9d"}"#, secrets: ["a\nb-céd"]) == #"{"k":"****"}"#)
  }

  @Test func overlappingAndAdjacentMatchesMergeIntoOneMask() {
    let secrets = ["abcdef", "defghi"]
    #expect(StreamMasker.mask("<abcdefghi>", secrets: secrets) == "<****>")
    #expect(StreamMasker.mask("<abcdefabcdef>", secrets: secrets) == "<****>")
    #expect(StreamMasker.mask("<abcdef-abcdef>", secrets: secrets) == "<****-****>")
    let text = Array("<abcdefghi><abcdefabcdef>".utf8)
    for split in 0...text.count {
      #expect(F.streamMask(text, secrets: secrets, pieces: [split]) == Array("<****><****>".utf8))
    }
  }

  @Test func withoutSecretsBytesPassThrough() {
    var masker = StreamMasker(secrets: ["", ""])
    let bytes: [UInt8] = Array(0...255) + Array("plain text".utf8)
    #expect(masker.feed(bytes) == bytes)
    #expect(masker.flush().isEmpty)
    #expect(StreamMasker.mask("nothing to hide", secrets: []) == "nothing to hide")
  }

  @Test func holdsBackLessThanTheLongestPattern() {
    let secrets = ["aaaaaaab", "abababac", "zzzz-yyyy"]
    var masker = StreamMasker(secrets: secrets)
    var generator = F.SeededGenerator(state: 7)
    let alphabet = Array("abcz-y".utf8)
    var input: [UInt8] = []
    var output: [UInt8] = []
    for _ in 0..<20_000 {
      let byte = alphabet.randomElement(using: &generator)!
      input.append(byte)
      output += masker.feed([byte])
      #expect(masker.heldBackCount <= masker.longestPattern - 1)
    }
    output += masker.flush()
    #expect(F.difference(output, F.naiveMask(input, secrets: secrets)) == nil)
  }

  @Test func largeChunkWithSecretsAcrossLaneBoundaries() {
    let secret = "lane-boundary-secret"
    var generator = F.SeededGenerator(state: 3)
    let noise = F.randomBytes(65_536 + 3, using: &generator)
    let part = noise.count / 4
    for shift in 0...secret.utf8.count + 1 {
      var input = noise
      for boundary in [part, 2 * part, 3 * part, 4 * part] {
        let start = boundary - shift
        input.replaceSubrange(
          start..<min(input.count, start + secret.utf8.count), with: secret.utf8.prefix(input.count - start))
      }
      let streamed = F.streamMask(input, secrets: [secret], pieces: [input.count])
      #expect(F.difference(streamed, F.naiveMask(input, secrets: [secret])) == nil, "shift \(shift)")
    }
  }

  @Test(arguments: [1...1024, 16_384...300_000])
  func randomStreamMatchesTheReference(pieceSizes: ClosedRange<Int>) {
    var generator = F.SeededGenerator(state: 42)
    let single: [String] = (0..<10).map { (index: Int) -> String in "secret-\(index)-\(index * 7919)-tail" }
    let secrets = single + ["a\nmulti-line\nsecret"]
    let variants = secrets.flatMap(SecretVariants.patterns(for:))
    let noise = F.randomBytes(10_000_000, using: &generator)
    var input: [UInt8] = []
    input.reserveCapacity(11_000_000)
    var cursor = 0
    while cursor < noise.count {
      let end = min(noise.count, cursor + Int.random(in: 1...200, using: &generator))
      input += noise[cursor..<end]
      cursor = end
      let variant = F.instance(of: variants.randomElement(using: &generator)!, using: &generator)
      input += Bool.random(using: &generator) ? variant[...] : variant.prefix(Int.random(in: 1...8, using: &generator))
    }
    let pieces = (0..<20_000).map { _ in Int.random(in: pieceSizes, using: &generator) }
    let streamed = F.streamMask(input, secrets: secrets, pieces: pieces)
    #expect(F.difference(streamed, F.naiveMask(input, secrets: secrets)) == nil)
  }
}
