import Glibc
import Synchronization

/// Records a run's events in the run store as they happen: step states, metrics, the run's
/// end, and each step's masked output in `logs/RUN/STEP.log`. Store errors never stop a run;
/// they are kept for the shell to report.
///
/// A commit costs about a fifth of what the shell spends on a short step, so a step's start and
/// end are held back and committed together once the next step's process has started: in a
/// chain that is one commit per step instead of two. Records are held no longer: whenever the run waits (`runIsWaiting`: a pause, parallel
/// steps, hashing files) they are committed, so whoever reads the store then (the debugger's
/// prompt, `runs`, another shell) sees every step so far. (Committing on a queue of its own
/// instead cost more in wake-ups than it saved.)
package final class RunRecorder: RunEventSubscriber {
  private let store: RunStore
  private let runID: Int
  private let logs: StepLogWriter
  private let errors = Mutex<[String]>([])
  /// Step records not yet committed, in the order they happened.
  private let heldBack = Mutex<[StepRecord]>([])

  package init(store: RunStore, runID: Int) {
    self.store = store
    self.runID = runID
    self.logs = StepLogWriter { step in store.logPath(runID: runID, step: step) }
  }

  /// Problems met while recording (for a warning after the run).
  package var problems: [String] { errors.withLock { $0 } + logs.problems }

  package func handle(_ event: RunEvent) {
    switch event {
    case .runStarted: break
    case .stepStarted(let step, let attempt, _):
      var record = StepRecord(name: step, state: .running)
      record.attempts = attempt
      holdBack(record)
    case .stepProcessStarted:
      runIsWaiting()
    case .output(let step, _, let bytes):
      logs.append(step, bytes)
    case .stepSkipped(let step, let reason):
      var record = StepRecord(name: step, state: .skipped)
      record.reason = reason
      save(record)
    case .stepFinished(let result):
      logs.close(result.step)
      holdBack(Self.record(result))
    case .stepReused(let result):
      logs.close(result.step)
      save(Self.record(result))
    case .runFinished(let summary):
      logs.closeAll()
      runIsWaiting()
      let status: RunStatus =
        switch summary.status {
        case .ok: .ok
        case .failed: .failed
        case .interrupted, .aborted: .interrupted
        }
      attempt { () throws(StoreError) in try store.finishRun(runID: runID, status: status, finishedAt: SystemClock().now()) }
    }
  }

  /// The store's record of a step result.
  package static func record(_ r: StepResult) -> StepRecord {
    let state: StepState =
      switch r.state {
      case .pending: .pending
      case .running: .running
      case .ok: .ok
      case .failed: .failed
      case .skipped: .skipped
      case .reused: .reused
      case .interrupted: .interrupted
      case .timedOut: .timedOut
      }
    var record = StepRecord(name: r.step, state: state)
    record.reason = r.reason
    record.exitCode = r.exitCode
    record.startedAt = r.startedAt
    record.finishedAt = r.finishedAt
    record.fingerprint = r.fingerprint
    record.metrics = r.metrics
    record.attempts = r.attempts
    return record
  }

  /// Commits the records held back, if any.
  package func runIsWaiting() { save(nil) }

  /// Commits the records held back, if any, and `record` in one transaction.
  private func save(_ record: StepRecord?) {
    let records = heldBack.withLock { held in
      defer { held = [] }
      return held + (record.map { [$0] } ?? [])
    }
    if records.isEmpty { return }
    attempt { () throws(StoreError) in try store.updateSteps(runID: runID, records) }
  }

  private func holdBack(_ record: StepRecord) { heldBack.withLock { $0.append(record) } }

  private func attempt(_ body: () throws(StoreError) -> Void) {
    do { try body() } catch { errors.withLock { $0.append("\(error)") } }
  }
}
