/// A value bound to a statement parameter or read from a result column.
package enum SQLiteValue: Sendable, Hashable {
  /// SQL NULL.
  case null
  /// A 64-bit integer.
  case int(Int)
  /// A 64-bit float; SQLite stores NaN as NULL.
  case double(Double)
  /// UTF-8 text.
  case text(String)
  /// Bytes.
  case blob([UInt8])

  /// Maps an optional to `.null` when absent, for nullable columns.
  package static func optional<T>(_ value: T?, _ wrap: (T) -> SQLiteValue) -> SQLiteValue {
    value.map(wrap) ?? .null
  }
}

/// One result row, copied out of SQLite so it stays valid after the statement moves on.
package struct SQLiteRow: Sendable, Hashable {
  /// The column values, in the order of the query's result columns.
  package var values: [SQLiteValue]

  /// Wraps column values.
  package init(_ values: [SQLiteValue]) { self.values = values }

  /// The value in column `index`.
  package subscript(index: Int) -> SQLiteValue { values[index] }

  /// Returns the integer in column `index`; NULL or another type is an error.
  package func int(at index: Int) throws(SQLiteError) -> Int {
    guard let value = try optionalInt(at: index) else { throw mismatch(index, "integer") }
    return value
  }

  /// Returns the integer in column `index`, or nil for NULL.
  package func optionalInt(at index: Int) throws(SQLiteError) -> Int? {
    switch values[index] {
    case .null: return nil
    case .int(let value): return value
    default: throw mismatch(index, "integer")
    }
  }

  /// Returns the number in column `index` (an integer is widened); NULL is an error.
  package func double(at index: Int) throws(SQLiteError) -> Double {
    guard let value = try optionalDouble(at: index) else { throw mismatch(index, "real") }
    return value
  }

  /// Returns the number in column `index` (an integer is widened), or nil for NULL.
  package func optionalDouble(at index: Int) throws(SQLiteError) -> Double? {
    switch values[index] {
    case .null: return nil
    case .double(let value): return value
    case .int(let value): return Double(value)
    default: throw mismatch(index, "real")
    }
  }

  /// Returns the text in column `index`; NULL or another type is an error.
  package func text(at index: Int) throws(SQLiteError) -> String {
    guard let value = try optionalText(at: index) else { throw mismatch(index, "text") }
    return value
  }

  /// Returns the text in column `index`, or nil for NULL.
  package func optionalText(at index: Int) throws(SQLiteError) -> String? {
    switch values[index] {
    case .null: return nil
    case .text(let value): return value
    default: throw mismatch(index, "text")
    }
  }

  /// Returns the bytes in column `index`; NULL or another type is an error.
  package func blob(at index: Int) throws(SQLiteError) -> [UInt8] {
    switch values[index] {
    case .blob(let value): return value
    default: throw mismatch(index, "blob")
    }
  }

  private func mismatch(_ index: Int, _ expected: String) -> SQLiteError {
    .typeMismatch(column: index, expected: expected, found: values[index])
  }
}
