import PipelineCore

/// Builds the line reader for an interactive session: libedit with the shell's completion,
/// history file and colours, and the SIGINT handler that keeps Ctrl-C from killing the shell.
@MainActor
enum InteractiveReaderFactory {
  static func make(historyFile: String?, environment: [String: String], app: ShellApp) -> any LineReader {
    InterruptSignal.install()
    var settings = EditLineSettings()
    settings.historyPath = HistoryLocation.path(option: historyFile, environment: environment)
    settings.color = app.options.color
    settings.sourceEditrc = environment["PIPESHELL_NO_EDITRC"] == nil
    // libedit calls back on the thread that reads the line: the main thread.
    settings.complete = { [unowned app] line in
      MainActor.assumeIsolated {
        Completer(registry: app.registry, session: app.session, fileSystem: app.services.fileSystem).complete(line)
      }
    }
    let output = app.output
    settings.beforeRead = { (output as? StandardOutput)?.flush() }
    settings.warn = { output.writeError($0 + "\n") }
    return EditLineReader(settings: settings) ?? ByteLineReader()
  }
}
