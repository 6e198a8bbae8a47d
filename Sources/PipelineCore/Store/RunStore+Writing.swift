/// The SQL that writes runs, steps and metrics; each function runs inside a caller's
/// transaction so that a whole change commits or none of it does.
extension RunStore {
  static func insertRun(
    _ run: NewRun, ownerPID: Int32, ownerLock: String?, into connection: SQLiteConnection
  ) throws(SQLiteError) -> Int {
    try connection.run(
      """
      INSERT INTO runs (started_at, status, pipeline_name, pipeline_hash, profile, command,
        parent_run_id, owner_pid, owner_lock)
      VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .double(run.startedAt), .text(run.pipelineName), .text(run.pipelineHash),
        .optional(run.profile, SQLiteValue.text), .text(run.command),
        .optional(run.parentRunID, SQLiteValue.int), .int(Int(ownerPID)),
        .optional(ownerLock, SQLiteValue.text),
      ])
    let id = connection.lastInsertedRowID
    let insert = try connection.prepare(
      """
      INSERT INTO parameters (run_id, position, name, value, layer, source, is_secret,
        fingerprint_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """)
    for (position, parameter) in run.parameters.enumerated() {
      try insert.run([
        .int(id), .int(position), .text(parameter.name),
        .text(parameter.isSecret ? Secret.mask : parameter.value), .text(parameter.layer),
        .text(parameter.source), .int(parameter.isSecret ? 1 : 0),
        .text(parameter.fingerprintValue),
      ])
    }
    return id
  }

  static func upsertStep(
    _ step: StepRecord, runID: Int, into connection: SQLiteConnection
  ) throws(SQLiteError) {
    try connection.run(
      """
      INSERT INTO steps (run_id, name, position, state, reason, exit_code, started_at,
        finished_at, fingerprint, attempts)
      VALUES (?1, ?2, (SELECT COALESCE(MAX(position) + 1, 0) FROM steps WHERE run_id = ?1),
        ?3, ?4, ?5, ?6, ?7, ?8, ?9)
      ON CONFLICT (run_id, name) DO UPDATE SET state = excluded.state,
        reason = excluded.reason, exit_code = excluded.exit_code,
        started_at = excluded.started_at, finished_at = excluded.finished_at,
        fingerprint = excluded.fingerprint, attempts = excluded.attempts
      """,
      [
        .int(runID), .text(step.name), .text(step.state.rawValue),
        .optional(step.reason, SQLiteValue.text), .optional(step.exitCode) { .int(Int($0)) },
        .optional(step.startedAt, SQLiteValue.double),
        .optional(step.finishedAt, SQLiteValue.double),
        .optional(step.fingerprint, SQLiteValue.text), .int(step.attempts),
      ])
    for (name, value) in step.metrics.sorted(by: { $0.key < $1.key }) {
      try upsertMetric(runID: runID, step: step.name, name: name, value: value, into: connection)
    }
  }

  /// Records a metric; NaN is stored as NULL (SQLite has no NaN) and read back as NaN.
  static func upsertMetric(
    runID: Int, step: String, name: String, value: Double, into connection: SQLiteConnection
  ) throws(SQLiteError) {
    try connection.run(
      """
      INSERT INTO metrics (run_id, step, name, value) VALUES (?, ?, ?, ?)
      ON CONFLICT (run_id, step, name) DO UPDATE SET value = excluded.value
      """,
      [.int(runID), .text(step), .text(name), value.isNaN ? .null : .double(value)])
  }

  static func runExists(_ id: Int, in connection: SQLiteConnection) throws(SQLiteError) -> Bool {
    try !connection.query("SELECT 1 FROM runs WHERE id = ?", [.int(id)]).isEmpty
  }

  static func stepExists(
    runID: Int, step: String, in connection: SQLiteConnection
  ) throws(SQLiteError) -> Bool {
    try !connection.query(
      "SELECT 1 FROM steps WHERE run_id = ? AND name = ?", [.int(runID), .text(step)]
    ).isEmpty
  }

  /// Sets a run's end; an interrupted run's running steps become interrupted too.
  static func finish(
    runID: Int, status: RunStatus, finishedAt: Double, in connection: SQLiteConnection
  ) throws(SQLiteError) -> Bool {
    let changed = try connection.run(
      "UPDATE runs SET status = ?, finished_at = ? WHERE id = ?",
      [.text(status.rawValue), .double(finishedAt), .int(runID)])
    if changed > 0, status == .interrupted {
      try interruptRunningSteps(runID: runID, in: connection)
    }
    return changed > 0
  }

  static func interruptRunningSteps(runID: Int, in connection: SQLiteConnection) throws(SQLiteError)
  {
    try connection.run(
      "UPDATE steps SET state = 'interrupted' WHERE run_id = ? AND state = 'running'", [.int(runID)]
    )
  }
}
