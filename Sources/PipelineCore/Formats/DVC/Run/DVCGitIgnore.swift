/// The `.gitignore` entries DVC adds for the outputs it caches (`Output.ignore`, scmrepo's
/// `Git.ignore`): when the DVC repository is in a git repository (and `core.no_scm` is not
/// set), an output git does not already ignore gets `/NAME` (special characters escaped) at the
/// end of the `.gitignore` in its folder, so that the project's git never starts tracking it.
struct DVCGitIgnore {
  /// The folder of `dvc.yaml`.
  let root: String
  let launcher: any ProcessLauncher
  let environment: [String: String]

  /// Adds the entry for the output at `path` (absolute) when needed; a note when it cannot, or
  /// when git already tracks the output (DVC refuses such an output).
  func ignore(_ path: String) -> String? {
    guard let top = gitRoot(), path.hasPrefix(top + "/") else { return nil }
    let quoted = ShellWord.quoted(path, always: true)
    if run("git ls-files --error-unmatch -- \(quoted)", in: top).status == .exited(0) {
      return "'\(relative(path, to: top))' is tracked by git; DVC refuses an output git tracks (git rm -r --cached it)"
    }
    let check = run("git check-ignore -q --no-index -- \(quoted)", in: top)
    guard check.status == .exited(1) else { return nil }  // 0: ignored already; other: git failed
    let folder = PosixFiles.parentFolder(of: path)
    let name = String(path.dropFirst(folder.count + 1))
    let entry = "/" + Self.escaped(name)
    let file = folder + "/.gitignore"
    var bytes = RestoreJournal.readBytes(file) ?? []
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    if lines.contains(where: { $0 == entry }) { return nil }
    if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    bytes += Array((entry + "\n").utf8)
    do {
      if PosixFiles.exists(file) {
        try RestoreJournal.overwrite(file, with: bytes)
      } else {
        let created = try PosixFiles.makeTemporaryFile(in: folder)
        try created.write(bytes)
        try created.setMode(0o644)
        try PosixFiles.rename(created.path, to: file)
      }
    } catch {
      return "cannot add '\(entry)' to \(file): \(error)"
    }
    return nil
  }

  /// GitWildMatchPattern.escape: a backslash before each of `\[]!*#?`.
  static func escaped(_ name: String) -> String {
    var out = ""
    for c in name {
      if "\\[]!*#?".contains(c) { out.append("\\") }
      out.append(c)
    }
    return out
  }

  /// The top of the git repository holding the DVC repository, or nil (no git, or `no_scm`).
  private func gitRoot() -> String? {
    if let dvc = DVCCache.repositoryRoot(from: root),
      let noSCM = DVCConfig.value("core", "no_scm", in: dvc + "/.dvc"),
      ["true", "yes", "1", "on"].contains(noSCM.lowercased())
    {
      return nil
    }
    let result = run("git rev-parse --show-toplevel", in: root)
    guard result.status == .exited(0) else { return nil }
    let top = result.output.trimmingSpaces
    return top.isEmpty ? nil : top
  }

  private func relative(_ path: String, to folder: String) -> String { String(path.dropFirst(folder.count + 1)) }

  private func run(_ command: String, in folder: String) -> (status: ProcessOutcome, output: String) {
    let collected = OutputCollector()
    let request = ProcessRequest(command: command, environment: environment, workingDirectory: folder, timeout: 30)
    let status = launcher.run(request) { stream, bytes in collected.append(stream, bytes) }
    return (status, collected.texts.0)
  }
}
