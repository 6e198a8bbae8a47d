#if canImport(Glibc)
  import Glibc
#endif

/// DVC's bookkeeping for a loaded project, so that DVC agrees with what pipeshell ran: the
/// status of each stage as `dvc status` reports it, `dvc.lock` entries as `dvc repro` writes
/// them, and outputs added to DVC's cache as `dvc commit` adds them.
package struct DVCBookkeeping: Sendable {
  package var project: DVCProject
  /// The absolute path of the folder of `dvc.yaml`.
  package var folder: String
  package var cache: DVCCache?
  /// The DVC repository's root, where the `.dvcignore` files that apply start.
  package var repositoryRoot: String?
  /// `dvc.lock` as read, or nil when there is none.
  package var lock: DVCLockFile?
  /// The params files as they are now, by path relative to `folder`.
  package var paramsFiles: [String: ParamsFile]
  /// Asks for URL dependencies' ETags (set by a run; nil: a URL counts as changed).
  package var urls: DVCURLInfoSource?

  /// The lock file's path: `dvc.yaml`'s name with `.lock` (`dvc.lock`).
  package var lockPath: String {
    folder + "/" + DVCLockFile.name(for: project.file.split(separator: "/").last.map(String.init) ?? "dvc.yaml")
  }

  /// Reads `dvc.lock` (when there is one) and finds DVC's cache.
  package init(project: DVCProject, folder: String) throws(DiagnosticError) {
    self.project = project
    self.folder = DVCPath.normalize(folder)
    self.repositoryRoot = DVCCache.repositoryRoot(from: folder)
    self.cache = repositoryRoot.map(DVCCache.inRepository)
    self.paramsFiles = Dictionary(project.paramsFiles.map { ($0.path, $0) }, uniquingKeysWith: { _, last in last })
    self.lock = nil
    let path = lockPath
    guard access(path, F_OK) == 0 else { return }
    let text = try LocalDVCFiles(root: self.folder).text(of: path, at: nil)
    lock = try DVCLockFile.parse(text, file: String(path.dropFirst(self.folder.count + 1)))
  }

  /// Compares stages with their records, asking for URLs' ETags with `urls`.
  package var checker: DVCStatusChecker { checker(paramsFiles: paramsFiles) }

  /// The same with the params files as given (those a run's stages see).
  package func checker(paramsFiles: [String: ParamsFile]) -> DVCStatusChecker {
    DVCStatusChecker(
      folder: folder, cache: cache, paramsFiles: paramsFiles, repositoryRoot: repositoryRoot, urls: urls)
  }

  /// The stage's status, as `dvc status` reports it.
  package func status(of stage: DVCStage) throws(DVCHashingError) -> DVCStageStatus {
    try checker.status(of: stage, lock: lock?.stage(stage.name))
  }

  /// Whether `dvc repro` would run the stage: its status shows a change and it is not frozen.
  package func needsRun(_ stage: DVCStage) throws(DVCHashingError) -> Bool {
    if stage.frozen { return false }
    return try !status(of: stage).isUpToDate
  }

  /// The `dvc.lock` entry of a stage that just ran.
  package func lockEntry(for stage: DVCStage) throws(DVCLockWriter.Problem) -> DVCValue {
    try DVCLockWriter.entry(for: stage, paramsFiles: paramsFiles, url: { urls?.info(of: $0) }) {
      (path) throws(DVCHashingError) in
      try DVCHashing.hash(path: absolute(path), repositoryRoot: repositoryRoot)
    }
  }

  /// Writes `dvc.lock` with the entries of `stages` (in the order given, the order they ran),
  /// keeping the other entries (see `writeLock`); returns the entries written.
  @discardableResult
  package mutating func recordRun(of stages: [DVCStage], newBefore: String? = nil) throws(DVCCommitProblem)
    -> [(name: String, entry: DVCValue)]
  {
    let entries = try lockEntries(for: stages)
    try writeLock(entries, newBefore: newBefore)
    return entries
  }

  /// The `dvc.lock` entries of stages that ran, from the files as they are now; DVC fails a
  /// stage whose entry cannot be made (an output missing, a folder it cannot hash).
  package func lockEntries(for stages: [DVCStage]) throws(DVCCommitProblem) -> [(name: String, entry: DVCValue)] {
    var entries: [(name: String, entry: DVCValue)] = []
    for stage in stages {
      do {
        entries.append((stage.name, try lockEntry(for: stage)))
      } catch {
        throw .lock(error)
      }
    }
    return entries
  }

  /// Writes `dvc.lock` with `entries`, keeping the other entries, through a temporary file
  /// renamed into place. A new entry goes at the end, or before the entry of `newBefore`. True
  /// when the file's text changed (DVC then tells git of it).
  @discardableResult
  package mutating func writeLock(_ entries: [(name: String, entry: DVCValue)], newBefore: String? = nil)
    throws(DVCCommitProblem) -> Bool
  {
    let text = DVCLockWriter.updated(lock, with: entries, newBefore: newBefore)
    let changed = text != lock?.text
    do {
      try PosixFiles.writeAtomically(Array(text.utf8), to: lockPath, mode: 0o644)
      lock = try DVCLockFile.parse(text, file: "dvc.lock")
      return changed
    } catch let error as FileError {
      throw .file(error)
    } catch {
      throw .file(FileError(.write, path: lockPath, code: EIO))
    }
  }

  func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : DVCPath.normalize(folder + "/" + path)
  }
}

/// Why pipeshell could not record a run where DVC looks.
package enum DVCCommitProblem: Error, Sendable, CustomStringConvertible {
  case noCache
  case hashing(DVCHashingError)
  case file(FileError)
  case lock(DVCLockWriter.Problem)

  package var description: String {
    switch self {
    case .noCache: return "no DVC cache: the project has no .dvc folder (run 'dvc init')"
    case .hashing(let error): return error.description
    case .file(let error): return error.description
    case .lock(let problem): return problem.description
    }
  }
}
