/// What to run: `/bin/sh -c command` in `workingDirectory` with exactly `environment`.
package struct ProcessRequest: Sendable, Equatable {
  /// The shell command line, run by `shell` with `-c`.
  package var command: String
  /// The shell program and the options it gets before `-c` (`/bin/sh` unless a DVC stage runs
  /// in the user's `$SHELL`, as DVC runs it).
  package var shell = UserShell.posix
  /// The child's whole environment; nothing is inherited from the shell.
  package var environment: [String: String]
  /// The folder the child starts in; a missing folder gives `.failedToStart`.
  package var workingDirectory: String
  /// Seconds before the process group gets SIGTERM (then SIGKILL after `killGrace`); nil waits forever.
  package var timeout: Double?
  /// Seconds between SIGTERM and SIGKILL to the process group when stopping a child.
  package var killGrace: Double
  /// Makes the child the terminal's foreground group, so it can read the terminal and Ctrl-C
  /// reaches only it (`shell COMMAND`). Honoured only when the shell's standard input is a
  /// terminal it owns. Otherwise the child leads a new session with no controlling terminal
  /// (it cannot open `/dev/tty`, so nothing it writes there escapes masking) and reads
  /// /dev/null; steps always run so.
  package var takesTerminal: Bool

  /// Creates a request; by default no timeout, a 2-second kill grace and no terminal.
  package init(
    command: String, environment: [String: String] = [:], workingDirectory: String = ".",
    timeout: Double? = nil, killGrace: Double = 2, takesTerminal: Bool = false
  ) {
    self.command = command
    self.environment = environment
    self.workingDirectory = workingDirectory
    self.timeout = timeout
    self.killGrace = killGrace
    self.takesTerminal = takesTerminal
  }
}

/// Which of a child's output pipes a chunk came from.
package enum OutputStream: Sendable, Hashable {
  case stdout
  case stderr
}

/// How a process ended.
package enum ProcessOutcome: Sendable, Equatable {
  /// The process exited by itself with this status.
  case exited(Int32)
  /// A signal other than SIGINT killed the process (and no timeout or interrupt was asked for).
  case signaled(Int32)
  /// The request's timeout passed and the process group was stopped.
  case timedOut
  /// SIGINT killed the process, or `interruptAll()` was called while it ran.
  case interrupted
  /// The process could not be started (missing folder, no pipes, spawn error); says why.
  case failedToStart(String)
}

extension ProcessOutcome {
  /// True only for `.exited(0)`.
  package var succeeded: Bool { self == .exited(0) }
}
