/// An SQLite result code (extended codes included), kept as an open set like errno values.
package struct SQLiteResultCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  /// The number `sqlite3_*` returned.
  package var rawValue: Int32

  /// Wraps a result code.
  package init(rawValue: Int32) { self.rawValue = rawValue }

  /// `SQLITE_CONSTRAINT_FOREIGNKEY`: a row refers to a row that does not exist.
  package static let foreignKeyViolation = SQLiteResultCode(rawValue: 787)

  /// The primary code, with the extended bits removed (`SQLITE_BUSY_SNAPSHOT` -> `SQLITE_BUSY`).
  package var primary: SQLiteResultCode { SQLiteResultCode(rawValue: rawValue & 0xff) }

  /// The number, as SQLite documents it.
  package var description: String { "\(rawValue)" }
}

/// A failed SQLite call, with the result code and SQLite's own message.
package enum SQLiteError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The database could not be opened or configured.
  case cannotOpen(path: String, code: SQLiteResultCode, message: String)
  /// A statement did not compile.
  case cannotPrepare(sql: String, code: SQLiteResultCode, message: String)
  /// A value could not be bound to a statement parameter.
  case cannotBind(sql: String, index: Int, code: SQLiteResultCode, message: String)
  /// A statement failed while running (constraint, busy past the timeout, disk full, ...).
  case failed(sql: String, code: SQLiteResultCode, message: String)
  /// A column held a value of another type than the reader expected.
  case typeMismatch(column: Int, expected: String, found: SQLiteValue)
  /// The database was used after `close()`.
  case closed

  /// The result code, for the cases that come from SQLite.
  package var code: SQLiteResultCode? {
    switch self {
    case .cannotOpen(_, let code, _), .cannotPrepare(_, let code, _),
      .cannotBind(_, _, let code, _), .failed(_, let code, _):
      return code
    case .typeMismatch, .closed:
      return nil
    }
  }

  /// The message shown to people, SQLite's own text included.
  package var description: String {
    switch self {
    case .cannotOpen(let path, let code, let message):
      return "cannot open database '\(path)': \(message) (code \(code))"
    case .cannotPrepare(let sql, let code, let message):
      return "cannot prepare '\(sql)': \(message) (code \(code))"
    case .cannotBind(let sql, let index, let code, let message):
      return "cannot bind parameter \(index) of '\(sql)': \(message) (code \(code))"
    case .failed(let sql, let code, let message):
      return "'\(sql)' failed: \(message) (code \(code))"
    case .typeMismatch(let column, let expected, let found):
      return "column \(column) holds \(found); expected \(expected)"
    case .closed:
      return "the database is closed"
    }
  }
}

extension SQLiteError {
  /// What went wrong in words, for people: never the SQL, which means nothing to them.
  package var inWords: String {
    let message: String
    switch self {
    case .cannotOpen(_, _, let m), .cannotPrepare(_, _, let m), .cannotBind(_, _, _, let m), .failed(_, _, let m):
      message = m
    case .typeMismatch(let column, let expected, _):
      return "a recorded value is not what this pipeshell expects (column \(column): expected \(expected))"
    case .closed:
      return "the database is closed"
    }
    switch code?.primary.rawValue {
    case 8?, 3?: return "it is read-only here (no permission to write it)"
    case 13?: return "the disk is full"
    case 11?, 26?: return "its database (runs.db) is damaged or not a database; move it aside to start a new store"
    case 5?, 6?: return "it is busy: another shell kept it locked too long"
    case 10?: return "it could not be read or written (\(message))"
    case 14?: return "its database (runs.db) cannot be opened (\(message))"
    default: return "it refused the change (\(message), code \(code?.description ?? "-"))"
    }
  }
}
