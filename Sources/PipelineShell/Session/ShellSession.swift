import PipelineCore

/// The state of one shell session: the loaded pipeline, params files, the active profile,
/// session bindings, and where the current command came from.
@MainActor
package final class ShellSession {
  package var pipeline: Pipeline?
  package var pipelinePath: String?
  /// The stamps of the pipeline file and its params files when they were read, to notice
  /// edits before the next plan or run.
  package var fileStamps: [String: FileStamp] = [:]
  package var paramsFiles: [ParamsFileBindings] = []
  package var profile: String?
  /// Session bindings in the order they were made.
  package private(set) var sessionBindings: [Binding] = []
  /// The process environment as it was at start.
  package var environment: [String: String]
  /// Where the command being executed was typed.
  package var origin: CommandOrigin = .commandLine
  /// The command being executed, as typed (never holding a secret value).
  package var commandText = ""
  /// The words of the command being executed, with whether each was quoted.
  package var commandWords: [Lexer.Word] = []
  /// The folder relative paths in the current command are read against.
  package var baseFolder: String
  /// Commands entered this session, for `history` when there is no line editor.
  package var enteredCommands: [String] = []

  package init(environment: [String: String], baseFolder: String) {
    self.environment = environment
    self.baseFolder = baseFolder
  }

  /// The loaded pipeline, or a usage error telling how to load one.
  package func requirePipeline() throws(CommandError) -> Pipeline {
    guard let pipeline else {
      throw .usage("no pipeline loaded", notes: ["load one with 'load PATH' (or start with 'pipeshell --demo')"])
    }
    return pipeline
  }

  /// Binds a parameter in the session layer, replacing an earlier session binding.
  package func bind(_ binding: Binding) {
    sessionBindings.removeAll { $0.name == binding.name }
    sessionBindings.append(binding)
  }

  /// Removes a session binding; returns false when there was none.
  @discardableResult
  package func unbind(_ name: String) -> Bool {
    let before = sessionBindings.count
    sessionBindings.removeAll { $0.name == name }
    return sessionBindings.count != before
  }

  /// The resolution input for the current state plus one-off run overrides.
  package func resolutionInput(runOverrides: [Binding] = []) throws(CommandError) -> ResolutionInput {
    let pipeline = try requirePipeline()
    return ResolutionInput(
      pipeline: pipeline, fileBindings: paramsFiles.flatMap(\.bindings), profile: profile,
      environment: environment, sessionBindings: sessionBindings, runOverrides: runOverrides)
  }

  /// The prompt: `pipeline [profile]> `, with the paused step when debugging.
  package func prompt(pausedStep: String? = nil) -> String {
    var text = pipeline?.name ?? "pipeshell"
    if let profile { text += " [\(profile)]" }
    if let pausedStep { text += " \(pausedStep)" }
    return text + "> "
  }
}
