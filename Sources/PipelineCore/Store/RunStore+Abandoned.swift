#if canImport(Glibc)
  import Glibc
#endif

extension RunStore {
  /// Marks as interrupted every `running` run whose shell is gone, and returns their ids.
  ///
  /// A run's shell is alive while it holds the run's lock file (see `RunLock`); when the
  /// file is missing, the recorded pid decides. The run's running steps become interrupted,
  /// and its end is set to its last sign of life (the latest step time, or its start).
  package func markAbandonedRunsInterrupted() throws(StoreError) -> [Int] {
    if isReadOnly { return [] }
    let candidates = try read { (connection) throws(SQLiteError) in
      try connection.query("SELECT id, owner_pid, owner_lock FROM runs WHERE status = 'running'")
    }
    var marked: [Int] = []
    for row in candidates {
      let (id, pid, lock) = try decodeCandidate(row)
      if holdsLock(ofRun: id) { continue }
      let lockPath = lock.map(lockPath(named:))
      switch lockPath.map(RunLock.probe) ?? .missing {
      case .held:
        continue
      case .missing:
        guard RunLock.ownerIsGone(pid: pid) else { continue }
        try stopLeftoverSteps(of: id)
        if try interruptAbandoned(id) { marked.append(id) }
      case .free(let fd):
        defer { close(fd) }
        try stopLeftoverSteps(of: id)
        if try interruptAbandoned(id) { marked.append(id) }
        if let lockPath { unlink(lockPath) }
      }
    }
    return marked
  }

  /// Stops the local steps a dead shell's run left running (see `LeftoverSteps`).
  private func stopLeftoverSteps(of id: Int) throws(StoreError) {
    guard let run = try run(id: id) else { return }
    let running = run.steps.compactMap { step -> (Int32, Double)? in
      guard step.state == .running, let pid = step.placement?.processID, let started = step.startedAt else {
        return nil
      }
      return (pid, started)
    }
    if !running.isEmpty { LeftoverSteps.stop(running.map { (processID: $0.0, startedAt: $0.1) }) }
  }

  private func decodeCandidate(_ row: SQLiteRow) throws(StoreError) -> (Int, Int32, String?) {
    do {
      return (
        try row.int(at: 0), Int32(truncatingIfNeeded: try row.int(at: 1)),
        try row.optionalText(at: 2)
      )
    } catch {
      throw .database(error)
    }
  }

  /// Sets one run interrupted if it is still running; false when another shell beat us to it.
  private func interruptAbandoned(_ id: Int) throws(StoreError) -> Bool {
    try write { (connection) throws(SQLiteError) in
      let changed = try connection.run(
        """
        UPDATE runs SET status = 'interrupted', finished_at = MAX(started_at, COALESCE(
          (SELECT MAX(MAX(COALESCE(started_at, 0), COALESCE(finished_at, 0)))
           FROM steps WHERE run_id = runs.id), 0))
        WHERE id = ? AND status = 'running'
        """, [.int(id)])
      if changed > 0 { try Self.interruptRunningSteps(runID: id, in: connection) }
      return changed > 0
    }
  }
}
