import Synchronization

/// The step cache backed by the run store: a step is reused when a successful earlier step
/// has the same fingerprint and its outputs are on disk unchanged or restorable from the
/// content-addressed cache. Says, for each step, why it ran or was reused.
package struct StoreStepCache: StepCache {
  package var store: RunStore
  package var runID: Int
  /// The run this one is compared with for reasons (`lr 0.01 -> 0.02`).
  package var previous: RunRecord? {
    didSet { baseline = previous.map(ChangeReason.Baseline.init) }
  }
  /// `previous`, indexed once for every step's reason.
  private var baseline: ChangeReason.Baseline?
  /// Steps that must run whatever their fingerprint (`--from STEP`, `--force`).
  package var forced: Set<String>
  private let failures = Failures()

  /// Problems met while keeping outputs, shared by the copies of this value.
  private final class Failures: Sendable {
    private let list = Mutex<[String]>([])
    func add(_ problem: String) { list.withLock { $0.append(problem) } }
    var all: [String] { list.withLock { $0 } }
  }

  package var problems: [String] { failures.all }

  package init(store: RunStore, runID: Int, previous: RunRecord?, forced: Set<String> = []) {
    self.store = store
    self.runID = runID
    self.previous = previous
    self.baseline = previous.map(ChangeReason.Baseline.init)
    self.forced = forced
  }

  package func decide(_ step: PlannedStep, upstream: [String: StepResult]) -> CacheDecision {
    guard let key = try? store.secretKey() else { return CacheDecision(fingerprint: nil, reason: "no cache key") }
    let (fingerprint, _) = Fingerprint.compute(step, upstream: upstream, key: key)
    if forced.contains(step.name) { return CacheDecision(fingerprint: fingerprint, reason: "forced") }
    guard
      let (earlierRun, record) = finishedInThisRun(fingerprint, upstream)
        ?? (try? store.successfulStep(fingerprint: fingerprint))
    else {
      // The reason is worked out only for a step that runs: a reused step has its own.
      let why = ChangeReason.text(for: step, upstream: upstream, baseline: baseline) { clear in
        try? store.secretFingerprint(of: Secret(clear))
      }
      return CacheDecision(fingerprint: fingerprint, reason: why)
    }
    guard let restored = restoreOutputs(of: step, from: earlierRun) else {
      return CacheDecision(fingerprint: fingerprint, reason: "outputs missing from disk and cache")
    }
    var result = StepResult(step: step.name, state: .reused)
    result.metrics = record.metrics
    result.reusedFromRun = earlierRun
    result.exitCode = record.exitCode
    var reason = "unchanged since run \(earlierRun)"
    if !restored.isEmpty { reason += "; restored \(restored.joined(separator: ", ")) from the cache" }
    result.reason = reason
    return CacheDecision(fingerprint: fingerprint, reuse: result, reason: reason)
  }

  /// A step of this run that succeeded with the same fingerprint. The store would find it too,
  /// but its record may still be held back to be committed with the next one (`RunRecorder`).
  private func finishedInThisRun(
    _ fingerprint: String, _ results: [String: StepResult]
  ) -> (runID: Int, step: StepRecord)? {
    guard let match = results.values.first(where: { $0.state == .ok && $0.fingerprint == fingerprint }) else {
      return nil
    }
    return (runID, RunRecorder.record(match))
  }

  /// Checks each recorded output; restores changed or missing ones from the cache. Returns
  /// the restored paths, or nil when an output can be neither found nor restored.
  private func restoreOutputs(of step: PlannedStep, from run: Int) -> [String]? {
    guard let recorded = try? store.outputs(runID: run, step: step.name) else { return nil }
    var restored: [String] = []
    for path in step.outputs {
      guard let hash = recorded[path] else { return nil }
      let full = Fingerprint.absolute(path, in: step.workingDirectory)
      if Fingerprint.contentHash(of: full) == hash { continue }
      guard (try? store.outputCache.restore(hash, to: full)) == true else { return nil }
      restored.append(path)
    }
    return restored
  }

  package func keepOutputs(of step: PlannedStep, result: StepResult) {
    var hashes: [String: String] = [:]
    for path in step.outputs {
      let full = Fingerprint.absolute(path, in: step.workingDirectory)
      if let hash = try? store.outputCache.store(full) { hashes[path] = hash }
    }
    guard !hashes.isEmpty else { return }
    do throws(StoreError) {
      try store.recordOutputs(runID: runID, step: step.name, outputs: hashes)
    } catch {
      failures.add("cannot record the outputs of \(step.name): \(error)")
    }
  }
}
