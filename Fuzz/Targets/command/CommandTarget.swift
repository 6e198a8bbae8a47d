import FuzzSupport
import PipelineCore

@testable import PipelineShell

/// Command lines: the lexer (and its quoting), the program's own arguments, completion, the
/// history filter, and whole lines and scripts run by a shell over the fixture pipeline in
/// memory. Commands that would start processes or open the run store only have their
/// arguments parsed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommand(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  let asScript = input.choice(2) == 1
  let text = input.rest()
  checkLexer(text)
  if case .success(let commands) = Lexer.split(text) {
    _ = Invocation.parse(commands.flatMap { $0.map(\.text) })
  }
  _ = Lexer.continues(text)
  let secretLine = text + " " + Fixture.secretValue
  fuzzRequire(
    !HistoryFilter.allows(secretLine, pipeline: Fixture.pipeline, secrets: [Fixture.secretValue]),
    "history keeps a secret")
  let shell = FuzzShell()
  _ = Completer(registry: shell.app.registry, session: shell.app.session, fileSystem: shell.files).complete(text)
  if asScript { shell.runScript(text) } else { shell.runLine(text) }
  if !text.contains(Fixture.secretValue), !text.contains("FUZZ_TOKEN") {
    fuzzRequire(
      !shell.output.written.contains(Fixture.secretValue), "the shell printed the secret: \(shell.output.written)")
  }
  return 0
}

/// Every word a line splits into reads back unchanged from its quoted form, alone and as the
/// command text the shell records (history, `save`).
private func checkLexer(_ text: String) {
  guard case .success(let commands) = Lexer.split(text) else { return }
  for words in commands {
    for word in words {
      for always in [false, true] {
        let quoted = Lexer.quote(word.text, always: always)
        let back = Lexer.split(quoted)
        fuzzRequire(
          (try? back.get()).map { $0.map { $0.map(\.text) } } == [[word.text]],
          "quote(\(fuzzShow(word.text))) = \(fuzzShow(quoted)) splits into \(fuzzShow(back))")
      }
    }
    let recorded = words.map { Lexer.quote($0.text) }.joined(separator: " ")
    let back = Lexer.split(recorded)
    fuzzRequire(
      (try? back.get()).map { $0.map { $0.map(\.text) } } == [words.map(\.text)],
      "the command text \(fuzzShow(recorded)) splits into \(fuzzShow(back))")
  }
}

/// A shell over the fixture pipeline with files in memory, a process launcher that must not
/// be called, and fixed dynamic sources.
private struct FuzzShell {
  let files: MemoryFileSystem
  let output = CollectingOutput()
  let app: ShellApp

  /// Commands that have no effect outside the session and the in-memory files.
  static let runnable: Set<String> = [
    "load", "reload", "validate", "set", "unset", "secret", "profile", "params", "get", "explain", "plan",
    "break", "delete", "status", "save", "source", "history", "help", "quit",
  ]

  init() {
    files = MemoryFileSystem(
      files: [
        Fixture.pipelinePath: Fixture.pipelineText, Fixture.folder + "/params.yaml": Fixture.paramsText,
        Fixture.folder + "/other.yaml": Fixture.paramsText,
      ],
      currentDirectory: Fixture.folder)
    let session = ShellSession(environment: Fixture.environment, baseFolder: Fixture.folder)
    session.pipeline = Fixture.pipeline
    session.pipelinePath = Fixture.pipelinePath
    session.bind(FuzzResolution.tokenBinding)
    let services = Services(
      fileSystem: files, dynamicSources: FixedSources(), secretReader: nil, launcher: ForbiddenLauncher())
    app = ShellApp(session: session, output: output, services: services, options: ShellOptions(keepGoing: true))
  }

  /// Runs the line when every command on it is runnable; parses the arguments of the others.
  func runLine(_ line: String) {
    guard case .success(let commands) = Lexer.split(line) else {
      _ = app.runLine(line, origin: .prompt(line: 1))
      return
    }
    if commands.allSatisfy(isRunnable) {
      _ = app.runLine(line, origin: .prompt(line: 1))
    } else {
      commands.forEach(parseOnly)
    }
  }

  /// Runs the text as a script file (`source`) when every command in it is runnable.
  func runScript(_ text: String) {
    let reader = TextLineReader(text)
    var joined = ""
    while case .line(let line) = reader.readLine(prompt: "") {
      if Lexer.continues(line) {
        joined += String(line.dropLast())
        continue
      }
      if case .success(let commands) = Lexer.split(joined + line), !commands.allSatisfy(isRunnable) {
        return commands.forEach(parseOnly)
      }
      joined = ""
    }
    let path = Fixture.folder + "/fuzz.psh"
    do { try files.write(text, to: path) } catch { return }
    _ = app.runScript(TextLineReader(text), file: path)
  }

  private func isRunnable(_ words: [Lexer.Word]) -> Bool {
    guard let name = words.first?.text else { return true }
    guard let command = app.registry.command(named: name) else { return true }
    return Self.runnable.contains(command.name)
  }

  /// The argument parsing of commands that run steps or read the store, without running them.
  private func parseOnly(_ words: [Lexer.Word]) {
    guard let name = words.first?.text, let command = app.registry.command(named: name) else { return }
    let arguments = words.dropFirst().map(\.text)
    let parser = BindingParser(context: app.context)
    do {
      switch command.name {
      case "run", "debug":
        let flags = try RunFlags(arguments, defaultJobs: 2)
        _ = try parser.overrides(flags.rest, layer: .run)
      case "rerun":
        let flags = try RunFlags(arguments, defaultJobs: 2)
        _ = try parser.overrides(flags.rest.filter { !$0.hasPrefix("--") }, layer: .run)
      case "sweep":
        let flags = try RunFlags(arguments, defaultJobs: 2)
        for word in flags.rest {
          guard let eq = word.firstIndex(of: "="), eq != word.startIndex else { continue }
          let parameter = String(word[..<eq])
          let values = try SweepValues.expand(String(word[word.index(after: eq)...]), parameter: parameter)
          fuzzRequire(!values.isEmpty && values.count <= 10_001, "a sweep axis of \(values.count) values")
          for value in values.prefix(16) { _ = try? parser.binding(name: parameter, text: value, layer: .run) }
        }
      default:
        break
      }
    } catch {
      _ = error
    }
  }
}
