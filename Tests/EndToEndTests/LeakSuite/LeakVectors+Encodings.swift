extension LeakVectors {
  /// The secret's encodings printed by steps: base64 at each alignment, wrapped as encoders
  /// wrap it, URL-safe, URL- and JSON-escaped.
  static let encodings: [LeakVector] = [
    base64("base64, alone", prefix: ""),
    base64("base64 after 1 byte", prefix: "x"),
    base64("base64 after 2 bytes", prefix: "xy"),
    base64("base64 of user:SECRET (HTTP basic auth)", prefix: "user:"),
    base64("base64, secret with metacharacters", prefix: "", secret: LeakSecrets.metacharacters),
    base64("base64, Unicode secret after 1 byte", prefix: "u", secret: LeakSecrets.unicode),
    base64(
      "base64 wrapped at 76, broken after 23 of its characters", prefix: String(repeating: "p", count: 40), width: 76),
    base64(
      "base64 wrapped at 76, broken after 22 of its characters", prefix: String(repeating: "p", count: 41), width: 76),
    base64(
      "base64 wrapped at 76, broken after 1 of its characters", prefix: String(repeating: "p", count: 56), width: 76),
    base64("base64 wrapped at 76, a long secret over two breaks", prefix: "q", secret: LeakSecrets.long, width: 76),
    base64("base64 wrapped at 64 (PEM)", prefix: String(repeating: "p", count: 40), width: 64),
    base64("base64 wrapped at 76 with CRLF", prefix: String(repeating: "p", count: 40), width: 76, lineEnd: "\r\n"),
    base64("base64 wrapped at 4", prefix: "ab", width: 4),
    base64("base64 of a multi-line secret", prefix: "", secret: LeakSecrets.multiLine, width: 76),
    printed(
      "base64, URL-safe alphabet", #"printf %s "$TOKEN" | base64 -w 0 | tr '+/' '-_'; echo"#,
      secret: LeakSecrets.metacharacters, expect: ["****"]),
    printed(
      "base64 of each line of a multi-line secret",
      #"printf '%s\n' "$TOKEN" | while read -r l; do printf %s "$l" | base64; done"#,
      secret: LeakSecrets.multiLine, expect: ["****"]),
    printed(
      "URL-encoded, upper-case hex",
      #"printf %s "$TOKEN" | perl -pe 's/([^A-Za-z0-9._~-])/sprintf("%%%02X", ord($1))/ge'; echo"#,
      secret: LeakSecrets.metacharacters, expect: ["****"]),
    printed(
      "URL-encoded, lower-case hex",
      #"printf %s "$TOKEN" | perl -pe 's/([^A-Za-z0-9._~-])/sprintf("%%%02x", ord($1))/ge'; echo"#,
      secret: LeakSecrets.urlish, expect: ["****"]),
    printed(
      "URL-encoded Unicode",
      #"printf %s "$TOKEN" | perl -pe 's/([^A-Za-z0-9._~-])/sprintf("%%%02X", ord($1))/ge'; echo"#,
      secret: LeakSecrets.unicode, expect: ["****"]),
    printed("JSON-escaped", json(ascii: false), secret: LeakSecrets.metacharacters, expect: ["{\"k\": \"****\"}"]),
    printed(
      "JSON-escaped Unicode, as UTF-8", json(ascii: false), secret: LeakSecrets.unicode, expect: ["{\"k\": \"****\"}"]),
    printed(
      "JSON-escaped Unicode, ASCII only", json(ascii: true), secret: LeakSecrets.unicode, expect: ["{\"k\": \"****\"}"]),
    printed(
      "JSON-escaped multi-line", json(ascii: false), secret: LeakSecrets.multiLine, expect: ["{\"k\": \"****\"}"]),
  ]

  /// A step printing base64 of `prefix + secret`, wrapped at `width` (0: not wrapped), which
  /// must show as `maskedBase64` works it out: no character holding a bit of the secret.
  static func base64(
    _ name: String, prefix: String, secret: String = LeakSecrets.plain, width: Int = 0, lineEnd: String = "\n"
  ) -> LeakVector {
    let crlf = lineEnd == "\r\n" ? " | sed 's/$/\\r/'" : ""
    let command = "printf '%s%s' '\(prefix)' \"$TOKEN\" | base64 -w \(width)\(crlf); echo"
    let masked = maskedBase64(prefix: prefix, secret: secret, width: width == 0 ? nil : width, lineEnd: lineEnd)
    return printed(name, command, secret: secret, expect: [masked])
  }

  /// Perl printing `{"k": JSON-STRING}` of `$TOKEN`, UTF-8 or ASCII only (`\uXXXX`).
  static func json(ascii: Bool) -> String {
    #"perl -MJSON::PP -MEncode -e 'print "{\"k\": ", JSON::PP->new->allow_nonref->"# + (ascii ? "ascii" : "utf8")
      + #"->encode(decode_utf8($ENV{TOKEN})), "}\n"'"#
  }
}
