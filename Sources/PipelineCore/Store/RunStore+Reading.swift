/// Reading runs back: a few set-based queries in one read transaction, decoded outside the
/// database lock. A page of runs costs four queries however many runs it holds.
extension RunStore {
  /// The raw rows for a set of runs whose ids form a contiguous range of the store.
  struct RunRows: Sendable {
    var runs: [SQLiteRow] = []
    var parameters: [SQLiteRow] = []
    var steps: [SQLiteRow] = []
    var metrics: [SQLiteRow] = []
    var epochs: [SQLiteRow] = []
    var changes: [SQLiteRow] = []
    var dynamicValues: [SQLiteRow] = []
  }

  static let runColumns = """
    id, started_at, finished_at, status, pipeline_name, pipeline_hash, profile, command,
    parent_run_id, owner_pid, pipeline_file
    """
  static let stepColumns = """
    run_id, name, state, reason, exit_code, started_at, finished_at, fingerprint, attempts, epoch,
    command, folder, placement, reused_from
    """
  static let parameterColumns = "name, value, layer, source, is_secret, fingerprint_value, value_json"

  /// Runs `SELECT ... FROM runs <filter>` and fetches the children of the runs it returns.
  /// `filter` must select every run between the lowest and highest id it returns.
  static func fetchRuns(
    _ filter: String, _ values: [SQLiteValue], in connection: SQLiteConnection
  ) throws(SQLiteError) -> RunRows {
    var rows = RunRows()
    rows.runs = try connection.query("SELECT \(runColumns) FROM runs \(filter)", values)
    let ids = try rows.runs.map { (row) throws(SQLiteError) in try row.int(at: 0) }
    guard let lowest = ids.min(), let highest = ids.max() else { return rows }
    let range: [SQLiteValue] = [.int(lowest), .int(highest)]
    rows.parameters = try connection.query(
      """
      SELECT run_id, \(parameterColumns) FROM parameters
      WHERE run_id BETWEEN ? AND ? ORDER BY run_id, position
      """, range)
    rows.epochs = try connection.query(
      "SELECT run_id, epoch, before_step FROM run_epochs WHERE run_id BETWEEN ? AND ? AND epoch > 0 ORDER BY run_id, epoch",
      range)
    rows.changes = try connection.query(
      """
      SELECT run_id, \(parameterColumns), epoch FROM parameter_changes
      WHERE run_id BETWEEN ? AND ? ORDER BY run_id, epoch, name
      """, range)
    rows.dynamicValues = try connection.query(
      "SELECT run_id, source, value FROM run_dynamic_values WHERE run_id BETWEEN ? AND ? ORDER BY run_id, position",
      range)
    rows.steps = try connection.query(
      "SELECT \(stepColumns) FROM steps WHERE run_id BETWEEN ? AND ? ORDER BY run_id, position",
      range)
    rows.metrics = try connection.query(
      "SELECT run_id, step, name, value FROM metrics WHERE run_id BETWEEN ? AND ?", range)
    return rows
  }

  /// Builds records from fetched rows, keeping the order of `rows.runs`.
  static func decodeRuns(_ rows: RunRows) throws(StoreError) -> [RunRecord] {
    do {
      var runs = try rows.runs.map(decodeRun)
      var index: [Int: Int] = [:]
      for (position, run) in runs.enumerated() { index[run.id] = position }
      for row in rows.parameters {
        guard let position = index[try row.int(at: 0)] else { continue }
        runs[position].parameters.append(try decodeParameter(row))
      }
      var stepIndex: [StepKey: (run: Int, step: Int)] = [:]
      for row in rows.steps {
        guard let position = index[try row.int(at: 0)] else { continue }
        let step = try decodeStep(row)
        stepIndex[StepKey(runID: runs[position].id, step: step.name)] =
          (position, runs[position].steps.count)
        runs[position].steps.append(step)
      }
      for row in rows.metrics {
        let key = StepKey(runID: try row.int(at: 0), step: try row.text(at: 1))
        guard let (run, step) = stepIndex[key] else { continue }
        runs[run].steps[step].metrics[try row.text(at: 2)] = try row.optionalDouble(at: 3) ?? .nan
      }
      try decodeEpochs(rows, into: &runs, index: index)
      for row in rows.dynamicValues {
        guard let position = index[try row.int(at: 0)] else { continue }
        runs[position].dynamicValues.append(DynamicValue(source: try row.text(at: 1), value: try row.text(at: 2)))
      }
      return runs
    } catch {
      throw decodingFailure(error)
    }
  }

