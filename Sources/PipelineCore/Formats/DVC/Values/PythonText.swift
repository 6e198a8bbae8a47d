/// Python's text for values, which DVC uses wherever it turns a value into text: stage names
/// made by `foreach`/`matrix`, `${...}` inside a longer string, and its messages.
package enum PythonText {
  /// Python's `str(value)`: `None`, `True`, `0.001`, `1e-05`, `[1, 'a']`, `{'a': 1}`.
  package static func str(_ value: DVCValue) -> String {
    switch value {
    case .null: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .int(let i): return String(i)
    case .float(let f): return float(f)
    case .string(let s): return s
    case .timestamp(let t), .bigInt(let t): return t
    case .list, .dict: return repr(value)
    }
  }

  /// Python's `repr(value)`: strings quoted (`'a'`), containers with their items' reprs.
  package static func repr(_ value: DVCValue) -> String {
    switch value {
    case .string(let s): return quoted(s)
    case .timestamp(let t): return "'\(t)'"
    case .list(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
    case .dict(let entries):
      let inner = entries.map { quoted($0.key) + ": " + repr($0.value) }
      return "{" + inner.joined(separator: ", ") + "}"
    default: return str(value)
    }
  }

  /// Python's `repr(float)`: the shortest digits that read back the same number, in fixed
  /// notation when the decimal exponent is between -4 and 16, scientific otherwise.
  package static func float(_ f: Double) -> String {
    if f.isNaN { return "nan" }
    if f.isInfinite { return f > 0 ? "inf" : "-inf" }
    if f == 0 { return f.sign == .minus ? "-0.0" : "0.0" }
    let (digits, exponent) = shortestDigits(abs(f))
    let sign = f < 0 ? "-" : ""
    // `exponent` is Python's `decpt`: the value is 0.DIGITS times ten to `exponent`.
    if exponent > -4 && exponent <= 16 {
      if exponent <= 0 {
        return sign + "0." + String(repeating: "0", count: -exponent) + digits
      }
      if digits.count <= exponent {
        return sign + digits + String(repeating: "0", count: exponent - digits.count) + ".0"
      }
      let cut = digits.index(digits.startIndex, offsetBy: exponent)
      return sign + digits[..<cut] + "." + digits[cut...]
    }
    let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
    let power = exponent - 1
    let magnitude = abs(power) < 10 ? "0" + String(abs(power)) : String(abs(power))
    return sign + mantissa + "e" + (power < 0 ? "-" : "+") + magnitude
  }

  /// The shortest round-trip decimal digits of a positive finite number and its decimal point
  /// position, taken from Swift's own shortest representation.
  private static func shortestDigits(_ f: Double) -> (String, Int) {
    let text = Array(f.description.utf8)  // "1e-05", "0.0001", "1.5e+16", "123.25"
    var digits: [UInt8] = []
    digits.reserveCapacity(text.count)
    var pointAt: Int?
    var power = 0
    var i = 0
    while i < text.count {
      let byte = text[i]
      if byte == UInt8(ascii: ".") {
        pointAt = digits.count
      } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
        power = Int(String(decoding: text[(i + 1)...], as: UTF8.self)) ?? 0
        break
      } else {
        digits.append(byte)
      }
      i += 1
    }
    var exponent = (pointAt ?? digits.count) + power
    var start = 0
    while start < digits.count, digits[start] == UInt8(ascii: "0") {
      start += 1
      exponent -= 1
    }
    var end = digits.count
    while end > start, digits[end - 1] == UInt8(ascii: "0") { end -= 1 }
    return (start < end ? String(decoding: digits[start..<end], as: UTF8.self) : "0", exponent)
  }

  /// Python's quoting of a string by `repr`: single quotes unless the text holds a single
  /// quote and no double quote; backslash escapes for the quote, `\\`, `\n`, `\r`, `\t` and
  /// characters Python does not print.
  package static func quoted(_ s: String) -> String {
    let mark: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
    var out = String(mark)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if Character(scalar) == mark {
          out += "\\" + String(mark)
        } else if isPrintable(scalar) {
          out.unicodeScalars.append(scalar)
        } else {
          out += escape(scalar)
        }
      }
    }
    return out + String(mark)
  }

  private static func escape(_ scalar: Unicode.Scalar) -> String {
    let value = scalar.value
    let hex = String(value, radix: 16)
    if value < 0x100 { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
    if value < 0x10000 { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
    return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
  }

  /// Python's `str.isprintable` for one character: not a control, format, separator (other
  /// than the ASCII space), surrogate, private-use or unassigned character.
  private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar == " " { return true }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
      .spaceSeparator:
      return false
    default:
      return true
    }
  }
}
