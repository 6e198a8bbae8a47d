/// DVC's stage lock table (`.dvc/tmp/rwlock`, `dvc/rwlock.py`): which process reads and which
/// writes each path while a stage runs, as JSON `{"read": {path: [holder]}, "write": {path:
/// holder}}` with a holder `{"pid": 1, "cmd": "dvc repro"}`. `dvc repro` and pipeshell read and
/// rewrite it under `.dvc/tmp/rwlock.lock`, so each sees the other's stages.
///
/// Kept in file order, as Python's dicts keep it, so that a rewrite changes only what it must.
package struct DVCRWLockTable: Sendable, Hashable {
  /// The process holding a path: its pid and its command line (`" ".join(sys.argv)` for DVC).
  package struct Holder: Sendable, Hashable {
    package var pid: Int
    package var cmd: String

    package init(pid: Int, cmd: String) {
      self.pid = pid
      self.cmd = cmd
    }
  }

  package struct Readers: Sendable, Hashable {
    package var path: String
    package var holders: [Holder]
  }

  package struct Writer: Sendable, Hashable {
    package var path: String
    package var holder: Holder
  }

  /// The readers of each path; nil once a release emptied the section (DVC then drops the key).
  package var read: [Readers]?
  /// The writer of each path; nil once a release emptied the section.
  package var write: [Writer]?
  /// True when `write` comes before `read` in the text.
  package var writeFirst = false

  /// The table of a missing file: both sections, empty (DVC's schema defaults).
  package init(read: [Readers]? = [], write: [Writer]? = [], writeFirst: Bool = false) {
    self.read = read
    self.write = write
    self.writeFirst = writeFirst
  }

  /// The holders of `path` in `mode`.
  func holders(of path: String, in mode: DVCRWLockMode) -> [Holder] {
    switch mode {
    case .read: return read?.first { $0.path == path }?.holders ?? []
    case .write: return (write?.first { $0.path == path }).map { [$0.holder] } ?? []
    }
  }
}

/// A side of the table: readers or writers.
package enum DVCRWLockMode: String, Sendable {
  case read, write
}

/// Why the stage lock table cannot be used, in DVC's words (`RWLockFileCorruptedError`,
/// `RWLockFileFormatError`) with what exactly is wrong.
package enum DVCRWLockTableProblem: Error, Sendable, Hashable, CustomStringConvertible {
  /// Not JSON (or not UTF-8, or too large or deep to read).
  case corrupted(file: String, detail: String)
  /// JSON, but not the shape DVC's schema accepts.
  case format(file: String, detail: String)

  package var description: String {
    switch self {
    case .corrupted(let file, let detail):
      return "Unable to read RWLock-file '\(file)'. JSON structure is corrupted (\(detail))"
    case .format(let file, let detail):
      return "RWLock-file '\(file)' format error: \(detail)"
    }
  }
}
