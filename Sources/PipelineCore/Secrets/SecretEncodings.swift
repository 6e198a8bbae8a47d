/// The base64 characters that carry bits of a value, wherever the value sits in a longer blob.
///
/// Base64 turns each 3 bytes into 4 characters of 6 bits. A value that starts `shift` bytes
/// (0, 1 or 2) after a 3-byte boundary of the blob is encoded by the characters covering bits
/// `8 * shift ..< 8 * (shift + count)`. Those wholly inside are fixed by the value. The one at
/// each end that is not (when the value does not start or end on a character's edge) holds
/// bits of the value and of its neighbour: it may be any of the 4 or 16 characters whose bits
/// from the value are right, and it is masked too, so no bit of the value shows. Padding (`=`)
/// carries no bits and is left. The first character is always there (the bytes in front are
/// encoded with it); the last may be missing from a stream cut off early, so a match may end
/// without it. URL-safe base64 (`-` and `_` for `+` and `/`) is matched by the same pattern.
enum Base64Pattern {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
  static let urlSafe: [UInt8: UInt8] = [UInt8(ascii: "+"): UInt8(ascii: "-"), UInt8(ascii: "/"): UInt8(ascii: "_")]

  static func pattern(for bytes: [UInt8], shift: Int) -> MaskPattern {
    let bits = BitRange(bytes: bytes, first: 8 * shift)
    var positions: [[UInt8]] = []
    var character = bits.first / 6
    while character * 6 < bits.end {
      var allowed: [UInt8] = []
      for value in 0..<64 where bits.agree(with: value, atCharacter: character) {
        allowed.append(alphabet[value])
        if let other = urlSafe[alphabet[value]] { allowed.append(other) }
      }
      positions.append(allowed)
      character += 1
    }
    let lastIsShared = bits.end % 6 != 0
    return MaskPattern(
      positions: positions, allowsLineBreaks: true, shortestMatch: positions.count - (lastIsShared ? 1 : 0))
  }

  /// A value's bits placed at `first ..< end` of a blob's bit stream.
  private struct BitRange {
    let bytes: [UInt8]
    let first: Int
    var end: Int { first + 8 * bytes.count }

    /// True when the 6-bit `value` of the character at `index` has the value's bits where it
    /// overlaps them.
    func agree(with value: Int, atCharacter index: Int) -> Bool {
      for offset in 0..<6 {
        let bit = 6 * index + offset
        guard bit >= first, bit < end else { continue }
        let fromValue = Int(bytes[(bit - first) / 8] >> (7 - (bit - first) % 8)) & 1
        if (value >> (5 - offset)) & 1 != fromValue { return false }
      }
      return true
    }
  }
}

/// Percent-escaping as `encodeURIComponent` and `Uri.EscapeDataString` do: all but unreserved.
enum PercentEncoding {
  static func escape(_ bytes: [UInt8], upperHex: Bool) -> String {
    let digits = Array((upperHex ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count * 3)
    for byte in bytes {
      if isUnreserved(byte) {
        result.append(byte)
      } else {
        result += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
      }
    }
    return String(decoding: result, as: UTF8.self)
  }

  static func isUnreserved(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
      UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }
}

/// JSON string escaping without the quotes, in the forms common encoders produce.
enum JSONStringEscape {
  /// Plain (UTF-8 kept), with `\/` for `/`, and ASCII-only (`\uXXXX`, as Python's default).
  static func forms(of value: String) -> [String] {
    var forms = [escape(value, slash: false, asciiOnly: false)]
    if value.contains("/") { forms.append(escape(value, slash: true, asciiOnly: false)) }
    if value.unicodeScalars.contains(where: { !$0.isASCII }) {
      forms.append(escape(value, slash: false, asciiOnly: true))
    }
    return forms
  }

  static func escape(_ value: String, slash: Bool, asciiOnly: Bool) -> String {
    var result = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "/" where slash: result += "\\/"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case _ where scalar.value < 0x20 || (asciiOnly && !scalar.isASCII):
        for unit in String(scalar).utf16 { result += "\\u" + hex4(unit) }
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static func hex4(_ unit: UInt16) -> String {
    let digits = String(unit, radix: 16)
    return String(repeating: "0", count: 4 - digits.count) + digits
  }
}
