import Synchronization

/// One run of a DVC project, around each stage: before it, the run's values are written into the
/// params files (`ParamsFileStaging`); a stage whose `dvc.lock` entry matches the files is reused;
/// outputs are deleted before a stage runs unless `persist: true`; after a stage succeeds (or is
/// reused from the run store) its outputs go into DVC's cache and its entry into `dvc.lock` as
/// `dvc repro` writes them, and `.gitignore` gets DVC's entries; then the params files are put back.
///
/// A run in an isolated copy writes its values into the copy and records nothing where DVC looks
/// (the project's outputs are not the ones it made).
final class DVCRunHooks: RunHooks {
  private struct State {
    var snapshots: [Int: Snapshot] = [:]
    var staging: ParamsFileStaging
    /// `dvc.lock` and DVC's cache, read when first needed (nil when the folder is no DVC
    /// repository, or dvc.lock cannot be read: nothing is recorded then).
    var bookkeeping: DVCBookkeeping?
    var bookkeepingRead = false
    /// Steps reused because `dvc.lock` says DVC ran them as they are (nothing to record).
    var reusedFromLock: Set<String> = []
    /// Stages whose entries this run added to `dvc.lock`, with their places in DVC's order.
    var addedToLock: [(name: String, place: Int)] = []
    var notes: [String] = []
  }

  let support: DVCRunSupport
  let context: RunHookContext
  /// Stage positions by step name.
  private let stages: [String: Int]
  /// Each stage's place in the order `dvc repro` runs them, by step name.
  private let places: [String: Int]
  private let state: Mutex<State>

  init(support: DVCRunSupport, context: RunHookContext) {
    self.support = support
    self.context = context
    var stages: [String: Int] = [:]
    stages.reserveCapacity(support.project.stages.count)
    for (index, stage) in support.project.stages.enumerated() { stages[stage.name] = index }
    self.stages = stages
    var places: [String: Int] = [:]
    places.reserveCapacity(stages.count)
    for (place, index) in support.project.order.enumerated() { places[support.project.stages[index].name] = place }
    self.places = places
    let journal = context.isolated ? nil : RestoreJournal(storeFolder: context.storeFolder)
    var initial = State(staging: ParamsFileStaging(support: support, workspace: context.workspace, journal: journal))
    // The run holds the folder: what a killed shell's run left changed is put back first.
    if let journal {
      let (restored, notes) = journal.recover()
      initial.notes += restored.map { "put back \($0) as it was before a run whose shell was killed" } + notes
    }
    state = Mutex(initial)
  }

  var notes: [String] { state.withLock { $0.notes } }

  func use(_ snapshot: Snapshot, forEpoch epoch: Int) {
    state.withLock { $0.snapshots[epoch] = snapshot }
  }

  func prepare(_ step: PlannedStep) -> String? {
    guard let index = stages[step.name] else { return nil }
    return state.withLock { s -> String? in
      if let missing = Self.missingParams(of: support.project.stages[index], in: s.staging.currentFiles()) {
        return missing
      }
      guard let snapshot = s.snapshots[step.epoch] ?? s.snapshots.max(by: { $0.key < $1.key })?.value else {
        return nil
      }
      return s.staging.stage(for: step.name, snapshot: snapshot, epoch: step.epoch)
    }
  }

  /// DVC refuses to run a stage whose `params:` name a key its params file does not hold
  /// (`MissingParamsError`, before the command runs), and so does pipeshell. A file that is not
  /// there yet may be an earlier stage's output: DVC looks at it only once that stage ran.
  private static func missingParams(of stage: DVCStage, in files: [String: ParamsFile]) -> String? {
    do {
      _ = try DVCLockWriter.paramsValues(stage, paramsFiles: files)
    } catch {
      if case .missingParams(_, let file) = error, files[file] != nil { return error.description }
    }
    return nil
  }

  func reuse(_ step: PlannedStep) -> StepRecord? {
    guard !context.isolated, !context.forced.contains(step.name), let index = stages[step.name] else { return nil }
    return state.withLock { s -> StepRecord? in
      guard var bookkeeping = bookkeeping(&s) else { return nil }
      let stage = DVCStageAsRun.make(
        support.project.stages[index], step: step, layout: support.commandLayouts[step.name])
      bookkeeping.paramsFiles = s.staging.currentFiles()
      if bookkeeping.lock?.stage(step.name) != nil, let status = try? bookkeeping.status(of: stage),
        status.isUpToDate
      {
        s.reusedFromLock.insert(step.name)
        return StepRecord(name: step.name, state: .reused, reason: "up to date in dvc.lock", epoch: step.epoch)
      }
      return restoreFromCache(step, stage: stage, bookkeeping: bookkeeping, in: &s)
    }
  }

