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
  package var message: String
  package init(_ message: String) { self.message = message }
}
