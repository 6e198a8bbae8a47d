import PipelineCore

/// Every command the shell knows, looked up by name or alias.
package struct CommandRegistry: Sendable {
  package var commands: [any ShellCommand]

  package init(commands: [any ShellCommand]) { self.commands = commands }

  /// The command with this name or alias.
  package func command(named name: String) -> (any ShellCommand)? {
    commands.first { $0.name == name || $0.aliases.contains(name) }
  }

  /// All names, for completion and suggestions.
  package var names: [String] { commands.map(\.name) }

  /// The error for an unknown command, with a "did you mean".
  package func unknown(_ name: String) -> CommandError {
    var notes: [String] = []
    if let match = Suggestion.closest(to: name, in: names + commands.flatMap(\.aliases)) {
      notes.append("did you mean '\(match)'?")
    }
    notes.append("type 'help' for the list of commands")
    return .usage("unknown command '\(name)'", notes: notes)
  }
}
