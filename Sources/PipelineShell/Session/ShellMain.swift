import Glibc
import PipelineCore

/// Builds the real dependencies from the process's arguments and environment and runs the
/// shell in the mode the command line asks for. Returns the exit status.
@MainActor
package enum ShellMain {
  package static let version = "pipeshell 0.1.0"

  /// The last pipeline of this process, kept to the end: the process exits as soon as `run`
  /// returns, and freeing a large pipeline's thousands of steps one by one would only delay
  /// that. (The rest of the shell is freed: closing the store and the terminal matters.)
  private static var pipelineKeptUntilExit: Pipeline?

  package static func run(arguments: [String], environment: [String: String]) -> Int32 {
    let output = StandardOutput()
    defer { output.flush() }
    let invocation: Invocation
    switch Invocation.parse(arguments) {
    case .success(let parsed): invocation = parsed
    case .failure(let error):
      report(error, to: output)
      return 2
    }
    switch invocation.mode {
    case .help:
      output.line(Invocation.usage)
      return 0
    case .version:
      output.line(version)
      return 0
    default: break
    }
    let interactive = isatty(0) == 1 && isatty(1) == 1
    let fileSystem = LocalFileSystem()
    let launcher = PosixProcessLauncher()
    var services = Services(
      fileSystem: fileSystem, dynamicSources: LocalDynamicSources(launcher: launcher, environment: environment),
      secretReader: interactive ? TerminalSecretReader() : nil, launcher: launcher, interactive: interactive)
    let columns = environment["COLUMNS"].flatMap(Int.init).flatMap { (20...10_000).contains($0) ? $0 : nil }
    services.terminalColumns = { TerminalSize.columns(ofDescriptor: 1) ?? columns }
    let session = ShellSession(environment: environment, baseFolder: fileSystem.currentDirectory)
    let color = interactive && !invocation.noColor && environment["NO_COLOR"] == nil
    let app = ShellApp(
      session: session, output: output, services: services,
      options: ShellOptions(keepGoing: invocation.keepGoing, color: color))
    defer { pipelineKeptUntilExit = session.pipeline }
    if let status = startUp(app, invocation: invocation, interactive: interactive) { return status }
    output.flush()
    switch invocation.mode {
    case .script(let path):
      do { return try app.runScriptFile(Paths.absolute(path, base: fileSystem.currentDirectory)) } catch {
        report(error, to: output)
        return 2
      }
    case .commands(let text):
      return app.runCommandString(text)
    default:
      if interactive {
        return app.runInteractive(
          InteractiveReaderFactory.make(historyFile: invocation.historyFile, environment: environment, app: app))
      }
      return app.runScript(ByteLineReader(), file: nil)
    }
  }

  /// Loads the pipeline and applies `--profile` and `--set`; returns a status to exit with.
  private static func startUp(_ app: ShellApp, invocation: Invocation, interactive: Bool) -> Int32? {
    var lines: [String] = []
    if case .demo(let folder) = invocation.mode {
      lines.append("demo " + Lexer.quote(folder ?? "pipeshell-demo"))
    } else if let pipeline = invocation.pipeline {
      lines.append("load " + Lexer.quote(pipeline))
    }
    if let profile = invocation.profile { lines.append("profile " + Lexer.quote(profile)) }
    lines += invocation.sets.map { "set " + Lexer.quote($0) }
    for line in lines {
      if let error = app.runLine(line, origin: .commandLine), !interactive || invocation.mode != .interactive {
        if case .demo = invocation.mode, interactive { continue }
        return error.exitStatus == 0 ? nil : max(error.exitStatus, 2)
      }
    }
    return nil
  }

  private static func report(_ error: CommandError, to output: StandardOutput) {
    if case .usage(let message, let notes) = error {
      output.writeError((["error: " + message] + notes.map { "  " + $0 }).joined(separator: "\n") + "\n")
    } else if case .failed(let message) = error {
      output.writeError("error: " + message + "\n")
    }
  }
}
