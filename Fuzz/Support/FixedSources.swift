import PipelineCore

/// Dynamic sources with fixed answers, so interpolation runs no command and reads no file:
/// `${cmd:...}` gives back its command reversed, `${file:...}` its path upper-cased; a command
/// or path holding `fail` fails.
package struct FixedSources: DynamicSources {
  package init() {}

  package func commandOutput(_ command: String, in folder: String) -> Result<String, DynamicSourceFailure> {
    command.contains("fail") ? .failure(.init("exited with status 1")) : .success(String(command.reversed()) + "\n")
  }

  package func fileContents(_ path: String) -> Result<String, DynamicSourceFailure> {
    path.contains("fail") ? .failure(.init("no such file")) : .success(path.uppercased() + "\n")
  }

  package func fileExists(_ path: String) -> Bool { !path.contains("fail") }
}
