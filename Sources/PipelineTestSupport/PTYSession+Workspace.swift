import FoundationEssentials
import Glibc

extension PTYSession {
  /// A temporary folder for PTY tests: files to work on, a fresh `HOME` and `XDG_STATE_HOME`,
  /// and the environment that makes the shell's screen output predictable.
  package final class Workspace {
    /// The folder, removed with everything in it when the workspace goes away.
    package let folder: String

    /// Creates the folder with `files` (paths relative to it) in it.
    package init(files: [String: String] = [:]) throws(PTYError) {
      var template = Array("/tmp/pipeshell-pty-XXXXXX".utf8CString)
      guard let made = mkdtemp(&template) else { throw .system("mkdtemp", errno) }
      folder = String(cString: made)
      for name in ["home", "state"] { mkdir(folder + "/" + name, 0o700) }
      for (name, text) in files {
        let path = folder + "/" + name
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        _ = try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
          throw .system("create \(path)", EIO)
        }
      }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// The history file the shell uses by default here.
    package var historyFile: String { folder + "/state/pipeshell/history" }

    /// `TERM=dumb` (no cursor motion codes), UTF-8, no `~/.editrc`, and this folder's HOME.
    package var environment: [String: String] {
      [
        "TERM": "dumb", "LANG": "C.UTF-8", "EDITRC": "/dev/null", "PATH": "/usr/bin:/bin",
        "HOME": folder + "/home", "XDG_STATE_HOME": folder + "/state",
      ]
    }

    /// Starts `pipeshell` with `arguments` in this folder.
    package func start(_ arguments: [String], environment extra: [String: String] = [:]) throws(PTYError) -> PTYSession
    {
      try PTYSession(
        executable: PTYSession.pipeshellPath, arguments: arguments,
        environment: environment.merging(extra) { $1 }, workingDirectory: folder)
    }

    /// The text of a file in the workspace, or nil.
    package func contents(of relativePath: String) -> String? {
      FileManager.default.contents(atPath: relativePath.hasPrefix("/") ? relativePath : folder + "/" + relativePath)
        .map { String(decoding: $0, as: UTF8.self) }
    }
  }
}
