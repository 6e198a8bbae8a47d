import Glibc

/// Where the interactive history is kept: `--history FILE`, else
/// `$XDG_STATE_HOME/pipeshell/history`, else `~/.local/state/pipeshell/history`.
package enum HistoryLocation {
  /// The most entries kept, in memory and on disk.
  package static let capacity = 1000

  /// The history file for this invocation; nil when neither an option, an absolute
  /// `XDG_STATE_HOME` nor `HOME` says where it goes (history then stays in memory).
  package static func path(option: String?, environment: [String: String]) -> String? {
    if let option, !option.isEmpty { return option }
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/pipeshell/history" }
    if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.local/state/pipeshell/history" }
    return nil
  }

  /// Creates the folders above `path` that are missing (mode 0700, like a state folder).
  package static func createFolders(for path: String) {
    let folder = Paths.folder(of: path)
    guard folder != "." && folder != "/" else { return }
    var current = folder.hasPrefix("/") ? "" : "."
    for part in folder.split(separator: "/") {
      current += "/" + part
      _ = mkdir(current, 0o700)
    }
  }

  /// Why the file cannot be used as a history file, or nil when it can (or does not exist).
  package static func problem(with path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return errno == ENOENT ? nil : String(cString: strerror(errno)) }
    if (info.st_mode & S_IFMT) == S_IFDIR { return "it is a folder" }
    if access(path, R_OK | W_OK) != 0 { return String(cString: strerror(errno)) }
    return nil
  }

  /// True when the file exists and holds at least one byte.
  package static func hasContent(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_size > 0
  }
}
