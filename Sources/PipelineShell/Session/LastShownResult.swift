import Synchronization

/// The last large result a command showed (a plan of thousands of steps), kept until the next
/// one replaces it. A one-shot `pipeshell -c plan` exits right after showing it, and freeing
/// its thousands of parts one by one would only delay that exit, as freeing the pipeline would
/// (`ShellMain`); in the shell, one result is kept at a time.
package enum LastShownResult {
  private static let kept = Mutex<(any Sendable)?>(nil)

  package static func keep(_ value: some Sendable) {
    let previous = kept.withLock { slot in
      let old = slot
      slot = value
      return old
    }
    _ = previous  // freed here, outside the lock
  }
}
