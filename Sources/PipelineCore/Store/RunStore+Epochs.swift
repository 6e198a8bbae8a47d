/// A run's binding sets: the bindings of every layer when it started (epoch 0), and again each
/// time values changed while it was paused, so a rerun replays each as it was.
extension RunStore {
  /// One recorded binding set of a run.
  package struct RecordedEpoch: Sendable {
    package var number: Int
    /// The step that was next when this set took effect (nil for the start).
    package var beforeStep: String?
    package var entries: [RecordedBindings.Entry]
  }

  /// Records a later binding set of run `runID` with the parameters that changed in it.
  package func recordEpoch(runID: Int, _ epoch: RunEpoch, bindings: String) throws(StoreError) {
    for change in epoch.changes where change.isSecret {
      guard ContentHasher.isDigest(change.fingerprintValue) else { throw .secretNotHashed(parameter: change.name) }
    }
    try write { (connection) throws(SQLiteError) in
      try Self.insertEpoch(runID: runID, epoch: epoch, bindings: bindings, into: connection)
    }
  }

  /// The binding sets of a run, in order; empty for runs recorded before bindings were kept.
  package func epochs(runID: Int) throws(StoreError) -> [RecordedEpoch] {
    let rows = try read { (connection) throws(SQLiteError) in
      try connection.query(
        "SELECT epoch, before_step, bindings FROM run_epochs WHERE run_id = ? ORDER BY epoch", [.int(runID)])
    }
    var epochs: [RecordedEpoch] = []
    do {
      for row in rows {
        let text = try row.text(at: 2)
        guard let entries = RecordedBindings.decode(text) else {
          throw StoreError.unreadableRecord(table: "run_epochs", column: "bindings", value: String(text.prefix(40)))
        }
        epochs.append(
          RecordedEpoch(number: try row.int(at: 0), beforeStep: try row.optionalText(at: 1), entries: entries))
      }
    } catch {
      throw Self.decodingFailure(error)
    }
    return epochs
  }
}
