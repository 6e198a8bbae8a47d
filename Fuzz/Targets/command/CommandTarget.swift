import FuzzSupport
import Glibc
import PipelineCore

@testable import PipelineShell

/// Command lines: the lexer (and its quoting), the program's own arguments, completion, the
/// history filter, and whole lines and scripts run by a shell over the fixture pipeline in
/// memory. Commands that would start processes or open the run store only have their
/// arguments parsed.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommand(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  var input = FuzzInput(data, size)
  // Bit 0: run the text as a script, not a line. Bit 2: bind the secret (every command that
  // prints then builds a masker for it, which takes most of an execution's time).
  let selector = input.byte()
  let (asScript, withSecret) = (selector & 1 == 1, selector & 4 == 4)
  let text = input.rest()
  checkLexer(text)
  if case .success(let commands) = Lexer.split(text) {
    _ = Invocation.parse(commands.flatMap { $0.map(\.text) })
  }
  _ = Lexer.continues(text)
  // libFuzzer calls in on the main thread, where the shell's classes live.
  MainActor.assumeIsolated { runShell(text, asScript: asScript, withSecret: withSecret) }
  return 0
}

@MainActor
private func runShell(_ text: String, asScript: Bool, withSecret: Bool) {
  let secretLine = text + " " + Fixture.secretValue
  fuzzRequire(
    !HistoryFilter.allows(secretLine, pipeline: Fixture.pipeline, secrets: [Fixture.secretValue]),
    "history keeps a secret")
  let shell = FuzzShell(withSecret: withSecret)
  let rootMode = modeOfRoot()
  _ = Completer(registry: shell.app.registry, session: shell.app.session, fileSystem: shell.files).complete(text)
  if asScript { shell.runScript(text) } else { shell.runLine(text) }
  // The shell's files are in memory, but `load` looks beside the path it is given for a killed
  // run's journal on disk: a NUL in that path once made it `chmod('/', 0700)`.
  fuzzRequire(modeOfRoot() == rootMode, "the shell changed the mode of / (\(fuzzShow(text)))")
  if !text.contains(Fixture.secretValue), !text.contains("FUZZ_TOKEN") {
    fuzzRequire(
      !shell.output.written.contains(Fixture.secretValue), "the shell printed the secret: \(shell.output.written)")
  }
}

private func modeOfRoot() -> mode_t {
  var info = stat()
  return stat("/", &info) == 0 ? info.st_mode : 0
}

