import Glibc
import Synchronization

/// DVC's locks as this process holds them, per DVC temporary folder. A `flock` belongs to one
/// open file, and DVC's table has one holder per process (pid and command), so stages running
/// at once in this process share them: the repository lock is taken by the first stage that
/// needs it and dropped by the last, and a path stays in the table while any stage holds it.
package final class DVCProcessLocks: Sendable {
  package static let shared = DVCProcessLocks()

  private struct Folder {
    var repository: DVCFileLock?
    var repositoryHolds = 0
    var reads: [String: Int] = [:]
    var writes: [String: Int] = [:]
  }

  /// This process as the table names it: its pid and its command line (DVC writes
  /// `" ".join(sys.argv)`), the line cut at `maximumCommandLength`.
  package let holder: DVCRWLockTable.Holder
  package static let maximumCommandLength = 4096
  private let folders = Mutex<[String: Folder]>([:])

  package init(holder: DVCRWLockTable.Holder? = nil) {
    self.holder = holder ?? Self.thisProcess()
  }

  private static func thisProcess() -> DVCRWLockTable.Holder {
    var command = CommandLine.arguments.joined(separator: " ")
    if command.count > maximumCommandLength { command = String(command.prefix(maximumCommandLength)) + "..." }
    return DVCRWLockTable.Holder(pid: Int(getpid()), cmd: command)
  }

  /// Takes the repository lock (`<tmp>/lock`) unless a stage of this process holds it already.
  package func holdRepository(in tmp: String) throws(DVCLockingProblem) {
    let result = folders.withLock { all -> Result<Void, DVCLockingProblem> in
      var folder = all[tmp] ?? Folder()
      if folder.repository == nil {
        do {
          try PosixFiles.makeFolders(tmp)
          Self.markBirthTime(in: tmp)
          folder.repository = try DVCFileLock.acquire(tmp + "/lock")
        } catch let error as FileError {
          return .failure(.file(error))
        } catch let error as DVCFileLock.Problem {
          return .failure(.lock(error))
        } catch {
          return .failure(.file(FileError(.lock, path: tmp + "/lock", code: EIO)))
        }
      }
      folder.repositoryHolds += 1
      all[tmp] = folder
      return .success(())
    }
    try result.get()
  }

  /// DVC creates an empty `btime` in its temporary folder whenever it opens the repository (its
  /// time names DVC's site cache folder); pipeshell leaves the folder as a `dvc repro` would.
  private static func markBirthTime(in tmp: String) {
    let fd = open(tmp + "/btime", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
    if fd >= 0 { close(fd) }
  }

  /// Gives back one hold of the repository lock; the last drops it.
  package func releaseRepository(in tmp: String) {
    folders.withLock { all in
      guard var folder = all[tmp], folder.repositoryHolds > 0 else { return }
      folder.repositoryHolds -= 1
      if folder.repositoryHolds == 0 {
        folder.repository?.release()
        folder.repository = nil
      }
      all[tmp] = folder
    }
  }

  /// Adds `read` and `write` to the table in `tmp` for this process, as `dvc repro` does for a
  /// stage; returns the holders of dead processes dropped on the way.
  package func take(
    read: [String], write: [String], in tmp: String, isAlive: @escaping (Int) -> Bool = DVCProcessLiveness.isAlive
  ) throws(DVCLockingProblem) -> [DVCRWLockTable.StaleHolder] {
    let holder = holder
    let result = folders.withLock { all -> Result<[DVCRWLockTable.StaleHolder], DVCLockingProblem> in
      let file = DVCRWLockFile(folder: tmp)
      let edited = file.edit { table -> Result<[DVCRWLockTable.StaleHolder], DVCLockingProblem> in
        switch table.acquire(read: read, write: write, as: holder, file: file.path, isAlive: isAlive) {
        case .success(let taken): return .success(taken.stale)
        case .failure(let busy): return .failure(.busy(busy))
        }
      }
      if case .success = edited {
        var folder = all[tmp] ?? Folder()
        for path in Set(read) { folder.reads[path, default: 0] += 1 }
        for path in Set(write) { folder.writes[path, default: 0] += 1 }
        all[tmp] = folder
      }
      return edited
    }
    return try result.get()
  }

  /// Gives back what `take` added; a path leaves the table once no stage of this process holds it.
  package func give(read: [String], write: [String], in tmp: String) throws(DVCLockingProblem) {
    let holder = holder
    let result = folders.withLock { all -> Result<Void, DVCLockingProblem> in
      guard var folder = all[tmp] else { return .success(()) }
      var released = DVCRWLockTable.Acquired()
      for path in Set(write) { if Self.drop(path, from: &folder.writes) { released.write.append(path) } }
      for path in Set(read) { if Self.drop(path, from: &folder.reads) { released.read.append(path) } }
      all[tmp] = folder
      // In the order they were asked for, as DVC releases them.
      released.write = write.filter(released.write.contains).uniqued()
      released.read = read.filter(released.read.contains).uniqued()
      if released.read.isEmpty && released.write.isEmpty { return .success(()) }
      return DVCRWLockFile(folder: tmp).edit { table -> Result<Void, DVCLockingProblem> in
        table.release(released, as: holder)
        return .success(())
      }
    }
    try result.get()
  }

  /// One hold less on `path`; true when it was the last.
  private static func drop(_ path: String, from counts: inout [String: Int]) -> Bool {
    guard let count = counts[path] else { return false }
    if count > 1 {
      counts[path] = count - 1
      return false
    }
    counts[path] = nil
    return true
  }
}

extension Array where Element: Hashable {
  /// The elements without repeats, each at its first place.
  fileprivate func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