  /// A stage `dvc repro` would restore from DVC's cache rather than run ("Stage 'x' is cached -
  /// skipping run, checking out outputs"): its outputs are checked out, and it is then recorded
  /// as one that ran (`dvc.lock`, the run cache), as DVC records it.
  private func restoreFromCache(
    _ step: PlannedStep, stage: DVCStage, bookkeeping: DVCBookkeeping, in s: inout State
  ) -> StepRecord? {
    let (restored, notes) = bookkeeping.restoreFromCache(stage)
    s.notes += notes
    guard let restored else { return nil }
    let from = restored.source == .lock ? "as dvc.lock records it" : "from DVC's run cache"
    let reason = "cached by DVC: restored \(restored.outputs.joined(separator: ", ")) \(from)"
    return StepRecord(name: step.name, state: .reused, reason: reason, epoch: step.epoch)
  }

  func willRun(_ step: PlannedStep) -> String? {
    guard let index = stages[step.name] else { return nil }
    // DVC deletes a stage's outputs before running it, except those marked `persist: true`,
    // which it unprotects (makes private copies of what it linked to its cache).
    for (position, out) in support.project.stages[index].outs.enumerated() {
      guard position < step.outputs.count else { continue }
      let path = context.workspace.location(of: Fingerprint.absolute(step.outputs[position], in: step.workingDirectory))
      do {
        if out.persist { try DVCUnprotect.unprotect(path) } else { try FolderRemoval.remove(path) }
      } catch {
        let what = out.persist ? "unprotect (copy out of DVC's cache)" : "delete"
        return "cannot \(what) its output '\(step.outputs[position])' before running (as DVC does): \(error)"
      }
    }
    return nil
  }

  func finished(_ step: PlannedStep, record: StepRecord) {
    guard let index = stages[step.name] else { return }
    state.withLock { s in
      if !context.isolated, record.state == .ok || record.state == .reused, !s.reusedFromLock.contains(step.name) {
        self.record(step, stage: support.project.stages[index], in: &s)
      }
      s.notes += s.staging.release(step.name)
    }
  }

  func runEnded() {
    state.withLock { s in s.notes += s.staging.releaseAll() }
  }

  /// Adds the stage's outputs to DVC's cache, its entry to `dvc.lock` and its outputs to
  /// `.gitignore`, from the files as the stage left them and the values it ran with.
  private func record(_ step: PlannedStep, stage: DVCStage, in s: inout State) {
    guard var bookkeeping = bookkeeping(&s) else { return }
    let ran = DVCStageAsRun.make(stage, step: step, layout: support.commandLayouts[step.name])
    bookkeeping.paramsFiles = s.staging.currentFiles()
    let written: [(name: String, entry: DVCValue)]
    do {
      try bookkeeping.commit(ran)
      // `dvc repro` adds new entries in the order it runs stages; steps running at once end in
      // any order, so a new entry goes before those this run added for later stages.
      let isNew = bookkeeping.lock?.stage(step.name) == nil
      let place = places[step.name] ?? Int.max
      let before = isNew ? s.addedToLock.filter { $0.place > place }.min { $0.place < $1.place }?.name : nil
      written = try bookkeeping.recordRun(of: [ran], newBefore: before)
      if isNew { s.addedToLock.append((step.name, place)) }
    } catch {
      s.notes.append("dvc.lock was not updated for stage '\(step.name)': \(error)")
      return
    }
    // As `Stage.save` after a run or a restore: the entry goes into DVC's run cache.
    for (_, entry) in written {
      do { s.notes += try bookkeeping.saveRunCache(of: ran, entry: entry) } catch {
        s.notes.append("stage '\(step.name)' was not saved in DVC's run cache: \(error)")
      }
    }
    s.bookkeeping?.lock = bookkeeping.lock
    if let launcher = context.launcher {
      let ignore = DVCGitIgnore(root: bookkeeping.folder, launcher: launcher, environment: context.environment)
      for out in ran.outs where out.cache {
        if let note = ignore.ignore(DVCPath.normalize(support.folder + "/" + ran.projectPath(out.path.path))) {
          s.notes.append(note)
        }
      }
    }
  }

  /// The project's bookkeeping, read once; nil (with a note) when there is none to keep.
  private func bookkeeping(_ s: inout State) -> DVCBookkeeping? {
    if s.bookkeepingRead { return s.bookkeeping }
    s.bookkeepingRead = true
    guard DVCCache.locate(from: support.folder) != nil else {
      s.notes.append(
        "\(support.folder) is not in a DVC repository (no .dvc folder): dvc.lock and DVC's cache are not written")
      return nil
    }
    do {
      s.bookkeeping = try DVCBookkeeping(project: support.project, folder: support.folder)
    } catch {
      s.notes.append(
        "dvc.lock cannot be read, so it is not updated: \(error.diagnostics.first?.description ?? "\(error)")")
    }
    return s.bookkeeping
  }
}
