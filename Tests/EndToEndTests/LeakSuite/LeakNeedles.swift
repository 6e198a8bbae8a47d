import FoundationEssentials

/// The forms of a secret the leak suite looks for, built here independently of the masker's
/// own variants: the plaintext, each line of a multi-line value, its URL and JSON forms, and
/// the base64 characters that carry only its bits at each of the three alignments in a longer
/// blob (looked for in the text with line breaks removed, so wrapped base64 is found too).
struct LeakNeedles {
  /// One form: its name, for the report, and its bytes.
  struct Needle {
    var name: String
    var bytes: [UInt8]
    /// True for base64 forms, looked for with `\n` and `\r` removed from the text.
    var acrossLines: Bool
  }

  let needles: [Needle]

  /// The shortest form looked for: shorter ones turn up by chance in binary files.
  static let shortest = 6

  init(secret: String) {
    var needles: [Needle] = []
    var values = [("value", secret)]
    // A line, or a part before or after a NUL (where the system would cut the value), may
    // escape alone.
    let separates: (Character) -> Bool = { $0.isNewline || $0 == "\u{0}" }
    if secret.contains(where: separates) {
      let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
      let lines = secret.split(whereSeparator: separates).map {
        String($0.drop(while: blank).reversed().drop(while: blank).reversed())
      }
      values += lines.enumerated().filter { $0.element.utf8.count >= Self.shortest }.map {
        ("line \($0.offset + 1)", $0.element)
      }
    }
    // Shown where control characters are made visible (`plan`), as `cat -v` shows them.
    if secret.unicodeScalars.contains(where: Self.isShownControl) {
      values.append(("shown with carets", Self.caretForm(secret)))
    }
    for (name, value) in values {
      let bytes = Array(value.utf8)
      needles.append(Needle(name: name, bytes: bytes, acrossLines: false))
      for (form, text) in [
        ("URL", Self.percentEncoded(bytes, upper: true)), ("url", Self.percentEncoded(bytes, upper: false)),
      ]
      where text != value {
        needles.append(Needle(name: "\(name), \(form)-encoded", bytes: Array(text.utf8), acrossLines: false))
      }
      for (form, text) in Self.jsonForms(value) where text != value {
        needles.append(Needle(name: "\(name), \(form)", bytes: Array(text.utf8), acrossLines: false))
      }
      for shift in 0...2 {
        let inner = Self.base64Inner(bytes, shift: shift)
        if inner.count >= Self.shortest {
          needles.append(Needle(name: "\(name), base64 after \(shift) bytes", bytes: inner, acrossLines: true))
        }
      }
    }
    self.needles = needles.filter { $0.bytes.count >= Self.shortest || $0.name == "value" }
  }

  private static func isShownControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F
  }

  /// ESC as `^[`, DEL as `^?`: each control character as a caret and the letter 64 after it.
  private static func caretForm(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.value == 0x7F {
        out += "^?"
      } else if isShownControl(scalar), let shown = Unicode.Scalar(scalar.value + 64) {
        out += "^" + String(Character(shown))
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// The needles found in `text`: each name with where it was found.
  func found(in text: [UInt8]) -> [String] {
    let joined = text.filter { $0 != 0x0A && $0 != 0x0D }
    return needles.compactMap { needle in
      let haystack = needle.acrossLines ? joined : text
      guard let at = Self.index(of: needle.bytes, in: haystack) else { return nil }
      let context = haystack[max(0, at - 20)..<min(haystack.count, at + needle.bytes.count + 20)]
      return "\(needle.name) at \(at): \(String(decoding: context, as: UTF8.self).debugDescription)"
    }
  }

  static func index(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
    let first = needle[0]
    var index = 0
    while index <= haystack.count - needle.count {
      if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }

  /// The base64 characters that hold only bits of `bytes` when it starts `shift` bytes after
  /// a 3-byte boundary: characters fully inside bits `8 * shift ..< 8 * (shift + count)`.
  static func base64Inner(_ bytes: [UInt8], shift: Int) -> [UInt8] {
    let encoded = Array(Data(Array(repeating: 0, count: shift) + bytes).base64EncodedString().utf8)
    let first = (8 * shift + 5) / 6
    let end = 8 * (shift + bytes.count) / 6
    return first < end ? Array(encoded[first..<end]) : []
  }

  /// `encodeURIComponent`: every byte but unreserved ones as `%XX`.
  static func percentEncoded(_ bytes: [UInt8], upper: Bool) -> String {
    bytes.map { byte in
      let unreserved =
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
        || [0x2D, 0x2E, 0x5F, 0x7E].contains(byte)
      return unreserved ? String(UnicodeScalar(byte)) : "%" + hex(byte, digits: 2, upper: upper)
    }.joined()
  }

  /// JSON string escapes without the quotes: as most encoders write them, and ASCII-only
  /// (`\uXXXX`, as Python's default and Perl's `->ascii` write them).
  static func jsonForms(_ value: String) -> [(String, String)] {
    func escape(_ asciiOnly: Bool) -> String {
      var out = ""
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || (asciiOnly && !scalar.isASCII):
          for unit in String(scalar).utf16 { out += "\\u" + hex(unit, digits: 4, upper: false) }
        default: out.unicodeScalars.append(scalar)
        }
      }
      return out
    }
    return [("JSON", escape(false)), ("JSON ASCII", escape(true))]
  }

  static func hex(_ value: some BinaryInteger, digits: Int, upper: Bool) -> String {
    let text = String(value, radix: 16, uppercase: upper)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
