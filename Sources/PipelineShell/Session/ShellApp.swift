import PipelineCore

/// The shell's loop: reads lines, splits them into commands, runs them, reports errors, and
/// decides exit statuses (1 for a failed command, 2 for usage errors and invalid input).
@MainActor
package final class ShellApp {
  package let session: ShellSession
  package let output: any OutputSink
  package let services: Services
  package let options: ShellOptions
  package private(set) var registry = CommandRegistry(commands: [])
  /// The interactive line reader, when there is one (for `history`).
  package var lineReader: (any LineReader)?
  private var scriptDepth = 0
  /// The paused step's name while debugging, shown in the prompt.
  package var pausedStepName: String? { runs.pausedStep }
  /// What an empty line repeats (`step` or `continue` while paused).
  package var repeatableCommand: String? { runs.active == nil ? nil : runs.lastDebuggerCommand }
  /// Runs in progress and breakpoints.
  package let runs = RunController()
  static let maximumScriptDepth = 32

  package init(session: ShellSession, output: any OutputSink, services: Services, options: ShellOptions) {
    self.session = session
    self.output = output
    self.services = services
    self.options = options
    registry = CommandRegistry(commands: StandardCommands.all(app: self))
  }

  package var context: CommandContext {
    CommandContext(
      session: session, output: output, services: services, registry: registry, style: Style(enabled: options.color))
  }

  /// Runs every command on one line; returns the first error, after reporting it. With
  /// `--keep-going` the commands after a failing one still run (the first error is returned).
  @discardableResult
  package func runLine(_ line: String, origin: CommandOrigin) -> CommandError? {
    let commands: [[Lexer.Word]]
    switch Lexer.split(line) {
    case .success(let parsed): commands = parsed
    case .failure(let problem):
      let error = CommandError.usage(problem.description)
      report(error, origin: origin)
      return error
    }
    var first: CommandError?
    for words in commands.map(Self.splittingBang) {
      session.origin = origin
      session.commandText = words.map { Lexer.quote($0.text) }.joined(separator: " ")
      session.commandWords = words
      if HistoryFilter.allows(session.commandText, in: session) { session.enteredCommands.append(session.commandText) }
      guard let error = runCommand(words) else { continue }
      if case .quit = error { return error }
      report(error, origin: origin)
      if first == nil { first = error }
      if !options.keepGoing { return error }
    }
    return first
  }

  /// `!ls` is `! ls`, as `help shell` says.
  static func splittingBang(_ words: [Lexer.Word]) -> [Lexer.Word] {
    guard let first = words.first, first.text.hasPrefix("!"), first.text.count > 1, !first.quoted else { return words }
    return [Lexer.Word(text: "!", quoted: false), Lexer.Word(text: String(first.text.dropFirst()), quoted: false)]
      + words.dropFirst()
  }

  private func runCommand(_ words: [Lexer.Word]) -> CommandError? {
    guard let name = words.first?.text else { return nil }
    guard let command = registry.command(named: name) else { return registry.unknown(name) }
    let invocation = CommandInvocation(name: name, words: Array(words.dropFirst()))
    do throws(CommandError) {
      switch command.pipelineUse(invocation) {
      case .replaces where runs.active != nil:
        throw .usage(
          "a run is paused; '\(name)' would change the pipeline under it",
          notes: ["finish it with 'continue', or end it with 'abort', first"])
      case .current where runs.active == nil:
        try PipelineLoading(context: context).reloadIfChanged()
      default: break
      }
      try command.execute(invocation, in: context)
      return nil
    } catch {
      return error
    }
  }

  /// `error:`, red on a terminal.
  var errorWord: String { Style(enabled: options.color).red("error:") }

  func scriptDepthAllowsNesting() -> Bool { scriptDepth < Self.maximumScriptDepth }
  func enterScript() { scriptDepth += 1 }
  func leaveScript() { scriptDepth -= 1 }

  /// Writes an error to standard error; in scripts the first line names the script line. An
  /// error may quote what was typed: known secrets in it are masked.
  package func report(_ error: CommandError, origin: CommandOrigin) {
    let session = session
    func writeError(_ text: String) { output.writeError(KnownSecrets.masked(text, in: session)) }
    let prefix: String
    switch origin {
    case .script(let file, let line): prefix = "\(PipelineLoading(context: context).displayPath(file)):\(line): "
    default: prefix = ""
    }
    switch error {
    case .usage(let message, let notes):
      writeError(([prefix + errorWord + " " + message] + notes.map { "  " + $0 }).joined(separator: "\n") + "\n")
    case .failed(let message):
      if !message.isEmpty { writeError(prefix + errorWord + " " + message + "\n") }
    case .invalid(let diagnostics):
      var text = context.render(diagnostics)
      if options.color {
        text = text.replacingOccurrences(": error: ", with: ": " + errorWord + " ")
        if text.hasPrefix("error: ") { text = errorWord + text.dropFirst(6) }
      }
      let lead = prefix.isEmpty || diagnostics.first?.location != nil ? "" : prefix
      writeError(lead + text + "\n")
      if !prefix.isEmpty, diagnostics.first?.location != nil { writeError("  (in \(prefix.dropLast(2)))\n") }
    case .quit:
      break
    }
  }
}

/// Options from the command line that change how the shell behaves.
package struct ShellOptions: Sendable {
  /// Go on after a failing command in a script.
  package var keepGoing = false
  /// Use colour (only on a terminal, never with NO_COLOR).
  package var color = false

  package init(keepGoing: Bool = false, color: Bool = false) {
    self.keepGoing = keepGoing
    self.color = color
  }
}
