#if canImport(Glibc)
  import Glibc
#endif

extension RunStore {
  /// What the store folder's own `.gitignore` says: everything in it, itself included, so that a
  /// pipeline kept in git (a DVC project, most of all) shows no run store in `git status`, with
  /// no line to add to the project's own `.gitignore` (as `.pytest_cache` and virtual
  /// environments do it).
  static let gitIgnoreText = "# pipeshell's run store (runs, logs, cache): not for version control\n*\n"

  /// Writes the folder's `.gitignore` when there is none; one the user wrote or changed is kept.
  static func ignoreInGit(_ folder: String) {
    let fd = open("\(folder)/.gitignore", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return }
    defer { close(fd) }
    let bytes = Array(gitIgnoreText.utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
  }
}
