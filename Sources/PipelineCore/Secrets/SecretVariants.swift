/// The literal forms in which a secret may show up in a step's output, each masked.
///
/// Like GitHub's runner: the value, each line of a multi-line value, and for each of those
/// its base64 (also shifted by 1 and 2 bytes, for `base64(user:SECRET)`), URL and JSON forms.
package struct SecretVariants {
  /// The shortest line of a multi-line value, and the shortest derived encoding, that is masked.
  package static let minimumLength = Secret.minimumLength

  /// Every distinct, non-empty pattern to mask for `secret`, the value itself first.
  package static func patterns(for secret: String) -> [String] {
    guard !secret.isEmpty else { return [] }
    var bases = [secret]
    if secret.contains(where: \.isNewline) {
      bases += secret.split(whereSeparator: \.isNewline)
        .map { $0.trimmingBlanks() }
        .filter { $0.count >= minimumLength }
    }
    var seen: Set<String> = []
    var result: [String] = []
    for base in bases {
      let derived = encodings(of: base).filter { $0.utf8.count >= minimumLength }
      for pattern in [base] + derived where !pattern.isEmpty && seen.insert(pattern).inserted {
        result.append(pattern)
      }
    }
    return result
  }

  /// The encodings of one value: stable base64 (shifted 0, 1, 2), URL and JSON escapes.
  static func encodings(of value: String) -> [String] {
    let bytes = Array(value.utf8)
    var forms = (0...2).filter { bytes.count > $0 }.map { Base64Fragment.stable(bytes.dropFirst($0)) }
    forms += [PercentEncoding.escape(bytes, upperHex: true), PercentEncoding.escape(bytes, upperHex: false)]
    forms += JSONStringEscape.forms(of: value)
    return forms.filter { $0 != value }
  }
}

extension Substring {
  /// The text without leading and trailing spaces and tabs.
  fileprivate func trimmingBlanks() -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
