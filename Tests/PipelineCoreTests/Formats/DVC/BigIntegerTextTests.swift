import Testing

@testable import PipelineCore

/// Integers beyond 64 bits, as Python writes them: from any radix to decimal text, within
/// Python's limit of digits, an `Int` whenever one holds the value.
@Suite struct BigIntegerTextTests {
  @Test(arguments: [
    ("123456789012345678901234567890", 10, false, "123456789012345678901234567890"),
    ("FFFFFFFFFFFFFFFFFF", 16, false, "4722366482869645213695"),
    ("ffffffffffffffffff", 16, true, "-4722366482869645213695"),
    ("7777777777777777777777777", 8, false, "37778931862957161709567"),
    ("0000", 10, true, "0"),
    ("000123", 10, false, "123"),
    ("1000000000", 10, false, "1000000000"),
    ("10000000000000000000", 2, false, "524288"),
  ])
  func digitsInAnyRadixBecomeDecimalText(digits: String, radix: Int, negative: Bool, decimal: String) {
    #expect(BigIntegerText.decimal(digits.utf8, radix: radix, negative: negative) == decimal)
  }

  @Test func aDigitOutsideTheRadixOrTooManyDigitsIsNoNumber() {
    #expect(BigIntegerText.decimal("12a".utf8, radix: 10, negative: false) == nil)
    #expect(BigIntegerText.decimal("".utf8, radix: 10, negative: false) == nil)
    #expect(BigIntegerText.decimal("1".utf8, radix: 10, negative: false) == "1")
    let longest = "9" + String(repeating: "0", count: BigIntegerText.maximumDigits - 1)
    #expect(BigIntegerText.decimal(longest.utf8, radix: 10, negative: false) == longest)
    #expect(BigIntegerText.decimal((longest + "0").utf8, radix: 10, negative: false) == nil)
    #expect(BigIntegerText.decimal(String(repeating: "f", count: 20_000).utf8, radix: 16, negative: false) == nil)
  }

  @Test func anIntegerThatFitsIsAnIntAndNegationComesBackToOne() {
    #expect(BigIntegerText.kind("9223372036854775807", radix: 10, negative: false) == .int(Int.max))
    #expect(BigIntegerText.kind("9223372036854775808", radix: 10, negative: true) == .int(Int.min))
    #expect(BigIntegerText.kind("9223372036854775808", radix: 10, negative: false) == .bigInt("9223372036854775808"))
    #expect(BigIntegerText.negated("9223372036854775808") == .int(Int.min))
    #expect(BigIntegerText.negated("-99999999999999999999") == .bigInt("99999999999999999999"))
  }

  @Test func aValueTypedAsTextIsWrittenBackAsTheNumberTheFileHad() {
    let original = DVCValue.bigInt("123456789012345678901234567890")
    #expect(
      DVCValue(.string("123456789012345678901234567891"), shapedLike: original)
        == .bigInt("123456789012345678901234567891"))
    #expect(DVCValue(.string("5"), shapedLike: original) == .int(5))
    #expect(DVCValue(.string("five"), shapedLike: original) == .string("five"))
    #expect(Value(original) == .string("123456789012345678901234567890"))
    #expect(original.pythonEquals(.bigInt("123456789012345678901234567890")))
    #expect(!original.pythonEquals(.bigInt("123456789012345678901234567891")))
    #expect(!DVCValue.bigInt("9223372036854775808").pythonEquals(.int(Int.max)))
  }
}
