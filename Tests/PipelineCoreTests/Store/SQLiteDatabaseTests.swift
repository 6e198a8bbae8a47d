import Testing

@testable import PipelineCore

@Suite struct SQLiteDatabaseTests {
  @Test func valuesRoundTripThroughEveryType() throws {
    let database = try SQLiteDatabase.inMemory()
    try database.execute("CREATE TABLE t (a, b, c, d, e, f, g)")
    let values: [SQLiteValue] = [
      .null, .int(Int.max), .double(-0.125), .text("héllo ✓"), .text(""),
      .blob([0, 1, 2, 255]), .blob([]),
    ]
    try database.withConnection { (connection) throws(SQLiteError) in
      try connection.run("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", values)
    }
    let row = try #require(try database.query("SELECT * FROM t").first)
    #expect(row[0] == .null)
    #expect(try row.int(at: 1) == Int.max)
    #expect(try row.double(at: 2) == -0.125)
    #expect(try row.text(at: 3) == "héllo ✓")
    #expect(try row.text(at: 4) == "")
    #expect(try row.blob(at: 5) == [0, 1, 2, 255])
    #expect(try row.optionalInt(at: 0) == nil)
    #expect(try row.double(at: 1) == Double(Int.max))
  }

  @Test func textWithAnEmbeddedNulIsKeptWhole() throws {
    let database = try SQLiteDatabase.inMemory()
    let rows = try database.query(
      "SELECT length(CAST(? AS BLOB)), ?", [.text("a\0b"), .text("a\0b")])
    #expect(try rows[0].int(at: 0) == 3)
    #expect(try rows[0].text(at: 1) == "a\0b")
  }

  @Test func readingTheWrongTypeIsAnError() throws {
    let database = try SQLiteDatabase.inMemory()
    let row = try database.query("SELECT 'text'")[0]
    #expect(throws: SQLiteError.typeMismatch(column: 0, expected: "integer", found: .text("text"))) {
      try row.int(at: 0)
    }
  }

  @Test func fileDatabasesUseWriteAheadLoggingAndABusyTimeout() throws {
    let folder = TemporaryFolder()
    let database = try SQLiteDatabase(path: folder.file("test.db"))
    #expect(try database.query("PRAGMA journal_mode")[0].text(at: 0) == "wal")
    #expect(try database.query("PRAGMA busy_timeout")[0].int(at: 0) == 5000)
    #expect(try database.query("PRAGMA foreign_keys")[0].int(at: 0) == 1)
  }

  @Test func aTransactionThatThrowsIsRolledBack() throws {
    let database = try SQLiteDatabase.inMemory()
    try database.execute("CREATE TABLE t (x INTEGER UNIQUE)")
    #expect(throws: SQLiteError.self) {
      try database.transaction { (connection) throws(SQLiteError) in
        try connection.run("INSERT INTO t VALUES (1)")
        try connection.run("INSERT INTO t VALUES (1)")
      }
    }
    #expect(try database.query("SELECT COUNT(*) FROM t")[0].int(at: 0) == 0)
    try database.transaction { (connection) throws(SQLiteError) in
      try connection.run("INSERT INTO t VALUES (2)")
    }
    #expect(try database.query("SELECT x FROM t")[0].int(at: 0) == 2)
  }

  @Test func errorsCarryTheCodeAndSQLitesMessage() throws {
    let database = try SQLiteDatabase.inMemory()
    try database.execute("CREATE TABLE t (x INTEGER UNIQUE); INSERT INTO t VALUES (1)")
    do {
      _ = try database.query("INSERT INTO t VALUES (?)", [.int(1)])
      Issue.record("expected a constraint error")
    } catch {
      #expect(error.code?.primary == .constraint)
      guard case .failed(_, _, let message) = error else { throw error }
      #expect(message.contains("UNIQUE"))
    }
    do {
      _ = try database.query("SELEKT 1")
      Issue.record("expected a syntax error")
    } catch {
      guard case .cannotPrepare(let sql, let code, _) = error else { throw error }
      #expect(sql == "SELEKT 1")
      #expect(code == .error)
    }
  }

  @Test func aClosedDatabaseRefusesWork() throws {
    let database = try SQLiteDatabase.inMemory()
    database.close()
    database.close()
    #expect(throws: SQLiteError.closed) { try database.execute("SELECT 1") }
  }

  @Test func aPreparedStatementCanBeReusedWithNewBindings() throws {
    let database = try SQLiteDatabase.inMemory()
    let total = try database.transaction { (connection) throws(SQLiteError) in
      try connection.execute("CREATE TABLE t (x)")
      let insert = try connection.prepare("INSERT INTO t VALUES (?)")
      for value in 1...100 { try insert.run([.int(value)]) }
      return try connection.query("SELECT SUM(x) FROM t")[0].int(at: 0)
    }
    #expect(total == 5050)
  }

  @Test func aCachedStatementThatFailedRunsAgainWithNewValues() throws {
    let database = try SQLiteDatabase.inMemory()
    try database.execute("CREATE TABLE t (x INTEGER UNIQUE)")
    let insert = "INSERT INTO t VALUES (?)"
    _ = try database.query(insert, [.int(1)])
    #expect(throws: SQLiteError.self) { try database.query(insert, [.int(1)]) }
    _ = try database.query(insert, [.int(2)])
    let rows = try database.query("SELECT x FROM t WHERE x >= ? ORDER BY x", [.int(2)])
    #expect(try rows.map { try $0.int(at: 0) } == [2])
    let all = try database.query("SELECT x FROM t WHERE x >= ? ORDER BY x", [.int(0)])
    #expect(try all.map { try $0.int(at: 0) } == [1, 2])
  }
}
