import Glibc
import Synchronization

/// DVC's locks around the stages of one run, held where `dvc repro` holds them: the repository
/// lock from before a stage is looked at until its command starts, and again from its end while
/// it is recorded (`unlocked_repo` lets other DVC processes in while the command runs); the
/// stage's dependencies (read) and outputs (write) in `.dvc/tmp/rwlock` from before it is looked
/// at until it is recorded, also when it fails or the run is interrupted. A stage another live
/// process holds a path of does not run: DVC fails it at once with the message made here.
final class DVCStageLocks: Sendable {
  /// The paths a stage holds, and whether it holds the repository lock now.
  private struct Held {
    var read: [String]
    var write: [String]
    var holdsRepository: Bool
  }

  /// DVC's temporary folder, `<repository>/.dvc/tmp`, by its real path (DVC's paths start at
  /// `os.getcwd()`, which resolves links).
  let tmp: String
  /// The real path of the folder of `dvc.yaml`, which the stages' paths are made absolute from.
  let folder: String
  private let process: DVCProcessLocks
  private let held = Mutex<[String: Held]>([:])
  private let collectedNotes = Mutex<[String]>([])

  /// The locks of a run of the project in `folder`; nil when it is in no DVC repository, or
  /// (with a note in `skipped`) when the repository uses hard-link locks, which pipeshell does
  /// not take.
  init?(folder: String, process: DVCProcessLocks = .shared, skipped: inout String?) {
    guard let root = DVCCache.repositoryRoot(from: folder) else { return nil }
    let dvcFolder = (root == "/" ? "" : root) + "/.dvc"
    if DVCConfig.flag("core", "hardlink_lock", in: dvcFolder) {
      skipped =
        "core.hardlink_lock is true: pipeshell does not take DVC's hard-link locks, so a dvc repro "
        + "running at the same time is not kept out"
      return nil
    }
    self.tmp = Self.realPath(dvcFolder) + "/tmp"
    self.folder = Self.realPath(folder)
    self.process = process
  }

  private static func realPath(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return DVCPath.normalize(path) }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// DVC's warnings (holders of dead processes dropped) and what could not be given back.
  var notes: [String] { collectedNotes.withLock { $0 } }

  /// The absolute path DVC locks for a path relative to the folder of `dvc.yaml`.
  func absolute(_ projectPath: String) -> String {
    DVCPath.normalize(DVCPath.join(folder, projectPath))
  }

  /// Before a stage is looked at: takes the repository lock and the stage's paths. A message
  /// (DVC's) when another process holds them; the stage must not run then.
  func begin(_ step: String, read: [String], write: [String]) -> String? {
    end(step)
    do {
      try process.holdRepository(in: tmp)
    } catch {
      return error.description
    }
    do {
      let stale = try process.take(read: read, write: write, in: tmp)
      let cwd = PosixFiles.workingFolder()
      collectedNotes.withLock { $0 += stale.map { $0.warning(workingFolder: cwd) } }
    } catch {
      process.releaseRepository(in: tmp)
      return error.description
    }
    held.withLock { $0[step] = Held(read: read, write: write, holdsRepository: true) }
    return nil
  }

  /// Just before the stage's command runs: lets other DVC processes take the repository lock.
  func commandStarts(_ step: String) {
    let release = held.withLock { all -> Bool in
      guard all[step]?.holdsRepository == true else { return false }
      all[step]?.holdsRepository = false
      return true
    }
    if release { process.releaseRepository(in: tmp) }
  }

  /// After the stage ended: takes the repository lock back and runs `record` under it (a message
  /// instead when DVC keeps it), then gives back the stage's paths and the repository lock.
  func finish(_ step: String, record: () -> Void) -> String? {
    guard let stage = held.withLock({ $0[step] }) else {
      record()
      return nil
    }
    var problem: String?
    if !stage.holdsRepository {
      do {
        try process.holdRepository(in: tmp)
        held.withLock { $0[step]?.holdsRepository = true }
      } catch {
        problem = error.description
      }
    }
    if problem == nil { record() }
    end(step)
    return problem
  }

  /// Gives back whatever the stage still holds.
  func end(_ step: String) {
    guard let stage = held.withLock({ $0.removeValue(forKey: step) }) else { return }
    do {
      try process.give(read: stage.read, write: stage.write, in: tmp)
    } catch {
      collectedNotes.withLock { $0.append("DVC's stage lock of '\(step)' could not be given back: \(error)") }
    }
    if stage.holdsRepository { process.releaseRepository(in: tmp) }
  }

  /// When the run ends, however it ends: gives back every stage's locks.
  func endAll() {
    for step in held.withLock({ Array($0.keys) }) { end(step) }
  }
}
