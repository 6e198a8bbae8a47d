import CEditLine
import Glibc

/// What the line editor needs from the shell.
package struct EditLineSettings {
  /// The history file; nil keeps history in memory only.
  package var historyPath: String?
  /// Colour the prompt (the escape codes are wrapped in libedit's ignore char).
  package var color = false
  /// Read `$EDITRC` or `~/.editrc` after the shell's own bindings.
  package var sourceEditrc = false
  /// The completions for the text before the cursor.
  package var complete: (String) -> Completion = { _ in .none }
  /// Runs before each prompt (flushes the shell's buffered output).
  package var beforeRead: () -> Void = {}
  /// Writes a warning to standard error.
  package var warn: (String) -> Void = { _ in }

  package init() {}
}

/// A `LineReader` over libedit's histedit API: emacs keys, Tab completion, Ctrl-C as a key
/// that discards the line, Ctrl-D to end, and a deduplicated history shared through a file.
///
/// This is the only file that imports CEditLine. Ctrl-C is a key binding with ISIG off while
/// editing rather than a signal, because a SIGINT landing while libedit redraws is lost.
package final class EditLineReader: LineReader {
  private let editor: OpaquePointer
  private let entries: OpaquePointer
  private let settings: EditLineSettings
  private var promptText: UnsafeMutablePointer<CChar>?
  private var interrupted = false
  private let savedTerminal: termios?
  /// The history file while it can be written; nil after a problem was reported.
  private var historyPath: String?

  /// Sets up the editor on the process's standard input and output; nil when libedit cannot.
  package init?(settings: EditLineSettings) {
    Self.setLocale()
    var terminal = termios()
    savedTerminal = tcgetattr(0, &terminal) == 0 ? terminal : nil
    guard let editor = cel_init_stdio("pipeshell") else { return nil }
    guard let entries = history_init() else {
      el_end(editor)
      return nil
    }
    self.editor = editor
    self.entries = entries
    self.settings = settings
    configure()
    openHistory(settings.historyPath)
    if settings.sourceEditrc { el_source(editor, nil) }
  }

  deinit {
    el_end(editor)
    history_end(entries)
    free(promptText)
    if var terminal = savedTerminal { tcsetattr(0, TCSANOW, &terminal) }
  }

  /// libedit decodes keys with the locale: in "C" it drops every non-ASCII byte.
  private static func setLocale() {
    let current = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
    if current == "C" || current == "POSIX" { setlocale(LC_CTYPE, "C.UTF-8") }
  }

  private func configure() {
    cel_history_setsize(entries, Int32(HistoryLocation.capacity))
    cel_history_setunique(entries, 1)
    cel_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
    cel_set_prompt_esc(editor, { el in EditLineReader.owner(of: el)?.promptText }, 1)
    cel_set_editor(editor, "emacs")
    cel_set_history(editor, entries)
    cel_set_signal(editor, 1)
    cel_add_function(editor, "pipeshell-complete", "complete the word") { el, _ in
      EditLineReader.owner(of: el)?.completeWord() ?? UInt8(CC_ERROR)
    }
    cel_bind(editor, "^I", "pipeshell-complete")
    cel_setty(editor, "-d", "-isig")
    cel_add_function(editor, "pipeshell-interrupt", "discard the line") { el, _ in
      EditLineReader.owner(of: el)?.interruptLine() ?? UInt8(CC_ERROR)
    }
    cel_bind(editor, "^C", "pipeshell-interrupt")
  }

  private static func owner(of el: OpaquePointer?) -> EditLineReader? {
    guard let el, let data = cel_get_clientdata(el) else { return nil }
    return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
  }

  /// Edits one line with `el_gets`: `.interrupted` after Ctrl-C, `.end` after Ctrl-D.
  package func readLine(prompt: String) -> LineInput {
    settings.beforeRead()
    setPrompt(prompt)
    interrupted = false
    var count: Int32 = 0
    guard let raw = el_gets(editor, &count) else {
      let wasSignal = count == -1 && errno == EINTR
      if wasSignal { writeToTerminal("\n") }
      return wasSignal ? .interrupted : .end
    }
    if interrupted { return .interrupted }
    var text = String(cString: raw)
    if text.hasSuffix("\n") { text.removeLast() }
    return .line(text)
  }

  private func setPrompt(_ prompt: String) {
    free(promptText)
    promptText = strdup(settings.color ? Self.colored(prompt) : prompt)
  }

  /// The prompt in bold cyan up to its trailing space; `\u{1}` brackets the invisible codes.
  private static func colored(_ prompt: String) -> String {
    var visible = prompt
    var trailing = ""
    while visible.hasSuffix(" ") {
      visible.removeLast()
      trailing += " "
    }
    return "\u{1}\u{1B}[1;36m\u{1}" + visible + "\u{1}\u{1B}[0m\u{1}" + trailing
  }

  private func writeToTerminal(_ text: String) {
    fputs(text, cel_stdout())
    fflush(cel_stdout())
  }

  /// Tab: insert the one match or the common prefix, else list the matches and redraw.
  private func completeWord() -> UInt8 {
    guard let info = el_line(editor)?.pointee, let start = info.buffer, let cursor = info.cursor else {
      return UInt8(CC_ERROR)
    }
    let before = String(decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
    switch settings.complete(before).action {
    case .nothing:
      return UInt8(CC_REFRESH_BEEP)
    case .insert(let text):
      return el_insertstr(editor, text) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_REFRESH_BEEP)
    case .list(let items):
      // The list ends with a newline so the redrawn prompt starts below it instead of
      // overwriting its last line (as it does on terminals that redraw with \r).
      writeToTerminal("\n" + CandidateColumns.lines(items, width: Self.terminalWidth()).joined(separator: "\n") + "\n")
      return UInt8(CC_REDISPLAY)
    }
  }

  private static func terminalWidth() -> Int {
    var size = winsize()
    return ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
  }

  /// Ctrl-C: show `^C` at the end of the line and end it; `readLine` then discards it.
  private func interruptLine() -> UInt8 {
    interrupted = true
    if let info = el_line(editor)?.pointee, let last = info.lastchar, let cursor = info.cursor {
      el_cursor(editor, Int32(last - cursor))
    }
    el_insertstr(editor, "^C")
    el_push(editor, "\n")
    return UInt8(CC_REFRESH)
  }
}

