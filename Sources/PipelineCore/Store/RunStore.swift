import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The record of every run of a pipeline, kept in a `.pipeshell/` folder beside it.
///
/// The folder holds `runs.db` (SQLite in WAL mode, shared safely by several shells), step
/// logs in `logs/RUNID/STEP.log`, run lock files in `locks/`, the output cache in `cache/`
/// and the key for secrets' keyed hashes in `key`. Every write is one short transaction,
/// committed before the call returns (WAL), so a killed or crashed shell loses nothing already
/// recorded; only an OS crash or power cut can drop the last commits.
package final class RunStore: Sendable {
  /// The store folder's name, beside the pipeline file.
  package static let folderName = ".pipeshell"

  /// The store folder.
  package let folder: String
  /// The database connection; exposed to the module for tests and bulk imports.
  let database: SQLiteDatabase
  /// True when the store can only be read here (a read-only disk, no permission to write):
  /// `runs`, `show`, `diff` work; starting a run says why it cannot be recorded.
  package let isReadOnly: Bool
  /// Things worth telling the user about how the store was opened (an empty database file
  /// started anew, temporary files of killed shells removed).
  package let openingNotes: [String]
  /// The database file's identity when opened: a store deleted or replaced since is noticed.
  private let identity: (device: UInt64, inode: UInt64)?
  /// Lock descriptors of the runs this store began and has not finished, by run id.
  let heldLocks = Mutex<[Int: (fd: Int32, path: String)]>([:])
  private let cachedKey = Mutex<HashKey?>(nil)

  /// Opens the store in `folder`, creating the folder (owner only, 0700) and migrating the
  /// database as needed; a store that cannot be written is opened read-only.
  package init(folder: String) throws(StoreError) {
    self.folder = folder
    let path = "\(folder)/runs.db"
    var notes: [String] = []
    let writable = Self.prepareFolders(folder)
    if writable, PosixFiles.size(path) == 0 {
      notes.append("the run store's database (\(path)) was an empty file; starting a new store in it")
    }
    do {
      if writable {
        Self.ignoreInGit(folder)
        Self.createPrivately(path)
        database = try SQLiteDatabase(path: path)
      } else {
        guard PosixFiles.exists(path) else { throw StoreError.readOnlyFolder(folder) }
        database = try Self.openReadOnly(path)
      }
    } catch let error as StoreError {
      throw error
    } catch let error as SQLiteError {
      throw .database(error)
    } catch {
      throw .readOnlyFolder(folder)
    }
    isReadOnly = !writable
    try Self.migrate(database, readOnly: !writable)
    identity = PosixFiles.identity(path)
    if writable {
      let removed = PosixFiles.removeStaleTemporaryFiles(under: "\(folder)/cache")
      if removed > 0 {
        notes.append("removed \(removed) temporary file\(removed == 1 ? "" : "s") that killed shells left in the cache")
      }
    }
    openingNotes = notes
  }

  /// Opens a store that cannot be written: through SQLite's read-only WAL support (which reads
  /// what a killed shell left in the WAL file), else as an immutable file.
  private static func openReadOnly(_ path: String) throws(SQLiteError) -> SQLiteDatabase {
    do {
      let database = try SQLiteDatabase(.readOnly(path, immutable: false))
      _ = try database.query("SELECT COUNT(*) FROM sqlite_master")
      return database
    } catch {
      return try SQLiteDatabase(.readOnly(path, immutable: true))
    }
  }

  /// Creates the store's folders owner-only (and makes an existing store's so); false when the
  /// store cannot be written here.
  private static func prepareFolders(_ folder: String) -> Bool {
    // `chmod` of a path with a NUL would change the path before it (`/` for `/\0x`).
    guard !PathText.holdsNUL(folder) else { return false }
    do {
      for path in [folder, "\(folder)/logs", "\(folder)/locks"] { try PosixFiles.makeFolders(path, mode: 0o700) }
    } catch {
      return false
    }
    chmod(folder, 0o700)
    return access(folder, W_OK) == 0
      && (access("\(folder)/runs.db", F_OK) != 0 || access("\(folder)/runs.db", W_OK) == 0)
      && Self.canWrite(in: folder)
  }

  /// True when a file can really be created in `folder` (a read-only mount says no even to root).
  private static func canWrite(in folder: String) -> Bool {
    let probe = "\(folder)/.write-probe-\(getpid())"
    let fd = open(probe, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return false }
    close(fd)
    unlink(probe)
    return true
  }

  /// Creates the database file owner-only (0600) before SQLite opens it; its WAL files take
  /// the same mode.
  private static func createPrivately(_ path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
    if fd >= 0 { close(fd) }
    chmod(path, 0o600)
  }

  /// True when the store's database is no longer the file opened (the store folder was
  /// deleted or replaced while the shell ran).
  package var isGone: Bool {
    guard let identity, let now = PosixFiles.identity("\(folder)/runs.db") else { return true }
    return now.device != identity.device || now.inode != identity.inode
  }

  deinit {
    heldLocks.withLock { locks in
      for lock in locks.values { close(lock.fd) }
    }
  }

  /// Returns the store folder for the pipeline file at `pipelinePath`.
  package static func folder(besidePipeline pipelinePath: String) -> String {
    "\(PosixFiles.parentFolder(of: pipelinePath))/\(folderName)"
  }

  /// The content-addressed cache of declared step outputs, in `cache/`.
  package var outputCache: OutputCache { OutputCache(folder: "\(folder)/cache") }

  /// Returns this store's key for keyed hashes, creating `key` (mode 0600) on first use.
  package func secretKey() throws(StoreError) -> HashKey {
    try cachedKey.withLock { (key) throws(StoreError) -> HashKey in
      if let key { return key }
      do throws(HashingError) {
        let loaded = try HashKey.loadOrCreate(inFolder: folder)
        key = loaded
        return loaded
      } catch {
        throw .hashing(error)
      }
    }
  }

  /// Returns the keyed hash of a secret, the only form in which it may be recorded.
  package func secretFingerprint(of secret: Secret) throws(StoreError) -> String {
    ContentHasher.keyedHash(secret.revealed(), key: try secretKey())
  }

  /// Where an isolated run's copy of the pipeline's folder is made: `workspaces/RUNID`.
  package func workspacePath(runID: Int) -> String { "\(folder)/workspaces/\(runID)" }

  /// Returns where a step's captured (masked) output goes: `logs/RUNID/STEP.log`.
  package func logPath(runID: Int, step: String) -> String {
    "\(folder)/logs/\(runID)/\(Self.fileName(for: step)).log"
  }

  /// Returns the newest run's id (deleted runs left out), or nil in an empty store.
  package func lastRunID() throws(StoreError) -> Int? {
    try read { (connection) throws(SQLiteError) in
      try connection.query("SELECT MAX(id) FROM runs WHERE deleted_at IS NULL")[0].optionalInt(at: 0)
    }
  }

  /// Returns one run with its parameters, steps and metrics, or nil when there is none.
  package func run(id: Int) throws(StoreError) -> RunRecord? {
    let rows = try read { (connection) throws(SQLiteError) in
      try Self.fetchRuns("WHERE id = ?", [.int(id)], in: connection)
    }
    return try Self.decodeRuns(rows).first
  }

  /// Returns the run started just before run `id` (what "changed" compares with), or nil.
  package func run(before id: Int) throws(StoreError) -> RunRecord? {
    let rows = try read { (connection) throws(SQLiteError) in
      try Self.fetchRuns("WHERE id = (SELECT MAX(id) FROM runs WHERE id < ?)", [.int(id)], in: connection)
    }
    return try Self.decodeRuns(rows).first
  }

  /// Returns the newest `limit` runs (deleted runs left out), newest first, in a few queries.
  package func recentRuns(limit: Int) throws(StoreError) -> [RunRecord] {
    let rows = try read { (connection) throws(SQLiteError) in
      try Self.fetchRuns("WHERE deleted_at IS NULL ORDER BY id DESC LIMIT ?", [.int(max(0, limit))], in: connection)
    }
    return try Self.decodeRuns(rows)
  }

  /// Returns the newest step that ran successfully with this fingerprint, to reuse its
  /// result. Only steps that ran count (`ok`), not steps that were themselves reused, and
  /// only in runs not deleted.
  package func successfulStep(
    fingerprint: String
  ) throws(StoreError) -> (runID: Int, step: StepRecord)? {
    let found = try read { (connection) throws(SQLiteError) -> (SQLiteRow, [SQLiteRow])? in
      let rows = try connection.query(
        """
        SELECT \(Self.stepColumns) FROM steps WHERE fingerprint = ? AND state = 'ok'
          AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.id = steps.run_id AND runs.deleted_at IS NOT NULL)
        ORDER BY run_id DESC LIMIT 1
        """, [.text(fingerprint)])
      guard let row = rows.first else { return nil }
      let metrics = try connection.query(
        "SELECT name, value FROM metrics WHERE run_id = ? AND step = ?", [row[0], row[1]])
      return (row, metrics)
    }
    guard let (row, metrics) = found else { return nil }
    do {
      var step = try Self.decodeStep(row)
      for metric in metrics {
        step.metrics[try metric.text(at: 0)] = try metric.optionalDouble(at: 1) ?? .nan
      }
      return (try row.int(at: 0), step)
    } catch {
      throw Self.decodingFailure(error)
    }
  }

  /// Runs `body` in a read transaction (one consistent snapshot).
  func read<T: Sendable>(
    _ body: (SQLiteConnection) throws(SQLiteError) -> T
  ) throws(StoreError) -> T {
    do { return try database.transaction(.deferred, body) } catch { throw .database(error) }
  }

  /// Runs `body` in a write transaction, committed before this returns.
  func write<T: Sendable>(
    _ body: (SQLiteConnection) throws(SQLiteError) -> T
  ) throws(StoreError) -> T {
    if isReadOnly { throw .readOnly }
    do { return try database.transaction(.immediate, body) } catch { throw .database(error) }
  }

  /// True when this store began run `id` and still holds its lock.
  func holdsLock(ofRun id: Int) -> Bool {
    heldLocks.withLock { $0[id] != nil }
  }

  func lockPath(named name: String) -> String { "\(folder)/locks/\(name).lock" }

  /// A file name for a step: letters, digits, `_`, `-` and inner `.` stay; every other
  /// byte becomes `%XX`, so names never collide and never leave the run's log folder.
  static func fileName(for step: String) -> String {
    var name = ""
    for (offset, byte) in step.utf8.enumerated() {
      let plain =
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        || byte == 0x5F || byte == 0x2D || (byte == 0x2E && offset > 0)
      name += plain ? String(UnicodeScalar(byte)) : "%" + ContentHasher.hex([byte]).uppercased()
    }
    return name.isEmpty ? "%" : name
  }
}
