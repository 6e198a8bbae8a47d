/// A failure of the run store or the output cache.
package enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
  /// SQLite refused an operation on `runs.db`.
  case database(SQLiteError)
  /// A file or folder of the store could not be read or written.
  case file(FileError)
  /// Content could not be hashed, or the store's key could not be made or read.
  case hashing(HashingError)
  /// The database was written by a newer pipeshell whose schema this one does not know.
  case schemaTooNew(found: Int, supported: Int)
  /// No run has this id.
  case unknownRun(Int)
  /// The run has no step of this name recorded yet.
  case unknownStep(runID: Int, step: String)
  /// A secret parameter's fingerprint value is not a keyed digest, so it may be clear text.
  case secretNotHashed(parameter: String)
  /// A stored value is not one this version understands, such as an unknown status.
  case unreadableRecord(table: String, column: String, value: String)
  /// The store folder cannot be written and holds no database to read.
  case readOnlyFolder(String)
  /// The store was made by an older pipeshell and must be upgraded, but cannot be written.
  case needsUpgradeButReadOnly
  /// The store was opened read-only and something tried to write it.
  case readOnly

  /// The message shown to people.
  package var description: String {
    switch self {
    case .database(let error): return "run store: \(error.inWords)"
    case .file(let error): return "run store: \(error)"
    case .hashing(let error): return "run store: \(error)"
    case .schemaTooNew(let found, let supported):
      return "run store has schema version \(found); this pipeshell knows up to \(supported)"
    case .unknownRun(let id): return "no run \(id)"
    case .unknownStep(let runID, let step): return "run \(runID) has no step '\(step)'"
    case .secretNotHashed(let parameter):
      return "secret '\(parameter)' must be recorded by its keyed hash, never in clear"
    case .unreadableRecord(let table, let column, let value):
      return "run store: unexpected \(table).\(column) value '\(value)'"
    case .readOnlyFolder(let folder):
      return "run store: \(folder) cannot be written here and holds no runs yet"
    case .needsUpgradeButReadOnly:
      return "run store: it was made by an older pipeshell and must be upgraded, but it is read-only here"
    case .readOnly:
      return "run store: it is read-only here (no permission to write it, or a read-only disk); runs cannot be recorded"
    }
  }
}
