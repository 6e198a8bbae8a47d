/// Python's number and string literals.
extension PythonLiteralParser {
  static func number(_ text: String, at location: SourceLocation) throws -> DVCNode.Kind {
    let lower = text.lowercased()
    if lower.hasSuffix("j") { throw UnsupportedLiteral(kind: "complex", location: location) }
    let bytes = Array(lower.utf8)
    if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), let radix = TOMLParser.radix(bytes[1]) {
      let digits = Array(bytes.dropFirst(2))
      // Python also allows an underscore right after the prefix (`0x_ff`).
      let body = digits.first == UInt8(ascii: "_") ? Array(digits.dropFirst()) : digits
      guard TOMLParser.digitsWithUnderscores(body, { TOMLParser.hexDigit($0).map { Int($0) < radix } ?? false }),
        let kind = BigIntegerText.kind(
          String(decoding: body.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self), radix: radix, negative: false)
      else { throw UnsupportedLiteral(kind: "number '\(text)'", location: location) }
      return kind
    }
    let plain = lower.filter { $0 != "_" }
    if !lower.contains("."), !lower.contains("e") {
      guard TOMLParser.digitsWithUnderscores(bytes, TOMLParser.isDecimal),
        bytes.first != UInt8(ascii: "0") || plain.allSatisfy({ $0 == "0" })
      else { throw UnsupportedLiteral(kind: "number '\(text)'", location: location) }
      guard let kind = BigIntegerText.kind(plain, radix: 10, negative: false) else {
        let kind = "integer of more than \(BigIntegerText.maximumDigits) digits"
        throw UnsupportedLiteral(kind: kind, location: location)
      }
      return kind
    }
    guard let value = Double(plain) else { throw UnsupportedLiteral(kind: "number '\(text)'", location: location) }
    return .float(value)
  }

  /// The text of a string literal; f-strings are not literals, bytes are not text.
  static func string(prefix: String, body: String, triple: Bool, at location: SourceLocation) throws -> String {
    if prefix.contains("f") { throw NotALiteral() }
    if prefix.contains("b") { throw UnsupportedLiteral(kind: "bytes", location: location) }
    if prefix.contains("r") { return body }
    var out = String.UnicodeScalarView()
    var scalars = Array(body.unicodeScalars)[...]
    while let c = scalars.popFirst() {
      guard c == "\\", let e = scalars.popFirst() else {
        out.append(c)
        continue
      }
      switch e {
      case "\n": break
      case "\\", "'", "\"": out.append(e)
      case "a": out.append("\u{07}")
      case "b": out.append("\u{08}")
      case "f": out.append("\u{0C}")
      case "n": out.append("\n")
      case "r": out.append("\r")
      case "t": out.append("\t")
      case "v": out.append("\u{0B}")
      case "0"..."7":
        var digits = String(e)
        while digits.count < 3, let d = scalars.first, ("0"..."7").contains(d) {
          digits.unicodeScalars.append(scalars.removeFirst())
        }
        guard let scalar = UInt32(digits, radix: 8).flatMap(Unicode.Scalar.init) else { throw NotALiteral() }
        out.append(scalar)
      case "x", "u", "U":
        let count = e == "x" ? 2 : e == "u" ? 4 : 8
        let digits = String(String.UnicodeScalarView(scalars.prefix(count)))
        scalars = scalars.dropFirst(count)
        guard digits.count == count, let scalar = UInt32(digits, radix: 16).flatMap(Unicode.Scalar.init) else {
          throw NotALiteral()
        }
        out.append(scalar)
      default:
        // Python keeps an unknown escape as written, backslash included (`\N{...}` is not read).
        out.append(c)
        out.append(e)
      }
    }
    return String(out)
  }
}

/// A literal pipeshell does not represent.
struct UnsupportedLiteral: Error {
  var kind: String
  var location: SourceLocation
}

/// Text that is not a literal for `ast.literal_eval`.
struct NotALiteral: Error {}
