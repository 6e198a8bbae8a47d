import PipelineCore

/// A shell command: its name, how to use it, what its arguments complete to, and what it does.
/// Help and "did you mean" for unknown commands come from these declarations.
package protocol ShellCommand: Sendable {
  var name: String { get }
  /// Short forms (`s` for `step`).
  var aliases: [String] { get }
  var group: CommandGroup { get }
  /// `set NAME VALUE | set N1=V1 N2=V2`.
  var usage: String { get }
  /// One line: what the command does.
  var abstract: String { get }
  /// A short example session line, shown by `help CMD`.
  var example: String { get }
  /// What the argument at `index` (0-based, after the command name) completes to.
  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind
  /// How the command uses the loaded pipeline: replaces it (`load`), plans it from its file
  /// (`plan`, `run`: a file changed on disk is reloaded first), or neither.
  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse
  @MainActor func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError)
}

/// How a command uses the loaded pipeline.
package enum PipelineUse: Sendable {
  case none
  /// Reads it as it is on disk now: a changed file is reloaded first (or its error shown).
  case current
  /// Replaces it: refused while a run is paused.
  case replaces
}

/// One command as typed: its name and the words after it, each with whether any of it was
/// quoted (a quoted `a=b` is never an override).
package struct CommandInvocation: Sendable {
  package var name: String
  package var words: [Lexer.Word]

  package init(name: String, words: [Lexer.Word]) {
    self.name = name
    self.words = words
  }

  /// A command written as plain words (none quoted).
  package init(_ name: String, _ arguments: [String]) {
    self.init(name: name, words: arguments.map { Lexer.Word(text: $0, quoted: false) })
  }

  /// The words' text.
  package var arguments: [String] { words.map(\.text) }
}

extension ShellCommand {
  package var aliases: [String] { [] }
  package func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .none }
  package func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .none }
}

/// Groups for `help`.
package enum CommandGroup: String, Sendable, CaseIterable {
  case pipeline = "Pipeline"
  case parameters = "Parameters"
  case running = "Running"
  case debugging = "Debugging"
  case history = "Runs"
  case session = "Session"
}

/// What a command argument completes to.
package enum CompletionKind: Sendable, Hashable {
  case none
  case commands
  case parameters
  /// The allowed values of the parameter named by the previous word.
  case parameterValues
  /// `NAME=VALUE` overrides.
  case overrides
  case steps
  case profiles
  case paths
  case words([String])
}

/// Why a command failed. Usage problems and invalid input exit scripts with status 2;
/// failures (a run that failed, a validation that found problems) with status 1.
package enum CommandError: Error, Sendable {
  case usage(String, notes: [String] = [])
  case invalid([Diagnostic])
  case failed(String)
  /// The user asked to leave.
  case quit

  /// The exit status a script ends with when this error stops it.
  package var exitStatus: Int32 {
    switch self {
    case .usage, .invalid: return 2
    case .failed: return 1
    case .quit: return 0
    }
  }

  /// An invalid-input error with one message.
  package static func rejected(_ message: String, notes: [String] = []) -> CommandError {
    .invalid([Diagnostic(message, notes: notes)])
  }
}
