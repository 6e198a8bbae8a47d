import FoundationEssentials
import Glibc
import PipelineCore
import PipelineTestSupport
import Synchronization

/// Runs a leak vector against the built binary in a fresh folder (its own HOME and XDG
/// folders, so the history file is in it) and gathers every place a secret could reach:
/// stdout, stderr (or the terminal's screen), and every file in the folder the vector did not
/// write itself: `.pipeshell/` (database, WAL, logs, cache), the history file, saved scripts,
/// and the `/proc/PID/cmdline` captures of step processes and their parent.
struct LeakRunner {
  /// The built binary, or another one named by `LEAK_SUITE_BINARY` (to run the suite against
  /// an older build and see what it catches).
  let binary = Environment.value("LEAK_SUITE_BINARY") ?? TranscriptRunner.builtBinary()

  /// What a run left: each place's name and bytes, what the shell showed, its exit status.
  struct Outcome {
    var places: [(name: String, bytes: [UInt8])] = []
    var shown = ""
    var status: Int32 = 0
  }

  func run(_ vector: LeakVector) throws -> Outcome {
    let folder = try TemporaryFolder.make(prefix: "leak")
    defer { TemporaryFolder.remove(folder) }
    for sub in ["home", "state", "config", "tmp", "proc"] { mkdir(folder + "/" + sub, 0o700) }
    var inputs: [String: [UInt8]] = [:]
    for (name, text) in vector.files {
      let path = folder + "/" + name
      let parent = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
      try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
      let bytes = Array(expand(text, vector).utf8)
      _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
      if name.hasSuffix(".sh") { chmod(path, 0o755) }
      inputs[path] = bytes
    }
    if case .script(let text) = vector.session {
      let bytes = Array(expand(text, vector).utf8)
      _ = FileManager.default.createFile(atPath: folder + "/session.psh", contents: Data(bytes))
      inputs[folder + "/session.psh"] = bytes
    }
    var environment = [
      "HOME": folder + "/home", "XDG_STATE_HOME": folder + "/state", "XDG_CONFIG_HOME": folder + "/config",
      "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TMPDIR": folder + "/tmp", "USER": "tester",
      "TERM": "dumb", "EDITRC": "/dev/null",
    ]
    for (key, value) in vector.environment { environment[key] = expand(value, vector) }
    let arguments = vector.arguments.map { expand($0, vector) }
    var outcome: Outcome
    switch vector.session {
    case .terminal(let inputs):
      outcome = try atTerminal(inputs, vector: vector, arguments: arguments, environment: environment, folder: folder)
    default:
      outcome = try inProcessGroup(vector, arguments: arguments, environment: environment, folder: folder)
    }
    for path in Self.files(under: folder) {
      guard let data = FileManager.default.contents(atPath: path) else { continue }
      let bytes = Array(data)
      if inputs[path] == bytes { continue }  // written by the vector, unchanged
      let name = String(path.dropFirst(folder.count + 1))
      if vector.ownFiles.contains(name) { continue }
      outcome.places.append((name, bytes))
    }
    return outcome
  }

  /// Runs the shell without a terminal, stdout and stderr apart.
  private func inProcessGroup(
    _ vector: LeakVector, arguments: [String], environment: [String: String], folder: String
  ) throws -> Outcome {
    let args = arguments.map(Self.quote).joined(separator: " ")
    var environment = environment
    environment["P"] = binary
    let command: String
    switch vector.session {
    case .script:
      command = "exec \"$P\" \(args) -f session.psh"
    case .commands(let text):
      command = "exec \"$P\" \(args) -c \(Self.quote(expand(text, vector)))"
    case .shell(let text):
      command = expand(text, vector)
    case .terminal:
      preconditionFailure("a terminal session runs through atTerminal")
    }
    let streams = StreamCollector()
    let result = PosixProcessLauncher().run(
      ProcessRequest(command: command, environment: environment, workingDirectory: folder, timeout: 120)
    ) { stream, bytes in streams.append(stream, bytes) }
    let (stdout, stderr) = streams.bytes
    var outcome = Outcome()
    outcome.places = [("stdout", stdout), ("stderr", stderr)]
    outcome.shown = String(decoding: stdout + stderr, as: UTF8.self)
    outcome.status = if case .exited(let code) = result { code } else { -1 }
    return outcome
  }

