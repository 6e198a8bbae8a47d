import Synchronization

/// One attempt as other threads see it: its job id once submitted, whether an interrupt was
/// asked for, and whether the job was cancelled already (so it is cancelled once).
final class SlurmAttempt: Sendable {
  private struct State {
    var jobID: String?
    var interrupted = false
    var cancelled = false
  }

  private let state = Mutex(State())

  /// True once `interruptAll` reached this attempt.
  var interruptRequested: Bool { state.withLock { $0.interrupted } }

  /// Records the submitted job; returns true when an interrupt came while sbatch ran, so the
  /// caller must cancel the job now.
  func submitted(_ jobID: String) -> Bool {
    state.withLock { state in
      state.jobID = jobID
      guard state.interrupted, !state.cancelled else { return false }
      state.cancelled = true
      return true
    }
  }

  /// Marks the attempt interrupted; returns its job id when it has one not cancelled yet.
  func interrupt() -> String? {
    state.withLock { state in
      state.interrupted = true
      guard let id = state.jobID, !state.cancelled else { return nil }
      state.cancelled = true
      return id
    }
  }

  /// Marks the job cancelled; false when it was already.
  func markCancelled() -> Bool {
    state.withLock { state in
      defer { state.cancelled = true }
      return !state.cancelled
    }
  }
}

/// The attempts one executor is running, so `interruptAll` can reach them from any thread.
final class SlurmAttempts: Sendable {
  private let attempts = Mutex<[ObjectIdentifier: SlurmAttempt]>([:])

  /// Registers a new attempt (before its job is submitted, so an interrupt during sbatch counts).
  func begin() -> SlurmAttempt {
    let attempt = SlurmAttempt()
    attempts.withLock { $0[ObjectIdentifier(attempt)] = attempt }
    return attempt
  }

  func end(_ attempt: SlurmAttempt) {
    _ = attempts.withLock { $0.removeValue(forKey: ObjectIdentifier(attempt)) }
  }

  /// Interrupts every attempt; returns the job ids to cancel.
  func interruptAll() -> [String] {
    attempts.withLock { attempts in attempts.values.compactMap { $0.interrupt() } }
  }
}
