/// The shell a DVC stage runs in: DVC runs each command with `$SHELL -c` (`/bin/sh` when unset),
/// with the options that keep the user's start-up files out (`stage/run.py`, `_make_cmd`).
/// pipeshell joins a stage's command lines with `( ... ) && ( ... )`, which every POSIX shell
/// reads; a shell that reads it otherwise (fish, csh) gives way to `/bin/sh`.
package enum UserShell {
  static let posixPath = "/bin/sh"
  /// `/bin/sh` with no options: pipeshell's own steps.
  package static let posix = [posixPath]

  /// The program and options for `shell` (the value of `$SHELL`), or `/bin/sh`.
  package static func invocation(of shell: String?) -> [String] {
    guard let shell, shell.hasPrefix("/"), shell.utf8.count < 4096 else { return posix }
    let name = shell.split(separator: "/").last.map { $0.lowercased() } ?? ""
    switch name {
    case "bash": return [shell, "--noprofile", "--norc"]
    case "zsh": return [shell, "--no-rcs"]
    case "sh", "dash", "ksh", "mksh", "ash", "yash": return [shell]
    default: return posix
    }
  }
}
