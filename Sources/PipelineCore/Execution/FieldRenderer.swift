/// Renders step fields against a snapshot; dynamic sources are read once per plan.
struct FieldRenderer {
  /// Rendered text and whether a secret went into it.
  struct Rendered {
    var text: String
    var secret: Bool
    /// The text with each secret shown as `****`.
    var masked: String
  }

  let snapshot: Snapshot
  let environment: [String: String]
  let sources: any DynamicSources
  let folder: String
  private var cache: [String: String] = [:]

  init(snapshot: Snapshot, environment: [String: String], sources: any DynamicSources, folder: String) {
    self.snapshot = snapshot
    self.environment = environment
    self.sources = sources
    self.folder = folder
  }

  mutating func render(_ field: Field, problems: inout [Diagnostic]) -> Rendered {
    var out = ""
    var masked = ""
    var secret = false
    let sources = self.sources
    let folder = self.folder
    for part in field.template.parts {
      var piece = ""
      switch part {
      case .literal(let text): piece = text
      case .parameter(let name):
        guard let resolved = snapshot.parameters[name], let value = resolved.value else {
          if snapshot.parameters[name]?.problem == nil {
            problems.append(Diagnostic("parameter '\(name)' has no value", at: field.location))
          }
          continue
        }
        if resolved.isSecret {
          secret = true
          out += value.revealedText
          masked += Secret.mask
          continue
        }
        piece = value.revealedText
      case .environment(let variable, let fallback):
        if let value = environment[variable] ?? fallback {
          piece = value
        } else {
          problems.append(Diagnostic("environment variable \(variable) is not set", at: field.location))
        }
      case .command(let command):
        piece = cached("cmd:" + command, problems: &problems, at: field.location) {
          sources.commandOutput(command, in: folder)
        }
      case .file(let path):
        let full = path.hasPrefix("/") ? path : folder + "/" + path
        piece = cached("file:" + full, problems: &problems, at: field.location) { sources.fileContents(full) }
      }
      out += piece
      masked += piece
    }
    return Rendered(text: out, secret: secret, masked: masked)
  }

  private mutating func cached(
    _ key: String, problems: inout [Diagnostic], at location: SourceLocation,
    _ read: () -> Result<String, DynamicSourceFailure>
  ) -> String {
    if let hit = cache[key] { return hit }
    switch read() {
    case .success(let text):
      cache[key] = text.trimmingSpaces
      return text.trimmingSpaces
    case .failure(let failure):
      problems.append(Diagnostic("\(key) failed: \(failure.message)", at: location))
      cache[key] = ""
      return ""
    }
  }
}