/// Every word a line splits into reads back unchanged from its quoted form, alone and as the
/// command text the shell records (history, `save`).
private func checkLexer(_ text: String) {
  guard case .success(let commands) = Lexer.split(text) else { return }
  for words in commands {
    for word in words {
      for always in [false, true] {
        // The shell's quoting and the one for `/bin/sh` command lines (which the lexer follows).
        for quoted in [Lexer.quote(word.text, always: always), ShellWord.quoted(word.text, always: always)] {
          let back = Lexer.split(quoted)
          fuzzRequire(
            (try? back.get()).map { $0.map { $0.map(\.text) } } == [[word.text]],
            "quoting \(fuzzShow(word.text)) as \(fuzzShow(quoted)) splits into \(fuzzShow(back))")
        }
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
@MainActor
private struct FuzzShell {
  let files: MemoryFileSystem
  let output = CollectingOutput()
  let app: ShellApp

  /// Commands that have no effect outside the session and the in-memory files.
  static let runnable: Set<String> = [
    "load", "reload", "validate", "set", "unset", "secret", "profile", "params", "get", "explain", "plan",
    "break", "delete", "status", "save", "source", "history", "help", "quit",
  ]

  init(withSecret: Bool) {
    files = Self.memoryFiles()
    app = Self.makeApp(files: files, output: output)
    // The state `load pipeline.yaml; secret token --from-env FUZZ_TOKEN` leaves, copied from a
    // shell that ran it once (loading it for every input would take most of the time).
    let loaded = Self.loaded.session
    let session = app.session
    session.pipeline = loaded.pipeline
    session.pipelinePath = loaded.pipelinePath
    session.paramsFiles = loaded.paramsFiles
    session.fileStamps = loaded.fileStamps
    if withSecret { loaded.sessionBindings.forEach(session.bind) }
  }

  private static func makeApp(files: MemoryFileSystem, output: CollectingOutput) -> ShellApp {
    let session = ShellSession(environment: Fixture.environment, baseFolder: Fixture.folder)
    let services = Services(
      fileSystem: files, dynamicSources: FixedSources(), secretReader: nil, launcher: ForbiddenLauncher())
    return ShellApp(session: session, output: output, services: services, options: ShellOptions(keepGoing: true))
  }

  private static let loaded: ShellApp = {
    let output = CollectingOutput()
    let app = makeApp(files: memoryFiles(), output: output)
    let setup = app.runLine("load pipeline.yaml; secret token --from-env FUZZ_TOKEN", origin: .commandLine)
    fuzzRequire(setup == nil, "the fixture session does not start: \(output.written)")
    return app
  }()

  /// The fixture's folder: the pipeline, `params.yaml` beside it, and another params file.
  private static func memoryFiles() -> MemoryFileSystem {
    MemoryFileSystem(
      files: [
        Fixture.pipelinePath: Fixture.pipelineText, Fixture.folder + "/params.yaml": Fixture.paramsText,
        Fixture.folder + "/other.yaml": Fixture.paramsText,
      ],
      currentDirectory: Fixture.folder)
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
    // The logical lines as the shell reads them: `\` continues a line, also into the end.
    let reader = TextLineReader(text)
    var lines: [String] = []
    var joined = ""
    while case .line(let line) = reader.readLine(prompt: "") {
      if Lexer.continues(line) {
        joined += String(line.dropLast())
        continue
      }
      lines.append(joined + line)
      joined = ""
    }
    if !joined.isEmpty { lines.append(joined) }
    for line in lines {
      if case .success(let commands) = Lexer.split(line), !commands.allSatisfy(isRunnable) {
        return commands.forEach(parseOnly)
      }
    }
    let path = Fixture.folder + "/fuzz.psh"
    do { try files.write(text, to: path) } catch { return }
    _ = app.runScript(TextLineReader(text), file: path)
  }

  private func isRunnable(_ words: [Lexer.Word]) -> Bool {
    // As the shell reads it: `!ls` is `! ls`.
    guard let name = ShellApp.splittingBang(words).first?.text else { return true }
    guard let command = app.registry.command(named: name) else { return true }
    return Self.runnable.contains(command.name)
  }

  /// The argument parsing of commands that run steps or read the store, without running them.
  private func parseOnly(_ words: [Lexer.Word]) {
    guard let name = words.first?.text, let command = app.registry.command(named: name) else { return }
    let arguments = Array(words.dropFirst())
    let parser = BindingParser(context: app.context)
    do {
      switch command.name {
      case "run", "debug", "rerun":
        let (flags, _) = try RunFlags.parse(
          arguments, defaultJobs: 2, extra: [Flag("--from", value: "STEP"), Flag("--force")], usage: "")
        _ = try parser.overrides(flags.rest, layer: .run)
      case "sweep":
        let (flags, _) = try RunFlags.parse(arguments, defaultJobs: 2, extra: [SweepCommand.yes], usage: "")
        var axes: [SweepGrid.Axis] = []
        for word in flags.rest {
          guard let eq = word.text.firstIndex(of: "="), eq != word.text.startIndex else { continue }
          let parameter = String(word.text[..<eq])
          let values = try SweepValues.expand(String(word.text[word.text.index(after: eq)...]), parameter: parameter)
          fuzzRequire(!values.isEmpty && values.count <= 10_001, "a sweep axis of \(values.count) values")
          for value in values.prefix(16) { _ = try? parser.binding(name: parameter, text: value, layer: .run) }
          axes.append(.init(name: parameter, values: values))
        }
        let grid = SweepGrid(axes: axes)
        if let count = grid.count, count > 0 {
          for index in [0, count / 2, count - 1] {
            let point = grid.point(index)
            fuzzRequire(
              zip(point, axes).allSatisfy { $1.values.contains($0) }, "point \(index) of the grid is not in its axes")
          }
        }
      default:
        break
      }
    } catch {
      _ = error
    }
  }
}
