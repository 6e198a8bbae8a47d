import Glibc

/// Why a child could not be started; rendered once, into `ProcessOutcome.failedToStart`.
enum SpawnFailure: Error, Equatable, CustomStringConvertible {
  case workingDirectory(String, errno: Int32)
  case pipe(errno: Int32)
  case spawn(errno: Int32)

  var description: String {
    switch self {
    case .workingDirectory(let path, let code):
      return "cannot use working directory '\(path)': \(Self.message(code))"
    case .pipe(let code):
      return "cannot create output pipes: \(Self.message(code))"
    case .spawn(let code):
      return "cannot start /bin/sh: \(Self.message(code))"
    }
  }

  static func message(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
