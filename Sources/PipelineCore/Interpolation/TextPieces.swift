/// The pieces of a rendered text, in clear and with each secret masked, joined once when the
/// text is done (see `String.concatenating`).
struct TextPieces {
  private var clear: [String] = []
  /// Made once a secret goes in: until then the masked text is the clear one.
  private var masked: [String]?
  private var secret = false

  init(expected: Int) {
    clear.reserveCapacity(expected)
  }

  mutating func append(_ text: String, secret: Bool = false) {
    if secret, masked == nil { masked = clear }
    masked?.append(secret ? Secret.mask : text)
    clear.append(text)
    self.secret = self.secret || secret
  }

  /// Writes the text (and the masked text, when a secret went in) into `out`.
  func finish(into out: inout TemplateEvaluator.Rendered) {
    out.text = String.concatenating(clear)
    if let masked { out.masked = String.concatenating(masked) }
    out.secret = out.secret || secret
  }
}
