#if canImport(Glibc)
  import Glibc
#endif

/// Why DVC's locks stop a stage: a lock file stayed taken, the stage table is unreadable, or
/// another live process holds a path the stage needs.
package enum DVCLockingProblem: Error, Sendable, Hashable, CustomStringConvertible {
  case lock(DVCFileLock.Problem)
  case table(DVCRWLockTableProblem)
  case file(FileError)
  case busy(DVCRWLockTable.Busy)

  package var description: String {
    switch self {
    case .lock(let problem): return problem.description
    case .table(let problem): return problem.description
    case .file(let error): return "cannot use DVC's stage lock table: \(error)"
    case .busy(let busy): return busy.description
    }
  }
}

/// The stage lock table in DVC's temporary folder (`.dvc/tmp/rwlock`), read and rewritten only
/// while its guard (`.dvc/tmp/rwlock.lock`) is held, as `_edit_rwlock` does.
package struct DVCRWLockFile: Sendable {
  /// DVC's temporary folder (`<repository>/.dvc/tmp`).
  package var folder: String

  package init(folder: String) { self.folder = folder }

  package var path: String { folder + "/rwlock" }
  package var guardPath: String { folder + "/rwlock.lock" }

  /// Reads the table under its guard, lets `change` edit it, and writes it back when `change`
  /// succeeds (a failure leaves the file as it was, as in DVC).
  package func edit<T>(
    _ change: (inout DVCRWLockTable) -> Result<T, DVCLockingProblem>
  ) -> Result<T, DVCLockingProblem> {
    let held: DVCFileLock
    do {
      held = try DVCFileLock.acquire(guardPath)
    } catch {
      return .failure(.lock(error))
    }
    defer { held.release() }
    var table: DVCRWLockTable
    do {
      table = try read()
    } catch {
      return .failure(error)
    }
    let result = change(&table)
    guard case .success = result else { return result }
    do {
      try write(table)
    } catch {
      return .failure(.file(error))
    }
    return result
  }

  /// The table as the file holds it; a missing file is an empty table.
  package func read() throws(DVCLockingProblem) -> DVCRWLockTable {
    var info = stat()
    if lstat(path, &info) != 0 {
      if errno == ENOENT { return DVCRWLockTable() }
      throw .file(.current(.inspect, path: path))
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw .table(.corrupted(file: path, detail: "it is not a regular file"))
    }
    let bytes: [UInt8]
    do {
      let file = try OpenFile(path, flags: O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
      bytes = try file.readBytes(upTo: DVCRWLockTable.maximumBytes)
    } catch {
      if error.code == EFBIG {
        throw .table(.corrupted(file: path, detail: "it is larger than \(DVCRWLockTable.maximumBytes >> 20) MiB"))
      }
      throw .file(error)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    guard text.utf8.elementsEqual(bytes) else {
      throw .table(.corrupted(file: path, detail: "it is not UTF-8 text"))
    }
    do {
      return try DVCRWLockTable.parse(text, file: path)
    } catch {
      throw .table(error)
    }
  }

  /// Writes the table in place, as DVC does (its readers hold the guard).
  func write(_ table: DVCRWLockTable) throws(FileError) {
    let file = try OpenFile(path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, mode: 0o666)
    try file.write(Array(table.json.utf8))
  }
}

/// Whether a process exists, as `psutil.pid_exists` answers on Linux: `kill(pid, 0)` finds it
/// (or is refused it), and it is a process, not a thread of one.
package enum DVCProcessLiveness {
  package static func isAlive(_ pid: Int) -> Bool {
    guard pid > 0, pid <= Int(Int32.max) else { return false }
    if kill(pid_t(pid), 0) != 0, errno != EPERM { return false }
    guard let file = try? OpenFile("/proc/\(pid)/status", flags: O_RDONLY),
      let bytes = try? file.readBytes(upTo: 1 << 16)
    else { return true }
    let text = String(decoding: bytes, as: UTF8.self)
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Tgid:") }) else { return true }
    return Int(line.dropFirst(5).trimmingSpacesSubstring) == pid
  }
}
