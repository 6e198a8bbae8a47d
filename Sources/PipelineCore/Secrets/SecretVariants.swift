/// The forms in which a secret may show up in a step's output, each masked.
///
/// Like GitHub's runner: the value, each line of a multi-line value, and for each of those
/// its base64 (at each of the three alignments in a longer blob, as in `base64(user:SECRET)`,
/// wrapped into lines or not, with the characters it shares with its neighbours), URL and
/// JSON forms.
package struct SecretVariants {
  /// The shortest line of a multi-line value, and the shortest derived encoding, that is masked.
  package static let minimumLength = Secret.minimumLength

  /// Every distinct pattern to mask for `secret`, the value itself first.
  package static func patterns(for secret: String) -> [MaskPattern] {
    guard !secret.isEmpty else { return [] }
    var bases = [secret]
    if secret.contains(where: \.isNewline) {
      bases += secret.split(whereSeparator: \.isNewline)
        .map { $0.trimmingBlanks() }
        .filter { $0.count >= minimumLength }
    }
    var seen: Set<MaskPattern> = []
    var result: [MaskPattern] = []
    for base in bases {
      let derived = encodings(of: base).filter { $0.shortestMatch >= minimumLength }
      for pattern in [MaskPattern(literal: base)] + derived where seen.insert(pattern).inserted {
        result.append(pattern)
      }
    }
    return result
  }

  /// The encodings of one value: base64 at the three alignments, URL and JSON escapes.
  static func encodings(of value: String) -> [MaskPattern] {
    let bytes = Array(value.utf8)
    var texts = [PercentEncoding.escape(bytes, upperHex: true), PercentEncoding.escape(bytes, upperHex: false)]
    texts += JSONStringEscape.forms(of: value)
    let base64 = (0...2).map { Base64Pattern.pattern(for: bytes, shift: $0) }
    return base64 + texts.filter { $0 != value }.map { MaskPattern(literal: $0) }
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
