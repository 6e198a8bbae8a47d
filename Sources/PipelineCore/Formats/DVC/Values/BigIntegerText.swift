/// Integers beyond 64 bits as Python writes them (`str(int)`). Python's integers have no limit,
/// so DVC reads `seed: 123456789012345678901234567890` and writes it to `dvc.lock` as it is;
/// pipeshell keeps such a number as its decimal digits (`DVCValue.bigInt`).
enum BigIntegerText {
  /// Python refuses to turn an integer of more decimal digits than this into text
  /// (`sys.get_int_max_str_digits()`), so DVC cannot use a longer one either; it also bounds the
  /// work of the conversion below.
  static let maximumDigits = 4300

  /// The decimal text of the integer whose `digits` (no sign, no underscores) are written in
  /// `radix` (2 to 16), with a `-` when `negative` and the value is not zero; nil for a digit
  /// outside the radix, no digit at all, or a value of more than `maximumDigits` digits.
  static func decimal(_ digits: some Collection<UInt8>, radix: Int, negative: Bool) -> String? {
    guard (2...16).contains(radix), !digits.isEmpty else { return nil }
    // A bound on the work before converting: even binary needs fewer than 3.33 of its digits
    // for each decimal digit, so a longer text is beyond the limit (leading zeros aside).
    guard digits.count <= 4 * maximumDigits else { return nil }
    let base: UInt64 = 1_000_000_000
    var limbs: [UInt64] = [0]  // base 10^9, least significant first
    for byte in digits {
      guard let digit = hexValue(byte), digit < radix else { return nil }
      var carry = UInt64(digit)
      for index in limbs.indices {
        let value = limbs[index] * UInt64(radix) + carry
        limbs[index] = value % base
        carry = value / base
      }
      while carry > 0 {
        limbs.append(carry % base)
        carry /= base
      }
    }
    while limbs.count > 1, limbs.last == 0 { limbs.removeLast() }
    var text = String(limbs[limbs.count - 1])
    for limb in limbs.dropLast().reversed() {
      let part = String(limb)
      text += String(repeating: "0", count: 9 - part.count) + part
    }
    guard text.count <= maximumDigits else { return nil }
    return negative && text != "0" ? "-" + text : text
  }

  /// The value of an integer written with `digits` in `radix` (no sign, no underscores): an
  /// `Int` when it fits, else its decimal text; nil beyond `maximumDigits` or for a bad digit.
  static func kind(_ digits: some StringProtocol, radix: Int, negative: Bool) -> DVCNode.Kind? {
    switch YAMLScalarResolver.signed(Substring(digits), radix: radix, negative: negative) {
    case .int(let i): return .int(i)
    case .bigInt(let text?): return .bigInt(text)
    default: return nil
    }
  }

  /// The negation of a big integer (`-x` in a Python params file), an `Int` when it then fits.
  static func negated(_ text: String) -> DVCNode.Kind {
    let negative = text.hasPrefix("-")
    let digits = negative ? text.dropFirst() : Substring(text)
    return kind(digits, radix: 10, negative: !negative) ?? .bigInt(negative ? String(digits) : "-" + text)
  }

  /// The value of a hexadecimal digit (either case), or nil.
  private static func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
    default: return nil
    }
  }
}
