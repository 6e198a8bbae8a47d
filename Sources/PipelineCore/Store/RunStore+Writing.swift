/// The SQL that writes runs, steps and metrics; each function runs inside a caller's
/// transaction so that a whole change commits or none of it does.
extension RunStore {
  static func insertRun(
    _ run: NewRun, ownerPID: Int32, ownerLock: String?, into connection: SQLiteConnection
  ) throws(SQLiteError) -> Int {
    try connection.run(
      """
      INSERT INTO runs (started_at, status, pipeline_name, pipeline_hash, profile, command,
        parent_run_id, owner_pid, owner_lock, pipeline_file)
      VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .double(run.startedAt), .text(run.pipelineName), .text(run.pipelineHash),
        .optional(run.profile, SQLiteValue.text), .text(run.command),
        .optional(run.parentRunID, SQLiteValue.int), .int(Int(ownerPID)),
        .optional(ownerLock, SQLiteValue.text), .optional(run.pipelineFile, SQLiteValue.text),
      ])
    let id = connection.lastInsertedRowID
    let insert = try connection.prepare(
      """
      INSERT INTO parameters (run_id, position, name, value, layer, source, is_secret,
        fingerprint_value, value_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    for (position, parameter) in run.parameters.enumerated() {
      try insert.run([.int(id), .int(position)] + parameterColumns(parameter))
    }
    if let bindings = run.bindings {
      try connection.run(
        "INSERT INTO run_epochs (run_id, epoch, before_step, bindings) VALUES (?, 0, NULL, ?)",
        [.int(id), .text(bindings)])
    }
    let dynamic = try connection.prepare(
      "INSERT INTO run_dynamic_values (run_id, position, source, value) VALUES (?, ?, ?, ?)")
    for (position, value) in run.dynamicValues.enumerated() {
      try dynamic.run([.int(id), .int(position), .text(value.source), .text(value.value)])
    }
    return id
  }

  /// The columns of a parameter from `name` to `value_json`: a secret's value is written as
  /// `****` when it has one, and its typed value never.
  static func parameterColumns(_ parameter: ParameterRecord) -> [SQLiteValue] {
    let shown = parameter.isSecret ? (parameter.isSet ? Secret.mask : "") : parameter.value
    return [
      .text(parameter.name), .text(shown), .text(parameter.layer), .text(parameter.source),
      .int(parameter.isSecret ? 1 : 0), .text(parameter.fingerprintValue),
      parameter.isSecret ? .null : .optional(parameter.valueJSON, SQLiteValue.text),
    ]
  }

  /// Records a later binding set of a run: its bindings and the parameters that changed.
  static func insertEpoch(
    runID: Int, epoch: RunEpoch, bindings: String, into connection: SQLiteConnection
  ) throws(SQLiteError) {
    try connection.run(
      "INSERT OR REPLACE INTO run_epochs (run_id, epoch, before_step, bindings) VALUES (?, ?, ?, ?)",
      [.int(runID), .int(epoch.number), .optional(epoch.beforeStep, SQLiteValue.text), .text(bindings)])
    let insert = try connection.prepare(
      """
      INSERT OR REPLACE INTO parameter_changes (run_id, epoch, name, value, layer, source, is_secret,
        fingerprint_value, value_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    for change in epoch.changes {
      try insert.run([.int(runID), .int(epoch.number)] + parameterColumns(change))
    }
  }

  static func upsertStep(
    _ step: StepRecord, runID: Int, into connection: SQLiteConnection
  ) throws(SQLiteError) {
    try connection.run(
      """
      INSERT INTO steps (run_id, name, position, state, reason, exit_code, started_at,
        finished_at, fingerprint, attempts, epoch, command, folder, placement, reused_from)
      VALUES (?1, ?2, (SELECT COALESCE(MAX(position) + 1, 0) FROM steps WHERE run_id = ?1),
        ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
      ON CONFLICT (run_id, name) DO UPDATE SET state = excluded.state,
        reason = excluded.reason, exit_code = excluded.exit_code,
        started_at = excluded.started_at, finished_at = excluded.finished_at,
        fingerprint = excluded.fingerprint, attempts = excluded.attempts, epoch = excluded.epoch,
        command = COALESCE(excluded.command, command), folder = COALESCE(excluded.folder, folder),
        placement = COALESCE(excluded.placement, placement), reused_from = excluded.reused_from
      """,
      [
        .int(runID), .text(step.name), .text(step.state.rawValue),
        .optional(step.reason, SQLiteValue.text), .optional(step.exitCode) { .int(Int($0)) },
        .optional(step.startedAt, SQLiteValue.double),
        .optional(step.finishedAt, SQLiteValue.double),
        .optional(step.fingerprint, SQLiteValue.text), .int(step.attempts), .int(step.epoch),
        .optional(step.command, SQLiteValue.text), .optional(step.folder, SQLiteValue.text),
        .optional(step.placement.map(PlacementCoding.text), SQLiteValue.text),
        .optional(step.reusedFromRun, SQLiteValue.int),
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
