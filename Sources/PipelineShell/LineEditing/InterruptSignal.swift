import Glibc

/// Counts SIGINTs the shell receives outside the line editor (while steps run, during the
/// secret prompt) so the shell itself survives Ctrl-C and callers can tell one happened.
///
/// The handler is a real function, never `SIG_IGN`, so children spawned with default
/// dispositions still die on Ctrl-C; it is installed without `SA_RESTART`, so a blocking
/// `read` or `waitpid` returns `EINTR` and the caller notices.
package enum InterruptSignal {
  /// Installs the counting SIGINT handler (idempotent).
  package static func install() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in interruptCount &+= 1 }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
  }

  /// How many SIGINTs arrived since the last `reset()`.
  package static var count: Int { Int(interruptCount) }

  /// Sets the count back to zero.
  package static func reset() { interruptCount = 0 }
}

/// Written only by the signal handler and `reset()`; a `sig_atomic_t` is safe to touch there.
nonisolated(unsafe) private var interruptCount: sig_atomic_t = 0
