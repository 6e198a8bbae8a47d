#if canImport(Glibc)
  import Glibc
#endif

/// Sweeps as groups of runs: begun, finished, resumed, and read back with the runs of each point.
extension RunStore {
  /// Proof that this shell runs a sweep: an exclusive lock on `locks/sweep-ID-....lock` (see
  /// `RunLock`), so another shell can tell a sweep that is running from one a dead shell left.
  package final class SweepOwnership: Sendable {
    private let descriptor: Int32
    private let path: String

    init(descriptor: Int32, path: String) {
      self.descriptor = descriptor
      self.path = path
    }

    deinit { RunLock.release(descriptor, path: path) }
  }

  /// Why a sweep cannot be resumed.
  package enum ResumeRefusal: Error, Sendable, Hashable {
    case noSuchSweep(Int)
    case noSweep
    case running(sweepID: Int, processID: Int32)
    case finished(sweepID: Int)
  }

  /// Records a new sweep as running, owned by this shell.
  package func beginSweep(_ sweep: NewSweep) throws(StoreError) -> (id: Int, ownership: SweepOwnership) {
    if isReadOnly { throw .readOnly }
    let (lockName, fd) = try takeSweepLock()
    do {
      let id = try write { (connection) throws(SQLiteError) in
        try connection.run(
          """
          INSERT INTO sweeps (started_at, status, pipeline_name, pipeline_file, command, axes, point_count,
            profile, bindings, settings, owner_pid, owner_lock) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          [
            .double(sweep.startedAt), .text(sweep.pipelineName), .optional(sweep.pipelineFile, SQLiteValue.text),
            .text(sweep.command), .text(JSONWriter.text(sweep.grid.json)), .int(sweep.grid.count ?? 0),
            .optional(sweep.profile, SQLiteValue.text), .optional(sweep.bindings, SQLiteValue.text),
            .text(JSONWriter.text(sweep.settings.json)), .int(Int(getpid())), .text(lockName),
          ])
        return connection.lastInsertedRowID
      }
      return (id, SweepOwnership(descriptor: fd, path: lockPath(named: lockName)))
    } catch {
      RunLock.release(fd, path: lockPath(named: lockName))
      throw error
    }
  }

  /// Takes over a sweep to run the rest of its points (`sweep --resume`): refused while
  /// another shell runs it. `id` nil takes the newest sweep of `pipelineName` not finished.
  package func resumeSweep(
    _ id: Int?, pipelineName: String
  ) throws(StoreError) -> Result<(SweepRecord, SweepOwnership), ResumeRefusal> {
    let found: SweepRecord?
    if let id {
      found = try sweep(id: id)
    } else {
      found = try sweeps(pipelineName: pipelineName, limit: 50).first { $0.status != .ok }
    }
    guard var sweep = found else { return .failure(id.map(ResumeRefusal.noSuchSweep) ?? .noSweep) }
    if sweep.status == .running, let lock = try ownerLock(ofSweep: sweep.id) {
      switch RunLock.probe(lockPath(named: lock)) {
      case .held: return .failure(.running(sweepID: sweep.id, processID: sweep.ownerPID))
      case .free(let fd): close(fd)
      case .missing: break
      }
    }
    let (lockName, fd) = try takeSweepLock()
    do {
      try write { (connection) throws(SQLiteError) in
        _ = try connection.run(
          "UPDATE sweeps SET status = 'running', finished_at = NULL, owner_pid = ?, owner_lock = ? WHERE id = ?",
          [.int(Int(getpid())), .text(lockName), .int(sweep.id)])
      }
    } catch {
      RunLock.release(fd, path: lockPath(named: lockName))
      throw error
    }
    sweep.status = .running
    sweep.ownerPID = getpid()
    return .success((sweep, SweepOwnership(descriptor: fd, path: lockPath(named: lockName))))
  }

  /// Records how a sweep ended.
  package func finishSweep(_ id: Int, status: SweepRecord.Status, at time: Double) throws(StoreError) {
    try write { (connection) throws(SQLiteError) in
      _ = try connection.run(
        "UPDATE sweeps SET status = ?, finished_at = ? WHERE id = ?", [.text(status.rawValue), .double(time), .int(id)])
    }
  }

  /// One sweep, or nil.
  package func sweep(id: Int) throws(StoreError) -> SweepRecord? {
    try fetchSweeps("WHERE id = ?", [.int(id)]).first
  }

  /// The newest sweeps of a pipeline, newest first.
  package func sweeps(pipelineName: String, limit: Int) throws(StoreError) -> [SweepRecord] {
    try fetchSweeps("WHERE pipeline_name = ? ORDER BY id DESC LIMIT ?", [.text(pipelineName), .int(max(0, limit))])
  }

  /// For each point of a sweep, its newest run not deleted: id and status.
  package func sweepPoints(_ id: Int) throws(StoreError) -> [Int: (runID: Int, status: RunStatus)] {
    let rows = try read { (connection) throws(SQLiteError) in
      try connection.query(
        """
        SELECT sweep_point, id, status FROM runs WHERE sweep_id = ? AND deleted_at IS NULL ORDER BY id
        """, [.int(id)])
    }
    var points: [Int: (runID: Int, status: RunStatus)] = [:]
    do {
      for row in rows {
        let text = try row.text(at: 2)
        guard let status = RunStatus(rawValue: text) else {
          throw StoreError.unreadableRecord(table: "runs", column: "status", value: text)
        }
        points[try row.optionalInt(at: 0) ?? 0] = (try row.int(at: 1), status)
      }
    } catch {
      throw Self.decodingFailure(error)
    }
    return points
  }

  private func ownerLock(ofSweep id: Int) throws(StoreError) -> String? {
    try read { (connection) throws(SQLiteError) in
      try connection.query("SELECT owner_lock FROM sweeps WHERE id = ?", [.int(id)]).first?.optionalText(at: 0)
    }
  }

  private func takeSweepLock() throws(StoreError) -> (String, Int32) {
    let name: String
    do { name = "sweep-\(getpid())-\(ContentHasher.hex(try ContentHasher.randomBytes(8)))" } catch {
      throw .hashing(error)
    }
    do {
      try PosixFiles.makeFolders("\(folder)/locks", mode: 0o700)
      return (name, try RunLock.acquire(lockPath(named: name)))
    } catch {
      throw .file(error)
    }
  }

  private func fetchSweeps(_ filter: String, _ values: [SQLiteValue]) throws(StoreError) -> [SweepRecord] {
    let rows = try read { (connection) throws(SQLiteError) in
      try connection.query(
        """
        SELECT id, started_at, finished_at, status, pipeline_name, pipeline_file, command, axes, profile, bindings,
          owner_pid, settings FROM sweeps \(filter)
        """, values)
    }
    do {
      return try rows.map { (row) throws -> SweepRecord in
        let status = try row.text(at: 3)
        guard let sweepStatus = SweepRecord.Status(rawValue: status) else {
          throw StoreError.unreadableRecord(table: "sweeps", column: "status", value: status)
        }
        let axes = try row.text(at: 7)
        guard let json = JSONValue.parse(axes), let grid = SweepGrid(json: json) else {
          throw StoreError.unreadableRecord(table: "sweeps", column: "axes", value: String(axes.prefix(40)))
        }
        return SweepRecord(
          id: try row.int(at: 0), startedAt: try row.double(at: 1), finishedAt: try row.optionalDouble(at: 2),
          status: sweepStatus, pipelineName: try row.text(at: 4), pipelineFile: try row.optionalText(at: 5),
          command: try row.text(at: 6), grid: grid, profile: try row.optionalText(at: 8),
          bindings: try row.optionalText(at: 9),
          settings: SweepSettings(json: try row.optionalText(at: 11).flatMap(JSONValue.parse)),
          ownerPID: Int32(truncatingIfNeeded: try row.int(at: 10)))
      }
    } catch {
      throw Self.decodingFailure(error)
    }
  }
}
