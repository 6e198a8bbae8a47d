extension RunStore {
  /// Records the content hash of each declared output of a step (path relative to the
  /// pipeline's folder), so a later run can check or restore them before reusing the step.
  package func recordOutputs(runID: Int, step: String, outputs: [String: String]) throws(StoreError) {
    try write { (connection) throws(SQLiteError) in
      let insert = try connection.prepare(
        "INSERT OR REPLACE INTO step_outputs (run_id, step, path, hash) VALUES (?, ?, ?, ?)")
      for (path, hash) in outputs.sorted(by: { $0.key < $1.key }) {
        try insert.run([.int(runID), .text(step), .text(path), .text(hash)])
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
}
