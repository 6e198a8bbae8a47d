import FoundationEssentials

/// Every vector of the leak suite, one table entry each, grouped by what they attack.
enum LeakVectors {
  static let all: [LeakVector] =
    stepOutput + encodings + sources + commands + fields + errors + store + terminal + dvc + clusters

  /// A step printing with `command` (shell lines), the secret bound from `$TOKEN`, then its
  /// log shown; `expect` is added to "run 1 ok".
  static func printed(
    _ name: String, _ command: String, secret: String = LeakSecrets.plain, params: String = "",
    env: String = "TOKEN: \"${tok}\"", then: String = "logs show\n", expect: [String] = [], disabled: String? = nil
  ) -> LeakVector {
    LeakVector(
      name: name, secret: secret, files: ["pipeline.yaml": LeakVector.printing(command, params: params, env: env)],
      environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "run --jobs 1\n" + then), expect: ["run 1 ok"] + expect, disabled: disabled)
  }

  /// What a step's base64 of `prefix + secret + suffix` shows once masked: every character
  /// holding a bit of the secret gone into one `****`; wrapped at `width` with `lineEnd` when
  /// given, as `base64 -w WIDTH` writes it. Worked out here, apart from the masker.
  static func maskedBase64(
    prefix: String, secret: String, suffix: String = "", width: Int? = nil, lineEnd: String = "\n"
  ) -> String {
    let before = prefix.utf8.count
    let encoded = Array(Data(Array((prefix + secret + suffix).utf8)).base64EncodedString().utf8)
    let first = 8 * before / 6
    let end = (8 * (before + secret.utf8.count) + 5) / 6
    var out: [UInt8] = []
    var masked = false
    for (index, byte) in encoded.enumerated() {
      if let width, index > 0, index % width == 0, !(index > first && index < end) { out += Array(lineEnd.utf8) }
      if index >= first, index < end {
        if !masked { out += Array("****".utf8) }
        masked = true
      } else {
        out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
