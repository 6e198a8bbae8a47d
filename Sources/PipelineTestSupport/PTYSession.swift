import Glibc

/// Drives a program through a pseudo-terminal the way a person at a terminal would: the
/// child is a session leader with the pty as its controlling terminal (so `^C` is a real
/// Ctrl-C), and the test reads what the screen shows as plain text.
///
/// Synchronise on output (`expect`) and on the terminal mode (`waitUntilEditing`,
/// `waitUntilEchoOff`), never on time: libedit prints its prompt before it switches the tty
/// to raw mode, and keys sent in between are echoed by the tty or lost.
package final class PTYSession {
  /// The child's process id.
  package let pid: pid_t
  private let master: Int32
  private let slave: Int32
  private var bytes: [UInt8] = []
  private var reaped: Int32?

  /// Starts `executable` on a fresh 80x24 pty with `environment` as its whole environment.
  package init(executable: String, arguments: [String], environment: [String: String], workingDirectory: String? = nil)
    throws(PTYError)
  {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw .system("openpty", errno) }
    _ = fcntl(master, F_SETFD, FD_CLOEXEC)
    _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
    var name = [CChar](repeating: 0, count: 256)
    guard ttyname_r(slave, &name, name.count) == 0 else {
      close(master)
      close(slave)
      throw .system("ttyname_r", errno)
    }
    let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    do {
      pid = try PTYSpawn.spawn(
        executable, arguments: arguments, environment: environment, terminal: slavePath,
        workingDirectory: workingDirectory)
    } catch {
      close(master)
      close(slave)
      throw error
    }
    self.master = master
    self.slave = slave
  }

  deinit {
    if reaped == nil {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
    close(master)
    close(slave)
  }

  /// The `pipeshell` binary built beside the running test bundle.
  package static var pipeshellPath: String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let exe = String(decoding: buffer.prefix(max(count, 0)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return exe.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/pipeshell"
  }

  /// Types `keys` (Tab `\t`, Enter `\r`, Ctrl-C `\u{3}`, Ctrl-D `\u{4}`, Up `\u{1B}[A`).
  package func send(_ keys: String) throws(PTYError) {
    var remaining = Array(keys.utf8)[...]
    while !remaining.isEmpty {
      let n = remaining.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .system("write", errno)
      }
      remaining = remaining.dropFirst(n)
    }
  }

  /// A position in the output: `expect(_:after:)` and `screen(after:)` look only past it.
  package func mark() -> Int {
    drain(milliseconds: 0)
    return bytes.count
  }

  /// Everything shown after `mark`, without escape sequences, `\r` or bells.
  package func screen(after mark: Int = 0) -> String {
    drain(milliseconds: 0)
    return PlainText.from(bytes[min(mark, bytes.count)...])
  }

  /// Waits until `text` appears after `mark`.
  package func expect(_ text: String, after mark: Int = 0, timeout: Duration = .seconds(15)) throws(PTYError) {
    try waitFor("'\(text)'", timeout: timeout) { self.screen(after: mark).contains(text) }
  }

  /// Waits until `condition` holds for the screen after `mark`; `description` names it on failure.
  package func waitUntil(
    _ description: String, after mark: Int = 0, timeout: Duration = .seconds(15), _ condition: (String) -> Bool
  ) throws(PTYError) {
    try waitFor(description, timeout: timeout) { condition(self.screen(after: mark)) }
  }

  /// Waits until the terminal has left canonical mode: the line editor is reading keys.
  package func waitUntilEditing(timeout: Duration = .seconds(15)) throws(PTYError) {
    try waitFor("raw mode (ICANON clear)", timeout: timeout) { self.localFlags() & tcflag_t(ICANON) == 0 }
  }

  /// Waits until the terminal no longer echoes: a hidden-input prompt is reading.
  package func waitUntilEchoOff(timeout: Duration = .seconds(15)) throws(PTYError) {
    try waitFor("echo off (ECHO clear)", timeout: timeout) { self.localFlags() & tcflag_t(ECHO) == 0 }
  }

  /// Waits for the child to exit and returns its status (128 + N when killed by signal N).
  package func waitForExit(timeout: Duration = .seconds(15)) throws(PTYError) -> Int32 {
    try waitFor("the process to exit", timeout: timeout) { self.reap() != nil }
    return reaped ?? -1
  }

  private func reap() -> Int32? {
    if let reaped { return reaped }
    var status: Int32 = 0
    guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
    reaped = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return reaped
  }

  private func localFlags() -> tcflag_t {
    var modes = termios()
    return tcgetattr(master, &modes) == 0 ? modes.c_lflag : tcflag_t(ICANON | ECHO)
  }

  private func waitFor(_ what: String, timeout: Duration, _ done: () -> Bool) throws(PTYError) {
    let deadline = ContinuousClock.now + timeout
    while !done() {
      guard ContinuousClock.now < deadline else { throw .timeout(waitingFor: what, screen: screen()) }
      drain(milliseconds: 5)
    }
  }

  /// Reads what the child wrote, waiting up to `milliseconds` for the first byte.
  private func drain(milliseconds: Int32) {
    var wait = milliseconds
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      var request = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&request, 1, wait) > 0, request.revents & Int16(POLLIN) != 0 else { return }
      let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
      guard n > 0 else { return }
      bytes += chunk[..<n]
      wait = 0
    }
  }
}

/// Why a PTY session could not start or a wait ran out.
package enum PTYError: Error, CustomStringConvertible {
  case system(String, Int32)
  case timeout(waitingFor: String, screen: String)

  /// The failure, with the screen so far for a timeout.
  package var description: String {
    switch self {
    case .system(let call, let code): return "\(call) failed: \(String(cString: strerror(code)))"
    case .timeout(let what, let screen): return "timed out waiting for \(what); the screen shows:\n\(screen)"
    }
  }
}
