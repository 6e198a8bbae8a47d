import Synchronization

/// The step cache backed by the run store: a step is reused when a successful earlier step
/// has the same fingerprint and its outputs are on disk unchanged or restorable from the
/// content-addressed cache. Says, for each step, why it ran or was reused. A store that cannot
/// be read makes the step run, and says so after the run.
package struct StoreStepCache: StepCache {
  package var store: RunStore
  package var workspace: any Workspace
  package var runID: Int
  /// `previous`, indexed once for every step's reason (`lr 0.01 -> 0.02`).
  private let baseline: ChangeReason.Baseline?
  /// Steps that must run whatever their fingerprint (`--from STEP`, `--force`).
  package var forced: Set<String>
  /// The run's secret values: an output that holds one is never copied into the cache.
  package var secrets: [String]
  /// Where the run's notes for the user go (an output not kept because it holds a secret).
  package var notes: RunNotes
  private let failures = Failures()

  /// Problems met while deciding or keeping outputs, shared by the copies of this value.
  private final class Failures: Sendable {
    private let list = Mutex<[String]>([])
    func add(_ problem: String) { list.withLock { $0.append(problem) } }
    var all: [String] { list.withLock { $0 } }
  }

  package var problems: [String] { failures.all }

  /// Marks a recorded folder output's hash (its files are recorded and cached one by one).
  static let folderMark = "dir:"
  /// Marks the hash of an output that holds a secret: recorded, never cached.
  static let secretMark = "secret:"

  package init(
    store: RunStore, workspace: any Workspace, runID: Int, previous: RunRecord?, forced: Set<String> = [],
    secrets: [String] = [], notes: RunNotes = RunNotes()
  ) {
    self.store = store
    self.workspace = workspace
    self.runID = runID
    self.baseline = previous.map(ChangeReason.Baseline.init)
    self.forced = forced
    self.secrets = secrets
    self.notes = notes
  }

  package func decide(_ step: PlannedStep, upstream: [String: StepRecord]) -> CacheDecision {
    let key: HashKey
    do { key = try store.secretKey() } catch {
      failures.add("cannot read the store's key: \(error)")
      return CacheDecision(fingerprint: nil, reason: "the store's key cannot be read")
    }
    let (fingerprint, _) = Fingerprint.compute(step, upstream: upstream, key: key, workspace: workspace)
    if forced.contains(step.name) { return CacheDecision(fingerprint: fingerprint, reason: "forced") }
    let earlier: (runID: Int, step: StepRecord)?
    do {
      earlier = try store.successfulStep(fingerprint: fingerprint)
    } catch {
      failures.add("cannot look up earlier results of \(step.name): \(error)")
      return CacheDecision(fingerprint: fingerprint, reason: "earlier results cannot be read")
    }
    guard let (earlierRun, record) = earlier else {
      // The reason is worked out only for a step that runs: a reused step has its own.
      let why = ChangeReason.text(for: step, upstream: upstream, baseline: baseline) { clear in
        try? store.secretFingerprint(of: Secret(clear))
      }
      return CacheDecision(fingerprint: fingerprint, reason: why)
    }
    guard let restored = restoreOutputs(of: step, from: earlierRun) else {
      let why =
        step.step.restoresOutputs
        ? "outputs missing from disk and cache"
        : "outputs changed since run \(earlierRun), which DVC makes again rather than restore (persist, cache: false, or no deps)"
      return CacheDecision(fingerprint: fingerprint, reason: why)
    }
    var reason = "unchanged since run \(earlierRun)"
    if !restored.isEmpty { reason += "; restored \(restored.joined(separator: ", ")) from the cache" }
    let result = StepRecord(
      name: step.name, state: .reused, reason: reason, exitCode: record.exitCode, fingerprint: fingerprint,
      metrics: record.metrics, reusedFromRun: earlierRun, epoch: step.epoch, command: record.command,
      folder: record.folder)
    return CacheDecision(fingerprint: fingerprint, reuse: result, reason: reason)
  }

  /// Checks each recorded output; restores changed or missing ones from the cache (a folder
  /// file by file). Returns the restored paths, or nil when an output can be neither found nor
  /// restored.
  private func restoreOutputs(of step: PlannedStep, from run: Int) -> [String]? {
    let recorded: RecordedOutputs
    do {
      recorded = RecordedOutputs(
        try store.outputs(runID: run, step: step.name), modes: try store.outputModes(runID: run, step: step.name))
    } catch {
      failures.add("cannot read the outputs recorded for \(step.name) in run \(run): \(error)")
      return nil
    }
    var restored: [String] = []
    for path in step.outputs {
      guard let hash = recorded.declared[path] else { return nil }
      let full = Fingerprint.absolute(path, in: step.workingDirectory)
      if hash.hasPrefix(Self.secretMark) {
        // Never cached: reused only while it is unchanged.
        guard Self.secretMark + workspace.contentHash(of: full) == hash else { return nil }
        continue
      }
      if hash.hasPrefix(Self.folderMark) {
        let contentHash = String(hash.dropFirst(Self.folderMark.count))
        if workspace.contentHash(of: full) == contentHash { continue }
        guard step.step.restoresOutputs else { return nil }
        // A folder recorded before its files were kept is reused only when unchanged.
        guard let files = recorded.folderFiles[path] else { return nil }
        do {
          guard
            try workspace.restoreFolder(
              full, files: files, modes: recorded.modes(inFolder: path), contentHash: contentHash)
          else { return nil }
        } catch {
          failures.add("cannot restore \(path) from the cache: \(error)")
          return nil
        }
        restored.append(path)
        continue
      }
      if workspace.contentHash(of: full) == hash { continue }
      guard step.step.restoresOutputs else { return nil }
      do {
        guard try workspace.restore(hash, to: full, mode: recorded.modes[path]) else { return nil }
      } catch {
        failures.add("cannot restore \(path) from the cache: \(error)")
        return nil
      }
      restored.append(path)
    }
    return restored
  }

  package func keepOutputs(of step: PlannedStep, result: StepRecord) {
    var hashes: [String: String] = [:]
    var modes: [String: Int] = [:]
    for path in step.outputs {
      let full = Fingerprint.absolute(path, in: step.workingDirectory)
      if workspace.isFolder(full) {
        hashes[path] = Self.folderMark + workspace.contentHash(of: full)
        let files = workspace.files(inFolder: full)
        if let held = files.first(where: { holdsSecret(full + "/" + $0) }) {
          notes.add(Self.notKept(path + "/" + held, of: step.name))
          continue
        }
        do {
          for (relative, hash) in try workspace.keepFolder(full, files: files) {
            hashes[path + "/" + relative] = hash
            modes[path + "/" + relative] = workspace.permissions(of: full + "/" + relative)
          }
        } catch {
          failures.add("cannot keep \(path) of \(step.name) in the cache: \(error)")
        }
        continue
      }
      if holdsSecret(full) {
        hashes[path] = Self.secretMark + workspace.contentHash(of: full)
        notes.add(Self.notKept(path, of: step.name))
        continue
      }
      do {
        hashes[path] = try workspace.keep(full)
        modes[path] = workspace.permissions(of: full)
      } catch {
        failures.add("cannot keep \(path) of \(step.name) in the cache: \(error)")
      }
    }
    guard !hashes.isEmpty else { return }
    do throws(StoreError) {
      try store.recordOutputs(runID: runID, step: step.name, outputs: hashes, modes: modes)
    } catch {
      failures.add("cannot record the outputs of \(step.name): \(error)")
    }
  }

  private func holdsSecret(_ path: String) -> Bool {
    workspace.exists(path) && SecretFileScan.holdsSecret(workspace.location(of: path), secrets: secrets)
  }

  private static func notKept(_ path: String, of step: String) -> String {
    "\(path) of \(step) holds a secret, so it is not kept in the cache: the step is reused only while it is unchanged"
  }
}
