import Synchronization

/// One run of a DVC project, around each stage: before it, the run's values are written into the
/// params files (`ParamsFileStaging`); a stage whose `dvc.lock` entry matches the files is reused;
/// outputs are deleted before a stage runs unless `persist: true`; after a stage succeeds (or is
/// reused from the run store) its outputs go into DVC's cache and its entry into `dvc.lock` as
/// `dvc repro` writes them, and `.gitignore` gets DVC's entries; then the params files are put back.
/// Where `dvc repro` fails a stage because it cannot hash or record it, so does pipeshell, at the
/// same moment (before the command or after it), and nothing is recorded for it.
/// Around each stage DVC's locks are held as `dvc repro` holds them (`DVCStageLocks`), so a
/// `dvc repro` and a pipeshell run of one project never run a stage at the same time.
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
    /// Steps whose dependencies and outputs `reuse` just hashed as DVC does, without a problem.
    var hashedByStatus: Set<String> = []
    /// Stages whose outputs came back from DVC's cache: recorded as stages that ran, as DVC
    /// records them.
    var restoredFromCache: Set<String> = []
    /// Stages whose entries this run added to `dvc.lock`, with their places in DVC's order.
    var addedToLock: [(name: String, place: Int)] = []
    /// `.gitignore` entries this run added; taken out again when a stage fails, as a failed
    /// `dvc repro` takes its own out (`SCMContext`, which an interrupt does not reach).
    var ignoredThisRun: [DVCGitIgnore.Added] = []
    /// Files this run changed that git may want to know of (`dvc.lock`, `.gitignore` files).
    var changedForGit: Set<String> = []
    var aStageFailed = false
    var notes: [String] = []
  }

  let support: DVCRunSupport
  let context: RunHookContext
  /// DVC's locks (`.dvc/tmp`), held around each stage as `dvc repro` holds them; nil in an
  /// isolated copy (the project's files are not touched) or outside a DVC repository.
  let locks: DVCStageLocks?
  /// The `.dvc` files made by `dvc add` that the stages depend on, reproduced as `dvc repro`
  /// reproduces them; nil in an isolated copy or outside a DVC repository.
  let dataSources: DVCDataSources?
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
    var skipped: String?
    locks = context.isolated ? nil : DVCStageLocks(folder: support.folder, skipped: &skipped)
    if let skipped { initial.notes.append(skipped) }
    dataSources =
      context.isolated
      ? nil
      : DVCCache.repositoryRoot(from: support.folder).map {
        DVCDataSources(folder: support.folder, repositoryRoot: $0, cache: DVCCache.inRepository($0))
      }
    // The run holds the folder: what a killed shell's run left changed is put back first.
    if let journal {
      let (restored, notes) = journal.recover()
      initial.notes += restored.map { "put back \($0) as it was before a run whose shell was killed" } + notes
    }
    state = Mutex(initial)
  }

  var notes: [String] { (locks?.notes ?? []) + (dataSources?.notes ?? []) + state.withLock { $0.notes } }

  func use(_ snapshot: Snapshot, forEpoch epoch: Int) {
    state.withLock { $0.snapshots[epoch] = snapshot }
  }

  func prepare(_ step: PlannedStep) -> String? {
    guard let index = stages[step.name] else { return nil }
    if let problem = takeLocks(for: step, stage: support.project.stages[index]) { return problem }
    if let problem = reproduceDataSources(for: step, stage: support.project.stages[index]) { return problem }
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
        support.project.stages[index], step: step, layout: support.commandLayouts[step.name], root: support.root)
      bookkeeping.paramsFiles = s.staging.currentFiles()
      // Hashed once: what the status found serves the restore's test of the lock entry too.
      var status: DVCStageStatus?
      if bookkeeping.lock?.stage(step.name) != nil {
        status = try? bookkeeping.status(of: stage)
        if let status {
          if status.isUpToDate {
            s.reusedFromLock.insert(step.name)
            return StepRecord(name: step.name, state: .reused, reason: "up to date in dvc.lock", epoch: step.epoch)
          }
          s.hashedByStatus.insert(step.name)
        }
      }
      return restoreFromCache(step, stage: stage, status: status, bookkeeping: bookkeeping, in: &s)
    }
  }

  /// A stage `dvc repro` would restore from DVC's cache rather than run ("Stage 'x' is cached -
  /// skipping run, checking out outputs"): its outputs are checked out, and it is then recorded
  /// as one that ran (`dvc.lock`, the run cache), as DVC records it.
  private func restoreFromCache(
    _ step: PlannedStep, stage: DVCStage, status: DVCStageStatus?, bookkeeping: DVCBookkeeping, in s: inout State
  ) -> StepRecord? {
    let (restored, notes) = bookkeeping.restoreFromCache(stage, status: status)
    s.notes += notes
    guard let restored else { return nil }
    s.restoredFromCache.insert(step.name)
    s.hashedByStatus.remove(step.name)
    let from = restored.source == .lock ? "as dvc.lock records it" : "from DVC's run cache"
    let reason = "cached by DVC: restored \(restored.outputs.joined(separator: ", ")) \(from)"
    return StepRecord(name: step.name, state: .reused, reason: reason, epoch: step.epoch)
  }

  func willRun(_ step: PlannedStep) -> String? {
    guard let index = stages[step.name] else { return nil }
    let checks = reproChecks(for: step, stage: support.project.stages[index])
    var hashed = Set<String>()
    if let checks {
      switch checks.beforeDeleting() {
      case .success(let deps): hashed = deps
      case .failure(let failure): return failure.message
      }
    }
    // DVC deletes a stage's outputs before running it, except those marked `persist: true`,
    // which it unprotects when it caches them (makes private copies of what it linked to its
    // cache) and leaves alone otherwise.
    let fileMode = DVCCache.repositoryRoot(from: support.folder).map {
      DVCCheckout.fileMode(inDVCFolder: $0 == "/" ? "/.dvc" : $0 + "/.dvc")
    }
    for (position, out) in support.project.stages[index].outs.enumerated() {
      guard position < step.outputs.count else { continue }
      let path = context.workspace.location(of: Fingerprint.absolute(step.outputs[position], in: step.workingDirectory))
      do {
        if !out.persist {
          try FolderRemoval.remove(path)
        } else if out.cache, let fileMode {
          try DVCUnprotect.unprotect(path, fileMode: fileMode)
        }
      } catch {
        let what = out.persist ? "unprotect (copy out of DVC's cache)" : "delete"
        return "cannot \(what) its output '\(step.outputs[position])' before running (as DVC does): \(error)"
      }
    }
    if let problem = checks?.afterDeleting(hashed: hashed) { return problem }
    locks?.commandStarts(step.name)
    return nil
  }

  /// What `dvc repro` hashes before running the stage; nil when nothing is recorded where DVC
  /// looks (an isolated run, no DVC repository) or `reuse` has just hashed all of it.
  private func reproChecks(for step: PlannedStep, stage: DVCStage) -> DVCReproChecks? {
    guard !context.isolated else { return nil }
    return state.withLock { s -> DVCReproChecks? in
      if s.hashedByStatus.remove(step.name) != nil { return nil }
      guard let bookkeeping = bookkeeping(&s) else { return nil }
      let checker = bookkeeping.checker(paramsFiles: s.staging.currentFiles())
      return DVCReproChecks(
        checker: checker,
        stage: DVCStageAsRun.make(stage, step: step, layout: support.commandLayouts[step.name], root: support.root),
        lock: bookkeeping.lock?.stage(step.name))
    }
  }

  func record(_ step: PlannedStep, result: StepRecord) -> String? {
    guard !context.isolated, let index = stages[step.name] else { return nil }
    let recordNow = { () -> String? in
      self.state.withLock { s -> String? in
        let problem =
          s.reusedFromLock.contains(step.name)
          ? nil
          : self.record(
            step, stage: self.support.project.stages[index],
            reused: result.state == .reused && !s.restoredFromCache.contains(step.name), in: &s)
        // The params files are put back while DVC's locks still name them as read.
        s.notes += s.staging.release(step.name)
        return problem
      }
    }
    guard let locks else { return recordNow() }
    // dvc.lock and DVC's cache are written under the repository lock, as `dvc repro` writes them;
    // DVC fails the stage when it cannot take that lock back.
    var problem: String?
    if let locked = locks.finish(step.name, record: { problem = recordNow() }) {
      return "dvc repro fails this stage after running it, recording nothing: \(locked)"
    }
    return problem
  }

  func finished(_ step: PlannedStep, record: StepRecord) {
    guard stages[step.name] != nil else { return }
    state.withLock { s in
      s.notes += s.staging.release(step.name)
      if record.state.isFailure { s.aStageFailed = true }
    }
    locks?.end(step.name)  // a stage that failed, or was refused, still holds its locks
  }

  func runEnded() {
    locks?.endAll()
    state.withLock { s in
      s.notes += s.staging.releaseAll()
      if s.aStageFailed { s.notes += s.ignoredThisRun.compactMap(DVCGitIgnore.remove) }
      if !s.aStageFailed, let launcher = context.launcher, let folder = s.bookkeeping?.folder {
        let git = DVCGitIgnore(root: folder, launcher: launcher, environment: context.environment)
        let changed = s.changedForGit.union(dataSources?.rewrittenFiles ?? [])
        if let note = git.stageOrRemind(Array(changed)) { s.notes.append(note) }
      }
      s.ignoredThisRun = []
      s.changedForGit = []
    }
  }

  /// `dvc repro` stops at the first stage that fails, unless `-k` (`--keep-going`): then it
  /// skips only the stages that depend on the failed one.
  var stopsAtFirstFailure: Bool { !context.keepsGoing }

  /// A frozen stage, as `dvc repro` treats it (`Stage.reproduce`, `Stage.run`): nothing to do when
  /// `dvc.lock` says it is up to date (its dependencies are not looked at); otherwise its command
  /// does not run, but its outputs must be there ("Verifying outputs in frozen stage"), and its
  /// dependencies too, and then they go into DVC's cache and its entry into `dvc.lock`, the
  /// dependencies' hashes included, as after a run.
  func verify(_ step: PlannedStep) -> Verification {
    let frozen = "frozen: true (dvc.yaml)"
    guard let index = stages[step.name] else { return .verified(frozen) }
    let stage = support.project.stages[index]
    let ran = DVCStageAsRun.make(stage, step: step, layout: support.commandLayouts[step.name], root: support.root)
    return state.withLock { s -> Verification in
      if !context.isolated, let bookkeeping = bookkeeping(&s), let entry = bookkeeping.lock?.stage(step.name) {
        let checker = bookkeeping.checker(paramsFiles: s.staging.currentFiles())
        if let status = try? checker.status(of: ran, lock: entry), status.isUpToDate {
          return .verified(frozen + ", up to date in dvc.lock")
        }
      }
      if let missing = missingPaths(of: step, in: ran) { return .failed(missing) }
      if context.isolated || bookkeeping(&s) == nil { return .verified(frozen + ", outputs verified") }
      if let problem = record(step, stage: stage, reused: false, in: &s) { return .failed(problem) }
      return .verified(frozen + ", outputs verified and recorded in dvc.lock")
    }
  }

  /// DVC's message for the first of a frozen stage's paths that is missing: its outputs
  /// (`MissingDataSource`), then its dependencies (`DependencyDoesNotExistError`).
  private func missingPaths(of step: PlannedStep, in stage: DVCStage) -> String? {
    func exists(_ path: String) -> Bool {
      PosixFiles.exists(context.workspace.location(of: Fingerprint.absolute(path, in: step.workingDirectory)))
    }
    let outs = stage.outs.indices.filter { $0 < step.outputs.count && !exists(step.outputs[$0]) }
    if !outs.isEmpty {
      let names = outs.map { stage.projectPath(stage.outs[$0].path.path) }
      return "missing data 'source\(names.count > 1 ? "s" : "")': \(names.joined(separator: ", "))"
    }
    let deps = stage.localDeps
    if let dep = deps.indices.first(where: { $0 < step.inputs.count && !exists(step.inputs[$0]) }) {
      return "dependency '\(stage.projectPath(deps[dep].path))' does not exist"
    }
    return nil
  }

  /// Adds the stage's outputs to DVC's cache, its entry to `dvc.lock` and its outputs to
  /// `.gitignore`, from the files as the stage left them and the values it ran with; why DVC
  /// fails the stage instead, with nothing written. A stage restored from the run store whose
  /// `dvc.lock` entry still matches is left as it is, as `dvc repro` leaves a stage that did not
  /// change (a changed exec bit is no change to DVC).
  private func record(_ step: PlannedStep, stage: DVCStage, reused: Bool, in s: inout State) -> String? {
    guard var bookkeeping = bookkeeping(&s) else { return nil }
    let ran = DVCStageAsRun.make(stage, step: step, layout: support.commandLayouts[step.name], root: support.root)
    bookkeeping.paramsFiles = s.staging.currentFiles()
    let when = reused ? "after restoring its outputs" : "after running it"
    if reused {
      let checker = bookkeeping.checker
      do {
        if try !checker.changed(ran, lock: bookkeeping.lock?.stage(step.name)).changed { return nil }
      } catch {
        return "dvc repro fails this stage \(when): \(error)"
      }
    }
    let ignore = context.launcher.map {
      DVCGitIgnore(root: bookkeeping.folder, launcher: $0, environment: context.environment)
    }
    let cached = ran.outs.filter(\.cache).map { ran.projectPath($0.path.path) }
    let entries: [(name: String, entry: DVCValue)]
    do {
      // Everything DVC checks comes first (`Stage.save`), so a refused stage leaves nothing.
      entries = try bookkeeping.lockEntries(for: [ran])
      if let problem = ignore?.trackedOutputProblem(cached) { return problem }
      try bookkeeping.commit(ran)
      // `dvc repro` adds new entries in the order it runs stages; steps running at once end in
      // any order, so a new entry goes before those this run added for later stages.
      let isNew = bookkeeping.lock?.stage(step.name) == nil
      let place = places[step.name] ?? Int.max
      let before = isNew ? s.addedToLock.filter { $0.place > place }.min { $0.place < $1.place }?.name : nil
      if try bookkeeping.writeLock(entries, newBefore: before) { s.changedForGit.insert(bookkeeping.lockPath) }
      if isNew { s.addedToLock.append((step.name, place)) }
    } catch {
      return "dvc repro fails this stage \(when), recording nothing: \(error)"
    }
    // As `Stage.save` after a run or a restore: the entry goes into DVC's run cache.
    for (_, entry) in entries {
      do { s.notes += try bookkeeping.saveRunCache(of: ran, entry: entry) } catch {
        s.notes.append("stage '\(step.name)' was not saved in DVC's run cache: \(error)")
      }
    }
    s.bookkeeping?.lock = bookkeeping.lock
    for path in cached {
      guard let (added, note) = ignore?.ignore(DVCPath.normalize(support.folder + "/" + path)) else { continue }
      if let note { s.notes.append(note) }
      if let added {
        s.ignoredThisRun.append(added)
        s.changedForGit.insert(added.file)
      }
    }
    return nil
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
      if let launcher = context.launcher {
        s.bookkeeping?.urls = DVCURLInfoSource(
          launcher: launcher, environment: context.environment, folder: support.folder)
      }
    } catch {
      s.notes.append(
        "dvc.lock cannot be read, so it is not updated: \(error.diagnostics.first?.description ?? "\(error)")")
    }
    return s.bookkeeping
  }
}
