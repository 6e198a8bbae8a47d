import Glibc
import Synchronization

/// Records a run's events in the run store as they happen: step states, metrics, the run's
/// end, and each step's masked output in `logs/RUN/STEP.log`. Store errors never stop a run;
/// they are kept for the shell to report.
package final class RunRecorder: RunEventSubscriber {
  private let store: RunStore
  private let runID: Int
  private let logs: StepLogWriter
  private let errors = Mutex<[String]>([])

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
      save(record)
    case .output(let step, _, let bytes):
      logs.append(step, bytes)
    case .stepSkipped(let step, let reason):
      var record = StepRecord(name: step, state: .skipped)
      record.reason = reason
      save(record)
    case .stepReused(let result), .stepFinished(let result):
      logs.close(result.step)
      save(Self.record(result))
    case .runFinished(let summary):
      logs.closeAll()
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

  private func save(_ record: StepRecord) {
    attempt { () throws(StoreError) in try store.updateStep(runID: runID, record) }
  }

  private func attempt(_ body: () throws(StoreError) -> Void) {
    do { try body() } catch { errors.withLock { $0.append("\(error)") } }
  }
}
