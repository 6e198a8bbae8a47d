import PipelineCore
import Synchronization

/// `shell COMMAND`: runs a command with `/bin/sh -c` in the current folder, its output
/// masked for every secret of the session (like psql's `\!`).
struct ShellEscapeCommand: ShellCommand {
  let name = "shell"
  let aliases = ["!"]
  let group = CommandGroup.session
  let usage = "shell COMMAND ..."
  let abstract = "run a shell command in the current folder (output masked)"
  let example = "shell ls out"

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard !arguments.isEmpty else { throw .usage("usage: \(usage)") }
    let secrets = (try? context.snapshot().secretValues) ?? []
    let output = context.output
    let masker = MaskingRelay(secrets: secrets, output: output)
    let request = ProcessRequest(
      command: commandLine(context), environment: context.session.environment,
      workingDirectory: context.session.baseFolder, takesTerminal: context.services.interactive)
    output.flush()
    let outcome = InterruptWatch.during(context.services.launcher) {
      context.services.launcher.run(request) { _, bytes in masker.take(bytes) }
    }
    masker.finish()
    switch outcome {
    case .exited(0): return
    case .exited(let code): throw .failed("command exited with status \(code)")
    case .interrupted: throw .failed("interrupted")
    case .timedOut: throw .failed("timed out")
    case .signaled(let signal): throw .failed("killed by signal \(signal)")
    case .failedToStart(let why): throw .failed("could not start: \(why)")
    }
  }
}

extension ShellEscapeCommand {
  /// The command as typed: quoted words stay quoted for `/bin/sh`, the rest (operators,
  /// redirections, globs) pass through as they were.
  @MainActor
  func commandLine(_ context: CommandContext) -> String {
    context.session.commandWords.dropFirst().map { $0.quoted ? Lexer.quote($0.text, always: true) : $0.text }
      .joined(separator: " ")
  }
}

/// Masks a command's output on its way to the terminal (called from the launcher's threads).
final class MaskingRelay: Sendable {
  private let masker: Mutex<StreamMasker>
  private let output: any OutputSink

  init(secrets: [String], output: any OutputSink) {
    self.masker = Mutex(StreamMasker(secrets: secrets))
    self.output = output
  }

  func take(_ bytes: [UInt8]) {
    let shown = masker.withLock { $0.feed(bytes) }
    if !shown.isEmpty { output.write(bytes: shown) }
    output.flush()
  }

  func finish() {
    let rest = masker.withLock { $0.flush() }
    if !rest.isEmpty { output.write(bytes: rest) }
    output.flush()
  }
}