// History: the editor's list for Up/Down, mirrored to a file after every entry.
extension EditLineReader {
  /// Adds `line` without its trailing blanks (a completion's space), so equal commands dedupe.
  package func addHistory(_ line: String) {
    var line = line
    while line.last == " " || line.last == "\t", !line.dropLast().hasSuffix("\\") { line.removeLast() }
    guard !line.isEmpty else { return }
    cel_history_enter(entries, line)
    if let path = historyPath { append(line, to: path) }
  }

  /// The editor's entries, oldest first (those loaded from the file included).
  package var history: [String] {
    var newestFirst: [String] = []
    var line = cel_history_next_line(entries, 1)
    while let current = line {
      newestFirst.append(String(cString: current))
      line = cel_history_next_line(entries, 0)
    }
    return newestFirst.reversed()
  }

  /// Loads the history file; a file that cannot be used is reported once and left alone.
  private func openHistory(_ path: String?) {
    guard let path else { return }
    HistoryLocation.createFolders(for: path)
    if let problem = HistoryLocation.problem(with: path) {
      return giveUpHistory(path, "cannot use history file '\(path)': \(problem)")
    }
    if HistoryLocation.hasContent(path), cel_history_load(entries, path) < 0 {
      return giveUpHistory(path, "'\(path)' is not a pipeshell history file")
    }
    historyPath = path
  }

  /// Re-reads the file under a lock, adds `line`, and writes it back, so that shells running
  /// side by side keep each other's entries (bounded and deduplicated like the editor's).
  private func append(_ line: String, to path: String) {
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      return giveUpHistory(path, "cannot write history file '\(path)': \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
    defer { flock(descriptor, LOCK_UN) }
    guard let merged = history_init() else { return }
    defer { history_end(merged) }
    cel_history_setsize(merged, Int32(HistoryLocation.capacity))
    cel_history_setunique(merged, 1)
    if HistoryLocation.hasContent(path), cel_history_load(merged, path) < 0 {
      return giveUpHistory(path, "'\(path)' is not a pipeshell history file")
    }
    cel_history_enter(merged, line)
    if cel_history_save(merged, path) < 0 {
      giveUpHistory(path, "cannot write history file '\(path)': \(String(cString: strerror(errno)))")
    }
  }

  private func giveUpHistory(_ path: String, _ message: String) {
    historyPath = nil
    settings.warn("warning: \(message); history will not be saved")
  }
}
