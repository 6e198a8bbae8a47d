import FoundationEssentials

/// The part of a value's base64 that stays the same wherever the value sits in a longer blob.
///
/// Base64 turns each 3 bytes into 4 characters. When the value starts on a 3-byte boundary of
/// the encoded blob, its first `8 * n / 6` characters (rounded down) depend only on its own
/// bytes; the last one or two depend on what follows, and padding appears only at the blob's
/// end, so both are dropped. The 1- and 2-byte shifts cover the other two alignments.
enum Base64Fragment {
  static func stable(_ bytes: ArraySlice<UInt8>) -> String {
    let encoded = Data(bytes).base64EncodedString()
    return String(encoded.prefix(bytes.count * 8 / 6))
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
