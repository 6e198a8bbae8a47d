#if canImport(Glibc)
  import Glibc
#endif

extension RunStore {
  /// Records a new run as `running`, owned by this process, with its parameter snapshot,
  /// and returns its id. The run's lock is held until `finishRun`.
  ///
  /// A secret parameter is always stored as `****`, and its fingerprint value must be a
  /// keyed digest (see `secretFingerprint(of:)`); anything else is refused, because it
  /// could be the secret in clear.
  package func beginRun(_ run: NewRun) throws(StoreError) -> Int {
    if isReadOnly { throw .readOnly }
    for parameter in run.parameters where parameter.isSecret {
      guard ContentHasher.isDigest(parameter.fingerprintValue) else {
        throw .secretNotHashed(parameter: parameter.name)
      }
    }
    let lockName: String
    do {
      lockName = "\(getpid())-\(ContentHasher.hex(try ContentHasher.randomBytes(8)))"
    } catch {
      throw .hashing(error)
    }
    let lockFD: Int32
    do {
      try PosixFiles.makeFolders("\(folder)/locks", mode: 0o700)
      lockFD = try RunLock.acquire(lockPath(named: lockName))
    } catch {
      throw .file(error)
    }
    let id: Int
    let workspaces: String? = run.isolated ? "\(folder)/workspaces" : nil
    do {
      id = try write { (connection) throws(SQLiteError) in
        try Self.insertRun(run, ownerPID: getpid(), ownerLock: lockName, workspacesFolder: workspaces, into: connection)
      }
    } catch {
      RunLock.release(lockFD, path: lockPath(named: lockName))
      throw error
    }
    heldLocks.withLock { $0[id] = (lockFD, lockPath(named: lockName)) }
    do {
      try PosixFiles.makeFolders("\(folder)/logs/\(id)", mode: 0o700)
    } catch {
      try? finishRun(runID: id, status: .failed, finishedAt: run.startedAt)
      throw .file(error)
    }
    return id
  }

  /// Records a step's current state, inserting it the first time. Its metrics are added to
  /// those already recorded (a metric of the same name is replaced; none is removed).
  package func updateStep(runID: Int, _ step: StepRecord) throws(StoreError) {
    try updateSteps(runID: runID, [step])
  }

  /// Records several steps' states in one transaction (a commit costs far more than the
  /// statements in it), in order, as `updateStep` does each.
  package func updateSteps(runID: Int, _ steps: [StepRecord]) throws(StoreError) {
    if isReadOnly { throw .readOnly }
    do {
      try database.transaction(.immediate) { (connection) throws(SQLiteError) in
        for step in steps { try Self.upsertStep(step, runID: runID, into: connection) }
      }
    } catch {
      // The only foreign key of a step is its run: asking first would cost a query per commit.
      if error.code == SQLiteResultCode.foreignKeyViolation { throw .unknownRun(runID) }
      throw .database(error)
    }
  }

  /// Records where a step of a run runs (a cluster job id as soon as it is submitted, before
  /// the job runs), so a later shell can find it if this one is killed. A step not yet recorded
  /// is left alone: its start record will carry the placement.
  package func recordPlacement(runID: Int, step: String, _ placement: StepPlacement) throws(StoreError) {
    try write { (connection) throws(SQLiteError) in
      _ = try connection.run(
        "UPDATE steps SET placement = ? WHERE run_id = ? AND name = ?",
        [.text(PlacementCoding.text(placement)), .int(runID), .text(step)])
    }
  }

  /// Records one metric of a step already recorded with `updateStep`.
  package func addMetric(runID: Int, step: String, name: String, value: Double) throws(StoreError) {
    let found = try write { (connection) throws(SQLiteError) -> StoreError? in
      guard try Self.runExists(runID, in: connection) else { return .unknownRun(runID) }
      guard try Self.stepExists(runID: runID, step: step, in: connection) else {
        return .unknownStep(runID: runID, step: step)
      }
      try Self.upsertMetric(runID: runID, step: step, name: name, value: value, into: connection)
      return nil
    }
    if let found { throw found }
  }

  /// Records how a run ended and releases its lock. Finishing as `interrupted` also marks
  /// its running steps interrupted.
  package func finishRun(runID: Int, status: RunStatus, finishedAt: Double) throws(StoreError) {
    let known = try write { (connection) throws(SQLiteError) in
      try Self.finish(runID: runID, status: status, finishedAt: finishedAt, in: connection)
    }
    guard known else { throw .unknownRun(runID) }
    guard status != .running else { return }
    if let lock = heldLocks.withLock({ $0.removeValue(forKey: runID) }) {
      RunLock.release(lock.fd, path: lock.path)
    }
  }
}
