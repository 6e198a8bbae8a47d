#if canImport(Glibc)
  import Glibc
#endif

/// `gc`: removes what no kept run needs — deleted runs' records and logs, cache entries no
/// kept run's outputs name, isolated copies kept after their run ended, and logs of runs the
/// store no longer has — and says how much it freed. A kept run that reused a step of a
/// deleted run takes that step's recorded outputs over first, so its outputs stay known (for
/// `checkout`, and for reuse). Refused while a run is running, in any shell: its outputs
/// enter the cache before they are recorded.
extension RunStore {
  /// What `gc` removed (or, dry, would remove).
  package struct GarbageReport: Sendable, Hashable {
    /// Deleted runs whose records and logs go.
    package var deletedRuns: [Int] = []
    /// Bytes of those logs (and of stray ones).
    package var logBytes = 0
    /// Cache entries no kept run needs.
    package var cacheEntries = 0
    /// Bytes of those cache entries.
    package var cacheBytes = 0
    /// Runs whose kept isolated copy goes.
    package var workspaces: [Int] = []
    /// Bytes of those copies.
    package var workspaceBytes = 0
    /// Log folders of runs the store does not have.
    package var strayLogs = 0

    /// Everything freed, in bytes.
    package var totalBytes: Int { logBytes + cacheBytes + workspaceBytes }
  }

  /// Why `gc` did not run.
  package enum GarbageRefusal: Error, Sendable, Hashable {
    /// These runs are running (here or in another shell).
    case running([Int])
  }

  /// Removes (or with `dry`, only measures) what no kept run needs.
  package func collectGarbage(dry: Bool) throws(StoreError) -> Result<GarbageReport, GarbageRefusal> {
    let running = try runningRuns()
    if !running.isEmpty { return .failure(.running(running)) }
    var report = GarbageReport()
    let (deleted, known) = try read { (connection) throws(SQLiteError) -> ([Int], Set<Int>) in
      let deleted = try connection.query("SELECT id FROM runs WHERE deleted_at IS NOT NULL ORDER BY id").map {
        (row) throws(SQLiteError) in try row.int(at: 0)
      }
      let all = try connection.query("SELECT id FROM runs").map { (row) throws(SQLiteError) in try row.int(at: 0) }
      return (deleted, Set(all))
    }
    report.deletedRuns = deleted
    for id in deleted { report.logBytes += FolderRemoval.size("\(folder)/logs/\(id)") }
    for name in PosixFiles.names(in: "\(folder)/logs") {
      guard let id = Int(name), !known.contains(id) else { continue }
      report.strayLogs += 1
      report.logBytes += FolderRemoval.size("\(folder)/logs/\(name)")
    }
    for name in PosixFiles.names(in: "\(folder)/workspaces") {
      guard let id = Int(name) else { continue }
      report.workspaces.append(id)
      report.workspaceBytes += FolderRemoval.size("\(folder)/workspaces/\(name)")
    }
    report.workspaces.sort()
    let needed = try neededHashes(excluding: Set(deleted))
    let unneeded = cacheFiles().filter { !needed.contains($0.hash) }
    report.cacheEntries = unneeded.count
    report.cacheBytes = unneeded.reduce(0) { $0 + $1.bytes }
    if dry { return .success(report) }
    try keepReusedOutputs(of: deleted)
    try write { (connection) throws(SQLiteError) in
      for id in deleted { try connection.run("DELETE FROM runs WHERE id = ?", [.int(id)]) }
    }
    do {
      for id in deleted { try FolderRemoval.remove("\(folder)/logs/\(id)") }
      for name in PosixFiles.names(in: "\(folder)/logs") where Int(name).map({ !known.contains($0) }) ?? false {
        try FolderRemoval.remove("\(folder)/logs/\(name)")
      }
      for id in report.workspaces { try FolderRemoval.remove("\(folder)/workspaces/\(id)") }
      for file in unneeded { try PosixFiles.remove(file.path) }
    } catch {
      throw .file(error)
    }
    return .success(report)
  }

  /// Runs recorded `running` whose shell is alive.
  private func runningRuns() throws(StoreError) -> [Int] {
    let rows = try read { (connection) throws(SQLiteError) in
      try connection.query("SELECT id, owner_lock FROM runs WHERE status = 'running' ORDER BY id")
    }
    var running: [Int] = []
    do {
      for row in rows {
        let id = try row.int(at: 0)
        if holdsLock(ofRun: id) {
          running.append(id)
          continue
        }
        guard let lock = try row.optionalText(at: 1) else { continue }
        switch RunLock.probe(lockPath(named: lock)) {
        case .held: running.append(id)
        case .free(let fd): close(fd)
        case .missing: break
        }
      }
    } catch {
      throw .database(error)
    }
    return running
  }

  /// The content hashes the outputs of runs other than `excluded` name (kept runs that
  /// reused a step of an excluded run count the outputs recorded with that run).
  private func neededHashes(excluding excluded: Set<Int>) throws(StoreError) -> Set<String> {
    let rows = try read { (connection) throws(SQLiteError) in
      try connection.query(
        """
        SELECT o.run_id, o.hash FROM step_outputs o
        UNION ALL
        SELECT s.run_id, o.hash FROM steps s JOIN step_outputs o ON o.run_id = s.reused_from AND o.step = s.name
        WHERE s.state = 'reused'
        """)
    }
    var needed = Set<String>()
    do {
      for row in rows where !excluded.contains(try row.int(at: 0)) { needed.insert(try row.text(at: 1)) }
    } catch {
      throw .database(error)
    }
    return needed
  }

  /// Copies the recorded outputs of steps that kept runs reused from `deleted` runs to those
  /// kept runs, before the deleted runs' records go.
  private func keepReusedOutputs(of deleted: [Int]) throws(StoreError) {
    guard !deleted.isEmpty else { return }
    try write { (connection) throws(SQLiteError) in
      for id in deleted {
        try connection.run(
          """
          INSERT OR IGNORE INTO step_outputs (run_id, step, path, hash, mode)
          SELECT s.run_id, s.name, o.path, o.hash, o.mode FROM steps s JOIN step_outputs o ON o.run_id = s.reused_from AND o.step = s.name
          WHERE s.reused_from = ? AND s.state = 'reused' AND s.run_id NOT IN (SELECT id FROM runs WHERE deleted_at IS NOT NULL)
          """, [.int(id)])
      }
    }
  }

  /// Every file in the cache: its path, the digest it is named by, and its size.
  private func cacheFiles() -> [(path: String, hash: String, bytes: Int)] {
    let cache = "\(folder)/cache"
    var files: [(path: String, hash: String, bytes: Int)] = []
    for prefix in PosixFiles.names(in: cache) where PosixFiles.isFolder("\(cache)/\(prefix)") {
      for name in PosixFiles.names(in: "\(cache)/\(prefix)") where ContentHasher.isDigest(name) {
        let path = "\(cache)/\(prefix)/\(name)"
        files.append((path, name, PosixFiles.size(path) ?? 0))
      }
    }
    return files
  }
}
