import PipelineCore

/// The secret values a session knows without running anything, for what must never show
/// them although no step printed them: the history, and the shell's own messages (an error
/// quoting a pasted token).
@MainActor
package enum KnownSecrets {
  /// The secret values the session knows without running anything: those typed at the prompt,
  /// and those in its environment (a `--from-env` source, a secret's `PIPESHELL_` variable).
  package static func values(of session: ShellSession) -> [String] {
    var values: [String] = []
    for binding in session.sessionBindings {
      switch binding.raw {
      case .secret(let secret): values.append(secret.revealed())
      case .secretSource(.environment(let variable)): session.environment[variable].map { values.append($0) }
      default: break
      }
    }
    for spec in session.pipeline?.parameters ?? [] where spec.isSecret {
      let variable = ResolutionInput.environmentPrefix + ParameterName.environmentSuffix(spec.name)
      session.environment[variable].map { values.append($0) }
    }
    return values.filter { $0.count >= Secret.minimumLength }
  }

  /// `text` with every known secret of `session` (and its encodings) masked.
  package static func masked(_ text: String, in session: ShellSession) -> String {
    let secrets = values(of: session)
    return secrets.isEmpty ? text : StreamMasker.mask(text, secrets: secrets)
  }
}
