#if canImport(Glibc)
  import Glibc
#endif

/// A failed system call on a file: which operation, on which path, and the errno it set.
package struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of file operation that can fail.
  package enum Operation: String, Sendable, Hashable {
    case open, read, write, sync, rename, link, remove, lock
    case createFolder = "create folder"
    case inspect
  }

  /// The operation that failed.
  package var operation: Operation
  /// The path it was applied to.
  package var path: String
  /// The errno value the system call left.
  package var code: Int32

  /// Creates an error from an operation, a path and an errno value.
  package init(_ operation: Operation, path: String, code: Int32) {
    self.operation = operation
    self.path = path
    self.code = code
  }

  /// Creates an error from the calling thread's current errno.
  static func current(_ operation: Operation, path: String) -> FileError {
    FileError(operation, path: path, code: errno)
  }

  /// Refuses a path that holds a NUL character: the system would read it only up to the NUL, a
  /// path other than the one meant (`/\0x/.pipeshell` would be `/`).
  static func refusingNUL(_ path: String, _ operation: Operation) throws(FileError) {
    guard !PathText.holdsNUL(path) else { throw FileError(operation, path: path, code: EINVAL) }
  }

  /// The system's own text for the errno value (for a path holding a NUL, why it is refused).
  package var reason: String {
    PathText.holdsNUL(path) ? "a path cannot hold a NUL character" : String(cString: strerror(code))
  }

  /// The message shown to people, such as `cannot open 'x': No such file or directory`.
  package var description: String {
    "cannot \(operation.rawValue) '\(path.replacing("\0", with: "\\0"))': \(reason)"
  }
}
