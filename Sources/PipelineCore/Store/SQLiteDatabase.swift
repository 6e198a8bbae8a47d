import CSQLite
import Synchronization

/// A connection to one SQLite database, safe to share between threads.
///
/// This is the only file that imports SQLite. Every call goes through one lock that owns
/// the handle, so a transaction runs alone on this connection; other processes are
/// coordinated by SQLite itself (WAL journal, busy timeout). `close()` may be called
/// more than once; the handle is also closed when the object goes away.
package final class SQLiteDatabase: Sendable {
  /// Where the database lives.
  package enum Location: Sendable, Hashable {
    /// A file, created when missing, journaled with write-ahead logging.
    case path(String)
    /// A file only read: a store on a read-only disk or without permission to write. With
    /// `immutable`, SQLite takes no locks and ignores a WAL file (for a file nothing can lock).
    case readOnly(String, immutable: Bool)
    /// A private database in memory, gone when the connection closes.
    case memory
  }

  /// How a transaction takes its locks.
  package enum TransactionKind: Sendable {
    /// Takes a read snapshot now and the write lock only on the first write.
    case deferred
    /// Takes the write lock at once, waiting up to the busy timeout for other writers.
    case immediate
  }

  /// Where this database lives.
  package let location: Location
  /// The open handle (nil once closed) and its compiled statements, behind one lock.
  private let handle: Mutex<(pointer: OpaquePointer?, statements: StatementCache)>

  /// Opens (creating if needed) the database at `location`, with WAL, a busy timeout,
  /// foreign keys on and full synchronisation (a committed transaction survives a crash).
  package init(_ location: Location, busyTimeoutMilliseconds: Int32 = 5000) throws(SQLiteError) {
    self.location = location
    let path: String
    var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    switch location {
    case .path(let file): path = file
    case .memory: path = ":memory:"
    case .readOnly(let file, let immutable):
      path = "file:" + Self.uriEscaped(file) + (immutable ? "?immutable=1" : "?mode=ro")
      flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
    }
    var pointer: OpaquePointer?
    let status = sqlite3_open_v2(path, &pointer, flags, nil)
    guard status == SQLITE_OK, let pointer else {
      let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(pointer)
      throw .cannotOpen(path: path, code: SQLiteResultCode(rawValue: status), message: message)
    }
    sqlite3_extended_result_codes(pointer, 1)
    sqlite3_busy_timeout(pointer, busyTimeoutMilliseconds)
    do {
      let connection = SQLiteConnection(pointer: pointer, statements: StatementCache())
      if case .path = location { try connection.execute("PRAGMA journal_mode = WAL") }
      // WAL with synchronous NORMAL: a commit survives the shell being killed or crashing
      // (the spec's promise); only an OS crash or power cut can drop the last commits. FULL
      // would fsync twice per step and double the per-step cost of a run.
      if case .readOnly = location {
      } else {
        try connection.execute("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
      }
    } catch {
      sqlite3_close_v2(pointer)
      throw .cannotOpen(path: path, code: error.code ?? .error, message: "\(error)")
    }
    handle = Mutex((pointer, StatementCache()))
  }

  /// Opens the database file at `path` (see `init(_:busyTimeoutMilliseconds:)`).
  package convenience init(path: String) throws(SQLiteError) {
    try self.init(.path(path))
  }

  /// A path as a URI path: `%`, `?` and `#` escaped.
  private static func uriEscaped(_ path: String) -> String {
    var out = ""
    for scalar in path.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "?": out += "%3f"
      case "#": out += "%23"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Opens a private database in memory.
  package static func inMemory() throws(SQLiteError) -> SQLiteDatabase {
    try SQLiteDatabase(.memory)
  }

  deinit { close() }

  /// Closes the connection (`sqlite3_close_v2`); later calls throw `SQLiteError.closed`.
  package func close() {
    handle.withLock { state in
      state.statements.removeAll()
      if let open = state.pointer { sqlite3_close_v2(open) }
      state.pointer = nil
    }
  }

  /// Runs `body` with the connection while holding its lock; do not keep the connection.
  /// Swift does not yet infer a closure's thrown type, so write
  /// `(connection) throws(SQLiteError) in`.
  @discardableResult
  package func withConnection<T: Sendable>(
    _ body: (SQLiteConnection) throws(SQLiteError) -> T
  ) throws(SQLiteError) -> T {
    try handle.withLock { (state) throws(SQLiteError) -> T in
      guard let open = state.pointer else { throw .closed }
      return try body(SQLiteConnection(pointer: open, statements: state.statements))
    }
  }

  /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
  /// `body` must not call back into this database object (the lock is not re-entrant).
  /// BEGIN and COMMIT are compiled once (cached statements), not parsed on every call: a
  /// run writes two transactions per step.
  @discardableResult
  package func transaction<T: Sendable>(
    _ kind: TransactionKind = .immediate,
    _ body: (SQLiteConnection) throws(SQLiteError) -> T
  ) throws(SQLiteError) -> T {
    try withConnection { (connection) throws(SQLiteError) -> T in
      try connection.run(kind == .immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
      do throws(SQLiteError) {
        let result = try body(connection)
        try connection.run("COMMIT")
        return result
      } catch {
        if connection.isInTransaction { try? connection.execute("ROLLBACK") }
        throw error
      }
    }
  }

  /// Runs one or more SQL statements separated by semicolons, discarding any rows.
  package func execute(_ sql: String) throws(SQLiteError) {
    try withConnection { (connection) throws(SQLiteError) in try connection.execute(sql) }
  }

  /// Runs one statement with `values` bound to its parameters and returns every row.
  package func query(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> [SQLiteRow] {
    try withConnection { (connection) throws(SQLiteError) in try connection.query(sql, values) }
  }
}

/// The open handle, lent to a closure by `SQLiteDatabase`; valid only inside that closure.
package struct SQLiteConnection {
  let pointer: OpaquePointer
  let statements: StatementCache

  /// Runs one or more SQL statements (`sqlite3_exec`), discarding any rows.
  package func execute(_ sql: String) throws(SQLiteError) {
    var message: UnsafeMutablePointer<CChar>?
    let status = sqlite3_exec(pointer, sql, nil, nil, &message)
    defer { sqlite3_free(message) }
    guard status == SQLITE_OK else {
      let text = message.map { String(cString: $0) } ?? lastMessage
      throw .failed(sql: sql, code: SQLiteResultCode(rawValue: status), message: text)
    }
  }

  /// Compiles one statement (`sqlite3_prepare_v2`) for repeated use inside this closure.
  package func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    var statement: OpaquePointer?
    let status = sqlite3_prepare_v2(pointer, sql, -1, &statement, nil)
    guard status == SQLITE_OK, let statement else {
      throw .cannotPrepare(sql: sql, code: SQLiteResultCode(rawValue: status), message: lastMessage)
    }
    return SQLiteStatement(pointer: statement, sql: sql)
  }

  /// Runs one statement with `values` bound and returns every row. The compiled statement
  /// is kept for the next call with the same text.
  package func query(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> [SQLiteRow] {
    try cachedStatement(sql).rows(values)
  }

  /// Runs one statement with `values` bound and returns how many rows it changed. The
  /// compiled statement is kept for the next call with the same text.
  @discardableResult
  package func run(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> Int {
    try cachedStatement(sql).run(values)
  }

  private func cachedStatement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    if let statement = statements.byText[sql] { return statement }
    let statement = try prepare(sql)
    if statements.byText.count >= StatementCache.capacity { statements.removeAll() }
    statements.byText[sql] = statement
    return statement
  }

  /// The rowid of the last row inserted on this connection (`sqlite3_last_insert_rowid`).
  package var lastInsertedRowID: Int { Int(sqlite3_last_insert_rowid(pointer)) }

  /// True while a transaction is open (`sqlite3_get_autocommit` is off).
  package var isInTransaction: Bool { sqlite3_get_autocommit(pointer) == 0 }

  var lastMessage: String { String(cString: sqlite3_errmsg(pointer)) }
}

/// Compiled statements of one connection, by SQL text; touched only under its lock.
final class StatementCache {
  /// More distinct statements than this empties the cache (the store uses a few dozen).
  static let capacity = 128
  var byText: [String: SQLiteStatement] = [:]

  func removeAll() { byText.removeAll() }
}

/// A compiled statement (`sqlite3_stmt`), finalized when released; use it only inside the
/// closure that lent its connection.
package final class SQLiteStatement {
  private let pointer: OpaquePointer
  /// The statement's text, for error messages.
  package let sql: String

  init(pointer: OpaquePointer, sql: String) {
    self.pointer = pointer
    self.sql = sql
  }

  deinit { sqlite3_finalize(pointer) }

  /// Resets the statement and binds `values` to parameters 1, 2, ... in order.
  package func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
    sqlite3_reset(pointer)
    sqlite3_clear_bindings(pointer)
    for (offset, value) in values.enumerated() {
      let status = bind(value, at: Int32(offset + 1))
      guard status == SQLITE_OK else {
        throw .cannotBind(
          sql: sql, index: offset + 1, code: SQLiteResultCode(rawValue: status),
          message: lastMessage)
      }
    }
  }

  /// Advances to the next row (`sqlite3_step`); nil when the statement is done.
  package func step() throws(SQLiteError) -> SQLiteRow? {
    let status = sqlite3_step(pointer)
    switch status {
    case SQLITE_ROW:
      return SQLiteRow((0..<sqlite3_column_count(pointer)).map(column))
    case SQLITE_DONE:
      return nil
    default:
      throw .failed(sql: sql, code: SQLiteResultCode(rawValue: status), message: lastMessage)
    }
  }

  /// Binds `values`, runs to the end and returns every row.
  package func rows(_ values: [SQLiteValue] = []) throws(SQLiteError) -> [SQLiteRow] {
    try bind(values)
    defer { finish() }
    var rows: [SQLiteRow] = []
    while let row = try step() { rows.append(row) }
    return rows
  }

  /// Binds `values`, runs to the end and returns how many rows changed (`sqlite3_changes64`).
  @discardableResult
  package func run(_ values: [SQLiteValue] = []) throws(SQLiteError) -> Int {
    try bind(values)
    defer { finish() }
    while try step() != nil {}
    return Int(sqlite3_changes64(sqlite3_db_handle(pointer)))
  }

  /// Ends a run of the statement and drops its bound values, so that a cached statement
  /// holds no copy of the last values it saw.
  private func finish() {
    sqlite3_reset(pointer)
    sqlite3_clear_bindings(pointer)
  }

  private var lastMessage: String { String(cString: sqlite3_errmsg(sqlite3_db_handle(pointer))) }

  /// Tells SQLite to copy bound text and blobs (`SQLITE_TRANSIENT`).
  private var transient: sqlite3_destructor_type {
    unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)
  }

  private func bind(_ value: SQLiteValue, at index: Int32) -> Int32 {
    switch value {
    case .null:
      return sqlite3_bind_null(pointer, index)
    case .int(let number):
      return sqlite3_bind_int64(pointer, index, sqlite3_int64(number))
    case .double(let number):
      return sqlite3_bind_double(pointer, index, number)
    case .text(var text):
      return text.withUTF8 { bytes in
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
          return sqlite3_bind_text(pointer, index, "", 0, transient)
        }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
          sqlite3_bind_text64(
            pointer, index, $0, UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
        }
      }
    case .blob(let bytes):
      return bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
          return sqlite3_bind_zeroblob(pointer, index, 0)
        }
        return sqlite3_bind_blob64(pointer, index, base, UInt64(buffer.count), transient)
      }
    }
  }

  private func column(_ index: Int32) -> SQLiteValue {
    switch sqlite3_column_type(pointer, index) {
    case SQLITE_INTEGER:
      return .int(Int(sqlite3_column_int64(pointer, index)))
    case SQLITE_FLOAT:
      return .double(sqlite3_column_double(pointer, index))
    case SQLITE_TEXT:
      let start = sqlite3_column_text(pointer, index)
      let count = Int(sqlite3_column_bytes(pointer, index))
      return .text(String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self))
    case SQLITE_BLOB:
      let start = sqlite3_column_blob(pointer, index)
      let count = Int(sqlite3_column_bytes(pointer, index))
      return .blob(start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? [])
    default:
      return .null
    }
  }
}

extension SQLiteResultCode {
  /// Generic error (`SQLITE_ERROR`).
  package static let error = SQLiteResultCode(rawValue: SQLITE_ERROR)
  /// Another connection holds a lock past the busy timeout (`SQLITE_BUSY`).
  package static let busy = SQLiteResultCode(rawValue: SQLITE_BUSY)
  /// A constraint (unique, not null, foreign key, check) failed (`SQLITE_CONSTRAINT`).
  package static let constraint = SQLiteResultCode(rawValue: SQLITE_CONSTRAINT)
}
