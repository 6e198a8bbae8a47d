import PipelineCore

/// Masks every secret of a snapshot in text the shell is about to show.
struct OutputMasking {
  let secrets: [String]

  func mask(_ text: String) -> String {
    guard !secrets.isEmpty else { return text }
    var out = text
    for secret in secrets.sorted(by: { $0.count > $1.count }) where !secret.isEmpty {
      out = out.split(separator: secret, omittingEmptySubsequences: false).joined(separator: Secret.mask)
    }
    return out
  }
}
