import PipelineCore

/// `source FILE`: runs a session script; paths in it are relative to the script.
struct SourceCommand: ShellCommand {
  let name = "source"
  let group = CommandGroup.session
  let usage = "source FILE"
  let abstract = "run a session script (one command per line)"
  let example = "source session.psh"
  let runScript: @MainActor @Sendable (String, CommandContext) throws(CommandError) -> Void

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .paths : .none }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard arguments.count == 1 else { throw .usage("usage: \(usage)") }
    try runScript(context.path(arguments[0]), context)
  }
}

/// `quit`: leaves the shell.
struct QuitCommand: ShellCommand {
  let name = "quit"
  let aliases = ["exit"]
  let group = CommandGroup.session
  let usage = "quit"
  let abstract = "leave the shell (Ctrl-D does the same)"
  let example = "quit"

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) { throw .quit }
}

/// `history`: the commands entered, oldest first (never a secret's value).
struct HistoryCommand: ShellCommand {
  let name = "history"
  let group = CommandGroup.session
  let usage = "history [N]"
  let abstract = "show the command history"
  let example = "history 20"
  let entries: @MainActor @Sendable (CommandContext) -> [String]

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    var lines = entries(context)
    if let first = arguments.first {
      guard let count = Int(first), count > 0 else { throw .usage("usage: \(usage)") }
      lines = Array(lines.suffix(count))
    }
    let start = entries(context).count - lines.count
    for (i, line) in lines.enumerated() { context.output.line("\(String(start + i + 1).leftPadded(5))  \(line)") }
  }
}

extension String {
  func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}

/// `help [COMMAND]`: commands by group, or one command's usage and example.
struct HelpCommand: ShellCommand {
  let name = "help"
  let group = CommandGroup.session
  let usage = "help [COMMAND | STEP]"
  let abstract = "list commands, or show one command's usage and an example, or what a step does"
  let example = "help explain"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .commands : .none }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    let registry = context.registry
    if let name = arguments.first {
      if registry.command(named: name) == nil, let step = context.session.pipeline?.step(name) {
        context.output.lines(StepHelp.lines(step))
        return
      }
      guard let command = registry.command(named: name) else { throw registry.unknown(name) }
      context.output.line("usage: \(command.usage)")
      context.output.line("  \(command.abstract)")
      if !command.aliases.isEmpty { context.output.line("  also: \(command.aliases.joined(separator: ", "))") }
      context.output.line("example:")
      context.output.line("  \(command.example)")
      return
    }
    for group in CommandGroup.allCases {
      let commands = registry.commands.filter { $0.group == group }
      guard !commands.isEmpty else { continue }
      context.output.line(group.rawValue + ":")
      context.output.lines(TextTable.plain(commands.map { [$0.name, $0.abstract] }, indent: "  "))
    }
    context.output.line("Type 'help COMMAND' for usage and an example.")
  }
}

/// `help STEP`: what a step of the loaded pipeline does (its description: DVC's `desc`), and
/// where `plan STEP` shows it exactly as it would run.
enum StepHelp {
  static func lines(_ step: Step) -> [String] {
    var lines = ["step \(step.name)"]
    lines.append("  " + (step.description ?? "(no description)"))
    for command in step.commands { lines.append("  runs      " + command.template.source) }
    if !step.needs.isEmpty { lines.append("  needs     " + step.needs.joined(separator: ", ")) }
    if let reason = step.verifyReason { lines.append("  verifies  its outputs, command not run: " + reason) }
    lines.append("see 'plan \(step.name)' for the step exactly as it would run")
    return lines
  }
}