  /// Maps an error thrown while decoding rows to the store's error.
  static func decodingFailure(_ error: any Error) -> StoreError {
    switch error {
    case let error as StoreError: return error
    case let error as SQLiteError: return .database(error)
    default: preconditionFailure("unexpected error while decoding: \(error)")
    }
  }

  /// Adds each run's later binding sets and the parameters that changed in them.
  private static func decodeEpochs(_ rows: RunRows, into runs: inout [RunRecord], index: [Int: Int]) throws {
    for row in rows.epochs {
      guard let position = index[try row.int(at: 0)] else { continue }
      runs[position].epochs.append(RunEpoch(number: try row.int(at: 1), beforeStep: try row.optionalText(at: 2), changes: []))
    }
    for row in rows.changes {
      guard let position = index[try row.int(at: 0)] else { continue }
      let epoch = try row.int(at: 8)
      let change = try decodeParameter(row)
      if let slot = runs[position].epochs.firstIndex(where: { $0.number == epoch }) {
        runs[position].epochs[slot].changes.append(change)
      }
    }
  }

  private struct StepKey: Hashable {
    var runID: Int
    var step: String
  }

  private static func decodeRun(_ row: SQLiteRow) throws -> RunRecord {
    let status = try row.text(at: 3)
    guard let runStatus = RunStatus(rawValue: status) else {
      throw StoreError.unreadableRecord(table: "runs", column: "status", value: status)
    }
    return RunRecord(
      id: try row.int(at: 0), startedAt: try row.double(at: 1),
      finishedAt: try row.optionalDouble(at: 2), status: runStatus,
      pipelineName: try row.text(at: 4), pipelineHash: try row.text(at: 5),
      profile: try row.optionalText(at: 6), command: try row.text(at: 7),
      parentRunID: try row.optionalInt(at: 8),
      ownerPID: Int32(truncatingIfNeeded: try row.int(at: 9)), pipelineFile: try row.optionalText(at: 10))
  }

  /// Decodes `run_id, parameterColumns`.
  static func decodeParameter(_ row: SQLiteRow) throws(SQLiteError) -> ParameterRecord {
    ParameterRecord(
      name: try row.text(at: 1), value: try row.text(at: 2), valueJSON: try row.optionalText(at: 7),
      layer: try row.text(at: 3), source: try row.text(at: 4), isSecret: try row.int(at: 5) != 0,
      fingerprintValue: try row.text(at: 6))
  }

  /// Decodes a row of `stepColumns`, without metrics.
  static func decodeStep(_ row: SQLiteRow) throws -> StepRecord {
    let state = try row.text(at: 2)
    guard let stepState = StepState(rawValue: state) else {
      throw StoreError.unreadableRecord(table: "steps", column: "state", value: state)
    }
    return StepRecord(
      name: try row.text(at: 1), state: stepState, reason: try row.optionalText(at: 3),
      exitCode: try row.optionalInt(at: 4).map { Int32(truncatingIfNeeded: $0) },
      startedAt: try row.optionalDouble(at: 5), finishedAt: try row.optionalDouble(at: 6),
      fingerprint: try row.optionalText(at: 7), attempts: try row.int(at: 8),
      reusedFromRun: try row.optionalInt(at: 13), placement: try row.optionalText(at: 12).flatMap(PlacementCoding.placement),
      epoch: try row.int(at: 9), command: try row.optionalText(at: 10), folder: try row.optionalText(at: 11))
  }
}
