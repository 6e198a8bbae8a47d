import Dispatch
import Glibc
import Synchronization

/// Records a run's events in the run store as they happen: step states, metrics, the run's
/// end, and each step's masked output in `logs/RUN/STEP.log`. Store errors never stop a run;
/// they are kept for the shell to report.
///
/// Step records (starts, ends, skips, reuses) are not committed one by one: a commit costs
/// more than everything else the shell does for a short step (traced: about 60 of the 95 µs a
/// step of a chain took beyond make's). They are held back and committed together from a
/// timer, at most `commitDelay` later, so a chain of short steps commits once per
/// `commitDelay` instead of twice a step. Whenever the run waits (`runIsWaiting`: a pause,
/// parallel steps, hashing files) and when it ends, everything held is committed at once, so
/// whoever reads the store then (the debugger's prompt, `runs`, `show run`) sees every step. A
/// shell killed outright loses at most the last `commitDelay` of step records; its run is
/// still found and marked interrupted at the next start. (Committing each record on a queue
/// as it came cost more in wake-ups than it saved.)
package final class RunRecorder: RunEventSubscriber {
  /// How long a step record may wait to be committed while steps run.
  static let commitDelay = 0.01

  private let store: RunStore
  private let runID: Int
  private let logs: StepLogWriter
  private let errors = Mutex<[String]>([])
  /// Step records not yet committed, in the order they happened, and whether a commit of them
  /// is scheduled.
  private let held = Mutex<(records: [StepRecord], scheduled: Bool)>(([], false))
  /// Held while records are taken and committed, so commits land in the order of their records.
  private let commitOrder = Mutex(())
  private let timer = DispatchQueue(label: "pipeshell.run-records")
  /// The start record of each running step, to add where it runs once that is known.
  private let running = Mutex<[String: StepRecord]>([:])

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
    case .stepStarted(let record, let attempt):
      var start = record
      start.attempts = attempt
      running.withLock { $0[record.name] = start }
      holdBack(start)
    case .stepPlaced(let step, let placement):
      // The placement (a local step's pid, a job id) reaches the store within `commitDelay`, so
      // the next start can stop a killed shell's leftover steps.
      guard var record = running.withLock({ $0[step] }) else { return }
      record.placement = placement
      running.withLock { $0[step] = record }
      holdBack(record)
    case .output(let step, _, let bytes):
      logs.append(step, bytes)
    case .stepSkipped(let record):
      holdBack(record)
    case .stepFinished(let result), .stepReused(let result):
      logs.close(result.name)
      var record = result
      if let placement = running.withLock({ $0.removeValue(forKey: result.name)?.placement }), record.placement == nil {
        record.placement = placement
      }
      holdBack(record)
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

  /// Commits the records held back, if any.
  package func runIsWaiting() { commit() }

  /// Commits the records held back, if any, in one transaction.
  private func commit() {
    commitOrder.withLock { _ in
      let records = held.withLock { held in
        defer { held.records = [] }
        return held.records
      }
      if records.isEmpty { return }
      attempt { () throws(StoreError) in try store.updateSteps(runID: runID, records) }
    }
  }

  /// Holds `record` back and makes sure a commit is scheduled within `commitDelay`.
  private func holdBack(_ record: StepRecord) {
    let schedule = held.withLock { held in
      held.records.append(record)
      defer { held.scheduled = true }
      return !held.scheduled
    }
    guard schedule else { return }
    timer.asyncAfter(deadline: .now() + Self.commitDelay) { [self] in
      held.withLock { $0.scheduled = false }  // first: a record held from now on schedules anew
      commit()
    }
  }

  private func attempt(_ body: () throws(StoreError) -> Void) {
    do { try body() } catch { errors.withLock { $0.append("\(error)") } }
  }
}
