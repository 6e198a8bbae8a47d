import Glibc

/// Reads a secret from the terminal with echo off, byte by byte (no read-ahead).
package struct TerminalSecretReader: SecretReader {
  package init() {}

  package func readSecret(prompt: String) -> String? {
    let interruptsBefore = InterruptSignal.count
    var saved = termios()
    let isTerminal = tcgetattr(0, &saved) == 0
    if isTerminal {
      var quiet = saved
      quiet.c_lflag &= ~tcflag_t(ECHO)
      quiet.c_lflag |= tcflag_t(ECHONL)
      tcsetattr(0, TCSANOW, &quiet)
    }
    defer { if isTerminal { tcsetattr(0, TCSANOW, &saved) } }
    // The prompt comes after echo is off: whatever is typed once it shows is never echoed.
    _ = prompt.withCString { Glibc.write(2, $0, strlen($0)) }
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    while true {
      // A Ctrl-C that lands just before `read` blocks would be missed by EINTR alone: the
      // handler's count is checked, and the wait for input wakes up to look at it.
      if InterruptSignal.count != interruptsBefore { return nil }
      var input = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
      let ready = poll(&input, 1, 100)
      if ready < 0 && errno != EINTR { return nil }
      if ready <= 0 { continue }
      let n = Glibc.read(0, &byte, 1)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
      if byte == 10 || byte == 13 { return String(decoding: bytes, as: UTF8.self) }
      if byte == 3 || byte == 4 { return nil }
      bytes.append(byte)
    }
  }
}
