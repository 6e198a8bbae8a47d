import Glibc

/// What `dvc repro` does with the files it changed for git (`SCMContext` after a run that did
/// not fail): with `core.autostage` true it stages them (`git add`); otherwise it says how to.
extension DVCGitIgnore {
  /// Stages `files` (absolute paths: `dvc.lock`, `.gitignore` files) when the repository asks
  /// for it, else DVC's reminder; nil when there is no git or nothing to say.
  func stageOrRemind(_ files: [String]) -> String? {
    guard !files.isEmpty, let top = gitTop else { return nil }
    let inRepository = files.filter { $0.hasPrefix(top + "/") }.sorted()
    guard !inRepository.isEmpty else { return nil }
    if autostage {
      let paths = inRepository.map { ShellWord.quoted($0, always: true) }.joined(separator: " ")
      let added = run("git add -- \(paths)", in: top)
      guard added.status == .exited(0) else {
        return "core.autostage is true, but git could not stage \(inRepository.joined(separator: ", "))"
      }
      return nil
    }
    let shown = inRepository.map { ShellWord.quoted(Self.shownPath($0)) }.joined(separator: " ")
    return "To track the changes with git, run:\n\n\tgit add \(shown)\n\n"
      + "To enable auto staging, run:\n\n\tdvc config core.autostage true"
  }

  /// `core.autostage` of the DVC repository, read as DVC reads a boolean.
  private var autostage: Bool {
    guard let dvc = DVCCache.repositoryRoot(from: root) else { return false }
    return DVCConfig.flag("core", "autostage", in: dvc + "/.dvc")
  }

  /// A path as DVC shows it: relative to the working folder of the process.
  private static func shownPath(_ path: String) -> String {
    guard let cwd = PosixFiles.workingFolder() else { return path }
    return DVCPath.relative(path, to: cwd)
  }
}
