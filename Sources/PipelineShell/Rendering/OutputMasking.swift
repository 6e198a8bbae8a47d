import PipelineCore

/// Masks every secret of a snapshot (and its encodings) in text the shell is about to show.
struct OutputMasking {
  let secrets: [String]

  func mask(_ text: String) -> String {
    secrets.isEmpty ? text : StreamMasker.mask(text, secrets: secrets)
  }
}
