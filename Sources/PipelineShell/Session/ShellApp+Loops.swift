import PipelineCore

extension ShellApp {
  /// Runs a script's text: one command per line, `\` continues a line, `#` comments.
  /// Stops at the first failing command unless `--keep-going`; returns the exit status.
  package func runScript(_ reader: any LineReader, file: String?) -> Int32 {
    var status: Int32 = 0
    var lineNumber = 0
    while let (line, startLine) = readLogicalLine(reader, lineNumber: &lineNumber, prompt: "") {
      if line.trimmingSpaces.isEmpty { continue }
      let origin: CommandOrigin =
        file.map { .script(file: $0, line: startLine) } ?? .script(file: "<stdin>", line: startLine)
      let error = runLine(line, origin: origin)
      if let signalled = endIfTerminated() { return signalled }
      guard let error else { continue }
      if case .quit = error { return status }
      status = max(status, error.exitStatus)
      if !options.keepGoing { return status }
    }
    return status
  }

  /// Runs the script file at an absolute path; paths inside are relative to it.
  package func runScriptFile(_ path: String) throws(CommandError) -> Int32 {
    guard scriptDepthAllowsNesting() else {
      throw .failed("scripts nested more than \(ShellApp.maximumScriptDepth) deep (does a script source itself?)")
    }
    let text = try services.fileSystem.read(path)
    let savedBase = session.baseFolder
    session.baseFolder = Paths.folder(of: path)
    enterScript()
    defer {
      leaveScript()
      session.baseFolder = savedBase
    }
    return runScript(TextLineReader(text), file: path)
  }

  /// Runs `-c "CMD; CMD"`.
  package func runCommandString(_ text: String) -> Int32 {
    var status: Int32 = 0
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let error = runLine(String(line), origin: .commandOption(index: index + 1))
      if let signalled = endIfTerminated() { return signalled }
      guard let error else { continue }
      if case .quit = error { return status }
      status = max(status, error.exitStatus)
      if !options.keepGoing { return status }
    }
    return status
  }

  /// The interactive loop: prompt, read, run, until Ctrl-D or `quit`.
  package func runInteractive(_ reader: any LineReader) -> Int32 {
    lineReader = reader
    var lineNumber = 0
    while true {
      guard
        let (line, _) = readLogicalLine(
          reader, lineNumber: &lineNumber, prompt: session.prompt(pausedStep: pausedStepName))
      else {
        output.line()
        return 0
      }
      var text = line
      if text.trimmingSpaces.isEmpty {
        guard let repeated = repeatableCommand else { continue }
        text = repeated
      } else if HistoryFilter.allows(text, in: session) {
        reader.addHistory(text)
      }
      let error = runLine(text, origin: .prompt(line: lineNumber))
      if let signalled = endIfTerminated() { return signalled }
      if case .quit? = error { return 0 }
    }
  }

  /// Reads a line and its `\` continuations; nil at the end of input.
  private func readLogicalLine(_ reader: any LineReader, lineNumber: inout Int, prompt: String) -> (String, Int)? {
    var joined = ""
    var currentPrompt = prompt
    var start = 0
    while true {
      switch reader.readLine(prompt: currentPrompt) {
      case .end:
        return joined.isEmpty ? nil : (joined, start)
      case .interrupted:
        joined = ""
        currentPrompt = prompt
        continue
      case .line(let text):
        lineNumber += 1
        if joined.isEmpty { start = lineNumber }
        if Lexer.continues(text) {
          joined += String(text.dropLast())
          currentPrompt = "...> "
          continue
        }
        return (joined + text, start)
      }
    }
  }

  /// After SIGTERM or SIGHUP during a run: the run (stopped by then) is recorded as
  /// interrupted, and the shell ends with 128 + the signal's number, as a killed shell would.
  func endIfTerminated() -> Int32? {
    guard let signal = TerminationSignal.received else { return nil }
    var note = ""
    if let active = runs.active {
      active.run.interrupt()
      runs.clear()
      note = "; run \(active.run.runID) was recorded as interrupted"
    }
    output.writeError("pipeshell: ended by signal \(signal)\(note)\n")
    output.flush()
    return 128 + signal
  }
}