  /// Runs the shell at a pseudo-terminal, typing the inputs one prompt at a time. What the
  /// terminal echoes of a typed line is no leak of the shell's: it is cut from the screen.
  private func atTerminal(
    _ inputs: [LeakVector.TerminalInput], vector: LeakVector, arguments: [String], environment: [String: String],
    folder: String
  ) throws -> Outcome {
    let shell = try PTYSession(
      executable: binary, arguments: arguments, environment: environment, workingDirectory: folder)
    try shell.expect("> ")
    try shell.waitUntilEditing()
    var echoes: [String] = []
    for input in inputs {
      let start = shell.mark()
      switch input {
      case .line(let text):
        let line = expand(text, vector)
        echoes.append(line)
        try shell.send(line + "\r")
      case .hidden(let command, let value):
        echoes.append(command)
        try shell.send(command + "\r")
        try shell.waitUntil("the hidden prompt", after: start) { $0.contains("(input hidden): ") }
        try shell.waitUntilEchoOff()
        try shell.send(expand(value, vector) + "\r")
      }
      try shell.waitUntil("the next prompt", after: start) { screen in
        guard let newline = screen.firstIndex(of: "\n") else { return false }
        return screen[newline...].contains("> ")
      }
      try shell.waitUntilEditing()
    }
    try shell.send("\u{4}")
    var outcome = Outcome()
    outcome.status = try shell.waitForExit()
    var screen = shell.screen()
    for echo in echoes {
      if let range = screen.firstRange(of: echo) { screen.removeSubrange(range) }
    }
    outcome.places = [("terminal", Array(screen.utf8))]
    outcome.shown = screen
    return outcome
  }

  /// `text` as one shell word.
  static func quote(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }

  /// The vector's text with its placeholders filled in.
  func expand(_ text: String, _ vector: LeakVector) -> String {
    let secret = vector.secret
    let yaml = "\"" + LeakNeedles.jsonForms(secret)[0].1 + "\""
    let shell = Self.quote(secret)
    let capture =
      #"tr '\000' ' ' < /proc/$$/cmdline > proc/step.$$; tr '\000' ' ' < /proc/$PPID/cmdline > proc/parent.$$"#
    return text.replacingOccurrences("%SECRET_YAML%", with: yaml).replacingOccurrences("%SECRET_SH%", with: shell)
      .replacingOccurrences("%CAPTURE%", with: capture).replacingOccurrences("%SECRET%", with: secret)
  }

  /// Every regular file under `folder`, recursively.
  static func files(under folder: String) -> [String] {
    var found: [String] = []
    var pending = [folder]
    while let current = pending.popLast() {
      for name in (try? FileManager.default.contentsOfDirectory(atPath: current)) ?? [] {
        let path = current + "/" + name
        var info = stat()
        guard lstat(path, &info) == 0 else { continue }
        if info.st_mode & S_IFMT == S_IFDIR {
          pending.append(path)
        } else if info.st_mode & S_IFMT == S_IFREG {
          found.append(path)
        }
      }
    }
    return found.sorted()
  }
}

/// Collects a child's stdout and stderr apart.
private final class StreamCollector: Sendable {
  private let streams = Mutex<(out: [UInt8], err: [UInt8])>(([], []))
  func append(_ stream: PipelineCore.OutputStream, _ bytes: [UInt8]) {
    streams.withLock {
      switch stream {
      case .stdout: $0.out += bytes
      case .stderr: $0.err += bytes
      }
    }
  }
  var bytes: ([UInt8], [UInt8]) { streams.withLock { ($0.out, $0.err) } }
}
