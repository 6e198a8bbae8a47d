extension RunStore {
  /// Records the content hash of each declared output of a step (path relative to the
  /// pipeline's folder), so a later run can check or restore them before reusing the step, and
  /// the permission bits of each file kept (`modes`, by the same paths), to restore them too.
  package func recordOutputs(
    runID: Int, step: String, outputs: [String: String], modes: [String: Int] = [:]
  ) throws(StoreError) {
    try write { (connection) throws(SQLiteError) in
      let insert = try connection.prepare(
        "INSERT OR REPLACE INTO step_outputs (run_id, step, path, hash, mode) VALUES (?, ?, ?, ?, ?)")
      for (path, hash) in outputs.sorted(by: { $0.key < $1.key }) {
        try insert.run([.int(runID), .text(step), .text(path), .text(hash), modes[path].map { .int($0) } ?? .null])
      }
    }
  }

  /// The recorded output hashes of a step, by path.
  package func outputs(runID: Int, step: String) throws(StoreError) -> [String: String] {
    let rows = try read { (connection) throws(SQLiteError) in
      try connection.query(
        "SELECT path, hash FROM step_outputs WHERE run_id = ? AND step = ?", [.int(runID), .text(step)])
    }
    var out: [String: String] = [:]
    do {
      for row in rows { out[try row.text(at: 0)] = try row.text(at: 1) }
    } catch {
      throw Self.decodingFailure(error)
    }
    return out
  }

  /// The recorded permission bits of a step's kept output files, by path (files recorded
  /// before modes were kept have none).
  package func outputModes(runID: Int, step: String) throws(StoreError) -> [String: Int] {
    let rows = try read { (connection) throws(SQLiteError) in
      try connection.query(
        "SELECT path, mode FROM step_outputs WHERE run_id = ? AND step = ? AND mode IS NOT NULL",
        [.int(runID), .text(step)])
    }
    var out: [String: Int] = [:]
    do {
      for row in rows { out[try row.text(at: 0)] = try row.int(at: 1) }
    } catch {
      throw Self.decodingFailure(error)
    }
    return out
  }
}
