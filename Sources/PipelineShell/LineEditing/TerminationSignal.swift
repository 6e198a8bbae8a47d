import Glibc

/// Notes SIGTERM and SIGHUP while steps run, so the shell stops its steps' process groups (or
/// cancels their jobs), records the run as interrupted, and then exits (128 + the signal), as
/// it does for Ctrl-C. Outside a run the default action (ending the shell) is kept.
package enum TerminationSignal {
  static let handled = [SIGTERM, SIGHUP]

  /// Installs the handlers (for the length of a run).
  static func install() {
    for signal in handled {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { received in lastSignal = received }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(signal, &action, nil)
    }
  }

  /// Puts the default actions back; a signal noted meanwhile stays noted.
  static func uninstall() {
    for signal in handled { Glibc.signal(signal, SIG_DFL) }
  }

  /// The signal received during a run, if any.
  package static var received: Int32? { lastSignal == 0 ? nil : Int32(lastSignal) }
}

/// Written only by the signal handler; a `sig_atomic_t` is safe to touch there.
nonisolated(unsafe) private var lastSignal: sig_atomic_t = 0
