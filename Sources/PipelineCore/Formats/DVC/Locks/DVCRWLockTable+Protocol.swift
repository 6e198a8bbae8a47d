/// Taking and giving back paths in the stage lock table, step for step as `dvc/rwlock.py` does,
/// so that the file reads the same whichever tool edited it last: readers of a path exclude its
/// writers and the other way round, a process never blocks itself, and holders whose process is
/// gone are dropped (with a warning) by whoever next finds them in its way.
extension DVCRWLockTable {
  /// A holder dropped because its process no longer exists, and the path it held.
  package struct StaleHolder: Sendable, Hashable {
    package var holder: Holder
    package var path: String
    package var mode: DVCRWLockMode

    /// DVC's warning, word for word; DVC names the path relative to the working folder `cwd`.
    package func warning(workingFolder cwd: String?) -> String {
      let shown = cwd.map { path.hasPrefix("/") && $0.hasPrefix("/") ? DVCPath.relative(path, to: $0) : path } ?? path
      return "Process '\(holder.cmd)' with (Pid \(holder.pid)), in RWLock-file '\(shown)' had been killed. "
        + "Auto removed it from the lock file."
    }
  }

  /// Another live process holds a path the request needs (DVC's `LockError`).
  package struct Busy: Error, Sendable, Hashable, CustomStringConvertible {
    /// The requested path DVC names (the one it looked at last).
    package var path: String
    package var blockers: [Holder]
    /// The table's file, which DVC tells the user to remove when those processes are gone.
    package var file: String

    package var description: String {
      "'\(path)' is busy, it is being blocked by:\n"
        + blockers.map { "  (PID \($0.pid)): \($0.cmd)" }.joined(separator: "\n") + "\n\n"
        + "If there are no processes with such PIDs, you can manually remove '\(file)' and try again."
    }
  }

  /// What `acquire` added: the paths to give back later.
  package struct Acquired: Sendable, Hashable {
    package var read: [String] = []
    package var write: [String] = []
  }

  /// Takes `read` and `write` for `holder`, as DVC's `rwlock()` does on entry: first the writers
  /// of any requested path, then the readers of the paths to write, must be `holder` or dead
  /// (dead ones are dropped and returned in `stale`); then the paths are added. When blocked the
  /// table must not be written back (DVC leaves the file as it was).
  package mutating func acquire(
    read: [String], write: [String], as holder: Holder, file: String, isAlive: (Int) -> Bool
  ) -> Result<(acquired: Acquired, stale: [StaleHolder]), Busy> {
    var stale: [StaleHolder] = []
    if let busy = dropStaleAndFindBlockers(.write, waiters: read + write, holder, file, isAlive, &stale) {
      return .failure(busy)
    }
    if let busy = dropStaleAndFindBlockers(.read, waiters: write, holder, file, isAlive, &stale) {
      return .failure(busy)
    }
    var acquired = Acquired()
    // DVC puts back a section a release removed (at the end), even with nothing to add.
    if self.read == nil {
      self.read = []
      writeFirst = self.write != nil
    }
    for path in read {
      if let index = self.read?.firstIndex(where: { $0.path == path }) {
        if self.read?[index].holders.contains(holder) == true { continue }
        self.read?[index].holders.append(holder)
      } else {
        self.read?.append(Readers(path: path, holders: [holder]))
      }
      acquired.read.append(path)
    }
    if self.write == nil {
      self.write = []
      writeFirst = false
    }
    for path in write {
      if let index = self.write?.firstIndex(where: { $0.path == path }) {
        if self.write?[index].holder == holder { continue }
        self.write?[index].holder = holder
      } else {
        self.write?.append(Writer(path: path, holder: holder))
      }
      acquired.write.append(path)
    }
    return .success((acquired, stale))
  }

  /// Gives back what `acquire` added: the written paths, then the read ones; a section left
  /// empty by a removal goes, as in DVC. An entry already gone is skipped.
  package mutating func release(_ acquired: Acquired, as holder: Holder) {
    for path in acquired.write { removeWriter(holder, of: path) }
    for path in acquired.read { removeReader(holder, of: path) }
  }

  private mutating func removeWriter(_ holder: Holder, of path: String) {
    guard let index = write?.firstIndex(where: { $0.path == path && $0.holder == holder }) else { return }
    write?.remove(at: index)
    if write?.isEmpty == true { write = nil }
  }

  private mutating func removeReader(_ holder: Holder, of path: String) {
    guard let index = read?.firstIndex(where: { $0.path == path }),
      let position = read?[index].holders.firstIndex(of: holder)
    else { return }
    read?[index].holders.remove(at: position)
    if read?[index].holders.isEmpty == true { read?.remove(at: index) }
    if read?.isEmpty == true { read = nil }
  }

  /// DVC's `_check_blockers`: the live holders in `mode` of paths overlapping a waiter, other
  /// than `me`; dead ones are dropped from the table (and added to `stale`) unless a live one
  /// blocks.
  private mutating func dropStaleAndFindBlockers(
    _ mode: DVCRWLockMode, waiters: [String], _ me: Holder, _ file: String, _ isAlive: (Int) -> Bool,
    _ stale: inout [StaleHolder]
  ) -> Busy? {
    let entries: [(path: String, holders: [Holder])] =
      switch mode {
      case .read: (read ?? []).map { ($0.path, $0.holders) }
      case .write: (write ?? []).map { ($0.path, [$0.holder]) }
      }
    var blockers: [Holder] = []
    var dead: [StaleHolder] = []
    var named = waiters.last
    for entry in entries {
      // Python's loop variable: the first waiter overlapping the path, else the last waiter.
      guard let waiter = waiters.first(where: { Self.overlaps($0, entry.path) }) else {
        named = waiters.last
        continue
      }
      named = waiter
      for blocker in entry.holders where blocker != me {
        if isAlive(blocker.pid) {
          blockers.append(blocker)
        } else {
          dead.append(StaleHolder(holder: blocker, path: entry.path, mode: mode))
        }
      }
    }
    // DVC drops the dead before raising, but a raise leaves the file unwritten.
    for gone in Self.groupedByHolder(dead) {
      switch mode {
      case .read: removeReader(gone.holder, of: gone.path)
      case .write: removeWriter(gone.holder, of: gone.path)
      }
    }
    stale += dead
    guard !blockers.isEmpty, let named else { return nil }
    return Busy(path: named, blockers: blockers, file: Self.folder(of: file) + "/rwlock")
  }

  /// DVC releases the dead holder by holder (in the order each was first met), each for its paths.
  private static func groupedByHolder(_ dead: [StaleHolder]) -> [StaleHolder] {
    var order: [Holder] = []
    for item in dead where !order.contains(item.holder) { order.append(item.holder) }
    return order.flatMap { holder in dead.filter { $0.holder == holder } }
  }

  /// True when one path is the other or inside it (`fs.overlaps`): by whole parts, as
  /// `posixpath.commonpath` compares them; an absolute and a relative path never overlap.
  package static func overlaps(_ a: String, _ b: String) -> Bool {
    if a == b { return true }
    guard a.hasPrefix("/") == b.hasPrefix("/") else { return false }
    let left = parts(a), right = parts(b)
    let shorter = min(left.count, right.count)
    return left.prefix(shorter) == right.prefix(shorter)
  }

  private static func parts(_ path: String) -> [Substring] {
    path.split(separator: "/").filter { $0 != "." }
  }

  private static func folder(of file: String) -> String {
    guard let slash = file.lastIndex(of: "/") else { return "." }
    return String(file[..<slash])
  }
}
