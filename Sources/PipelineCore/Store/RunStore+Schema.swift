extension RunStore {
  /// The schema as an ordered list of migrations: running entry `i` takes the database from
  /// `PRAGMA user_version` i to i + 1. Append new entries; never edit a shipped one.
  static let migrations: [String] = [
    """
    CREATE TABLE runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      started_at REAL NOT NULL,
      finished_at REAL,
      status TEXT NOT NULL,
      pipeline_name TEXT NOT NULL,
      pipeline_hash TEXT NOT NULL,
      profile TEXT,
      command TEXT NOT NULL,
      parent_run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
      owner_pid INTEGER NOT NULL,
      owner_lock TEXT
    );
    CREATE INDEX runs_still_running ON runs (id) WHERE status = 'running';
    CREATE TABLE parameters (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      value TEXT NOT NULL,
      layer TEXT NOT NULL,
      source TEXT NOT NULL,
      is_secret INTEGER NOT NULL,
      fingerprint_value TEXT NOT NULL,
      PRIMARY KEY (run_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE steps (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      position INTEGER NOT NULL,
      state TEXT NOT NULL,
      reason TEXT,
      exit_code INTEGER,
      started_at REAL,
      finished_at REAL,
      fingerprint TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (run_id, name)
    ) WITHOUT ROWID;
    CREATE INDEX steps_ok_by_fingerprint ON steps (fingerprint, run_id) WHERE state = 'ok';
    CREATE TABLE metrics (
      run_id INTEGER NOT NULL,
      step TEXT NOT NULL,
      name TEXT NOT NULL,
      value REAL,
      PRIMARY KEY (run_id, step, name),
      FOREIGN KEY (run_id, step) REFERENCES steps (run_id, name) ON DELETE CASCADE
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE step_outputs (
      run_id INTEGER NOT NULL,
      step TEXT NOT NULL,
      path TEXT NOT NULL,
      hash TEXT NOT NULL,
      PRIMARY KEY (run_id, step, path),
      FOREIGN KEY (run_id, step) REFERENCES steps (run_id, name) ON DELETE CASCADE
    ) WITHOUT ROWID;
    """,
    // A step's first record takes position MAX(position) + 1 of its run: without this index
    // that was a scan of the run's steps on every write, quadratic in the run's length.
    // Steps without a fingerprint (`--no-cache`, `cache: false`) can never be looked up by
    // one, so they leave the reuse index alone (a page less to write as each one finishes).
    """
    CREATE INDEX steps_by_position ON steps (run_id, position);
    DROP INDEX steps_ok_by_fingerprint;
    CREATE INDEX steps_ok_by_fingerprint ON steps (fingerprint, run_id)
      WHERE state = 'ok' AND fingerprint IS NOT NULL;
    """,
    // What each step saw: its command and folder as run, where it ran, and which binding set
    // (epoch) its values came from; values typed (JSON); the bindings of each epoch, so a
    // rerun replays every layer as it was; the dynamic values read when the run started.
    """
    ALTER TABLE steps ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE steps ADD COLUMN command TEXT;
    ALTER TABLE steps ADD COLUMN folder TEXT;
    ALTER TABLE steps ADD COLUMN placement TEXT;
    ALTER TABLE steps ADD COLUMN reused_from INTEGER;
    ALTER TABLE parameters ADD COLUMN value_json TEXT;
    ALTER TABLE runs ADD COLUMN pipeline_file TEXT;
    CREATE TABLE run_epochs (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      epoch INTEGER NOT NULL,
      before_step TEXT,
      bindings TEXT NOT NULL,
      PRIMARY KEY (run_id, epoch)
    ) WITHOUT ROWID;
    CREATE TABLE parameter_changes (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      epoch INTEGER NOT NULL,
      name TEXT NOT NULL,
      value TEXT NOT NULL,
      value_json TEXT,
      layer TEXT NOT NULL,
      source TEXT NOT NULL,
      is_secret INTEGER NOT NULL,
      fingerprint_value TEXT NOT NULL,
      PRIMARY KEY (run_id, epoch, name)
    ) WITHOUT ROWID;
    CREATE TABLE run_dynamic_values (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      source TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (run_id, position)
    ) WITHOUT ROWID;
    """,
    // Experiments: the isolated copy a run ran in, the sweep (and point) it belongs to, a note,
    // tags, soft deletion (`delete run`; `gc` removes what is left), and the code it ran (git
    // commit and the tracked files that differed). A sweep is a group of runs: its axes, how
    // many points, the bindings it started from (for `--resume`), and who runs it.
    """
    ALTER TABLE runs ADD COLUMN workspace TEXT;
    ALTER TABLE runs ADD COLUMN sweep_id INTEGER REFERENCES sweeps (id) ON DELETE SET NULL;
    ALTER TABLE runs ADD COLUMN sweep_point INTEGER;
    ALTER TABLE runs ADD COLUMN note TEXT;
    ALTER TABLE runs ADD COLUMN deleted_at REAL;
    ALTER TABLE runs ADD COLUMN code TEXT;
    CREATE INDEX runs_by_sweep ON runs (sweep_id, sweep_point) WHERE sweep_id IS NOT NULL;
    CREATE TABLE run_tags (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      PRIMARY KEY (run_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX run_tags_by_tag ON run_tags (tag, run_id);
    CREATE TABLE sweeps (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      started_at REAL NOT NULL,
      finished_at REAL,
      status TEXT NOT NULL,
      pipeline_name TEXT NOT NULL,
      pipeline_file TEXT,
      command TEXT NOT NULL,
      axes TEXT NOT NULL,
      point_count INTEGER NOT NULL,
      profile TEXT,
      bindings TEXT,
      settings TEXT,
      owner_pid INTEGER NOT NULL,
      owner_lock TEXT
    );
    """,
    // Each kept output file's permission bits: the cache keeps one copy per content, so two
    // outputs with the same bytes but not the same exec bit are restored each with its own.
    // Rows written before have none (NULL): those are restored with the cached copy's bit.
    """
    ALTER TABLE step_outputs ADD COLUMN mode INTEGER;
    """,
  ]

  /// The schema version this build writes.
  static var schemaVersion: Int { migrations.count }

  /// Brings the database up to `schemaVersion`, in one immediate transaction so that two
  /// shells opening a fresh store at once do not both migrate it.
  static func migrate(_ database: SQLiteDatabase, readOnly: Bool = false) throws(StoreError) {
    var found: Int
    do {
      found = try database.query("PRAGMA user_version")[0].int(at: 0)
      if found < schemaVersion, readOnly { throw StoreError.needsUpgradeButReadOnly }
      if found < schemaVersion {
        found = try database.transaction(.immediate) { (connection) throws(SQLiteError) in
          let current = try connection.query("PRAGMA user_version")[0].int(at: 0)
          for index in current..<max(current, schemaVersion) {
            try connection.execute(migrations[index])
            try connection.execute("PRAGMA user_version = \(index + 1)")
          }
          return current
        }
      }
    } catch let error as StoreError {
      throw error
    } catch let error as SQLiteError {
      throw .database(error)
    } catch {
      throw .needsUpgradeButReadOnly
    }
    guard found <= schemaVersion else {
      throw .schemaTooNew(found: found, supported: schemaVersion)
    }
  }
}
