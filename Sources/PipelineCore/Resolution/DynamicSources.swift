/// The outside world that interpolation reads: commands, files, the process environment.
/// Behind a protocol so the resolver stays pure and tests can use fixed answers.
package protocol DynamicSources: Sendable {
  /// Runs `/bin/sh -c command` in `folder`; returns stdout or the failure with stderr.
  func commandOutput(_ command: String, in folder: String) -> Result<String, DynamicSourceFailure>
  /// Reads a file's text.
  func fileContents(_ path: String) -> Result<String, DynamicSourceFailure>
  /// True when something exists at `path`.
  func fileExists(_ path: String) -> Bool
}

/// Why a dynamic source gave no value.
package struct DynamicSourceFailure: Error, Sendable, Hashable {
  /// What went wrong (`exit status 1`), without the command's error output.
  package var summary: String
  /// What a failed command wrote on stderr, trimmed; kept apart because the command may be
  /// one that reads a secret, and then it is not shown.
  package var errorOutput: String
  package init(_ summary: String, errorOutput: String = "") {
    self.summary = summary
    self.errorOutput = errorOutput
  }

  /// The summary with the error output, as shown for a command that reads no secret.
  package var message: String { errorOutput.isEmpty ? summary : summary + ": " + errorOutput }

  /// The summary, saying why the error output is left out when there was some.
  package var messageForSecret: String {
    errorOutput.isEmpty ? summary : summary + " (its error output is not shown: it may hold the secret)"
  }
}
