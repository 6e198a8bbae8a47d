/// Keeping, describing and finding runs: tags, notes, deletion (`delete run` marks; `gc`
/// removes), and the ids of runs matching a filter the database can apply.
extension RunStore {
  /// What the database filters runs by; the rest (`where`, sorting) is done on records.
  package struct RunFilter: Sendable, Hashable {
    /// Runs with one of these statuses (any when empty).
    package var statuses: Set<RunStatus> = []
    /// Runs that carry every one of these tags.
    package var tags: [String] = []
    /// Runs that are points of this sweep.
    package var sweepID: Int?
    /// Deleted runs too.
    package var includeDeleted = false

    /// A filter; by default every run not deleted.
    package init(statuses: Set<RunStatus> = [], tags: [String] = [], sweepID: Int? = nil, includeDeleted: Bool = false)
    {
      self.statuses = statuses
      self.tags = tags
      self.sweepID = sweepID
      self.includeDeleted = includeDeleted
    }
  }

  /// The longest tag and note a run keeps.
  package static let maximumTagLength = 64
  /// The longest note a run keeps, in characters.
  package static let maximumNoteLength = 2000

  /// The ids of the runs that pass `filter`, newest first, at most `limit`.
  package func runIDs(_ filter: RunFilter, limit: Int) throws(StoreError) -> [Int] {
    var clauses: [String] = []
    var values: [SQLiteValue] = []
    if !filter.includeDeleted { clauses.append("deleted_at IS NULL") }
    if !filter.statuses.isEmpty {
      clauses.append("status IN (" + filter.statuses.map { _ in "?" }.joined(separator: ", ") + ")")
      values += filter.statuses.map(\.rawValue).sorted().map(SQLiteValue.text)
    }
    if let sweep = filter.sweepID {
      clauses.append("sweep_id = ?")
      values.append(.int(sweep))
    }
    for tag in filter.tags {
      clauses.append("id IN (SELECT run_id FROM run_tags WHERE tag = ?)")
      values.append(.text(tag))
    }
    let whereClause = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    let rows = try read { (connection) throws(SQLiteError) in
      try connection.query(
        "SELECT id FROM runs \(whereClause) ORDER BY id DESC LIMIT ?", values + [.int(max(0, limit))])
    }
    do { return try rows.map { (row) throws(SQLiteError) in try row.int(at: 0) } } catch { throw .database(error) }
  }

  /// The runs with these ids, in the order given (ids with no run are left out).
  package func runs(ids: [Int]) throws(StoreError) -> [RunRecord] {
    guard !ids.isEmpty else { return [] }
    var found: [Int: RunRecord] = [:]
    // SQLite takes at most 32,766 values per statement.
    for start in stride(from: 0, to: ids.count, by: 10_000) {
      let chunk = Array(ids[start..<min(ids.count, start + 10_000)])
      let rows = try read { (connection) throws(SQLiteError) in
        try Self.fetchRuns(
          "WHERE id IN (" + chunk.map { _ in "?" }.joined(separator: ", ") + ")", chunk.map(SQLiteValue.int),
          in: connection)
      }
      for run in try Self.decodeRuns(rows) { found[run.id] = run }
    }
    return ids.compactMap { found[$0] }
  }

  /// Adds a tag to a run (a tag it has already is not an error); false when no such run.
  @discardableResult
  package func addTag(_ tag: String, toRun id: Int) throws(StoreError) -> Bool {
    try write { (connection) throws(SQLiteError) in
      guard try Self.runExists(id, in: connection) else { return false }
      try connection.run("INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)", [.int(id), .text(tag)])
      return true
    }
  }

  /// Removes a tag from a run; false when the run did not have it.
  @discardableResult
  package func removeTag(_ tag: String, fromRun id: Int) throws(StoreError) -> Bool {
    try write { (connection) throws(SQLiteError) in
      try connection.run("DELETE FROM run_tags WHERE run_id = ? AND tag = ?", [.int(id), .text(tag)]) > 0
    }
  }

  /// Sets (or with nil, removes) a run's note; false when no such run.
  @discardableResult
  package func setNote(_ note: String?, ofRun id: Int) throws(StoreError) -> Bool {
    try write { (connection) throws(SQLiteError) in
      try connection.run("UPDATE runs SET note = ? WHERE id = ?", [.optional(note, SQLiteValue.text), .int(id)]) > 0
    }
  }

  /// Marks runs deleted: they leave `runs`, `compare` and `plot`, no later run reuses their
  /// steps, and `gc` removes their records, logs and whatever of the cache no kept run needs.
  /// Returns the ids that were not deleted before.
  package func markDeleted(_ ids: [Int], at time: Double) throws(StoreError) -> [Int] {
    try write { (connection) throws(SQLiteError) in
      var marked: [Int] = []
      for id in ids {
        let changed = try connection.run(
          "UPDATE runs SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", [.double(time), .int(id)])
        if changed > 0 { marked.append(id) }
      }
      return marked
    }
  }

  /// The recorded outputs of every step of a run that ran (or the run it was reused from):
  /// path (as the step declared it) to content hash, by step, with the run that kept them.
  package func keptOutputs(of run: RunRecord) throws(StoreError) -> [(
    step: StepRecord, keptBy: Int, outputs: [String: String]
  )] {
    var result: [(step: StepRecord, keptBy: Int, outputs: [String: String])] = []
    for step in run.steps where step.state == .ok || step.state == .reused {
      // A reused step's outputs are recorded with the run that ran it (or with this run,
      // once `gc` removed that one).
      var keptBy = run.id
      var outputs = try self.outputs(runID: run.id, step: step.name)
      if outputs.isEmpty, step.state == .reused, let owner = step.reusedFromRun {
        keptBy = owner
        outputs = try self.outputs(runID: owner, step: step.name)
      }
      if !outputs.isEmpty { result.append((step, keptBy, outputs)) }
    }
    return result
  }

  /// True when some run recorded `hash` as the content of an output at `path`.
  package func isRecordedOutput(path: String, hash: String) throws(StoreError) -> Bool {
    try read { (connection) throws(SQLiteError) in
      try !connection.query(
        "SELECT 1 FROM step_outputs WHERE path = ? AND hash = ? LIMIT 1", [.text(path), .text(hash)]
      )
      .isEmpty
    }
  }
}

extension RunStore {
  /// Every metric name recorded, as runs show them: `name`, and `step.name` (the form used
  /// when two steps of a run report the same name).
  package func metricNames() throws(StoreError) -> Set<String> {
    let rows = try read { (connection) throws(SQLiteError) in
      try connection.query("SELECT DISTINCT step, name FROM metrics")
    }
    var names = Set<String>()
    do {
      for row in rows {
        let name = try row.text(at: 1)
        names.insert(name)
        names.insert(try row.text(at: 0) + "." + name)
      }
    } catch {
      throw .database(error)
    }
    return names
  }
}
