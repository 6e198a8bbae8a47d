/// The `.gitignore` entries DVC adds for the outputs it caches (`Output.ignore`, scmrepo's
/// `Git.ignore`): when the DVC repository is in a git repository (and `core.no_scm` is not
/// set), an output git does not already ignore gets `/NAME` (special characters escaped) at the
/// end of the `.gitignore` in its folder, so that the project's git never starts tracking it.
struct DVCGitIgnore {
  /// The folder of `dvc.yaml`.
  let root: String
  let launcher: any ProcessLauncher
  let environment: [String: String]
  /// The top of the git repository holding the DVC repository, or nil (no git, or `no_scm`):
  /// looked up once, not for each output.
  let gitTop: String?

  init(root: String, launcher: any ProcessLauncher, environment: [String: String]) {
    self.root = root
    self.launcher = launcher
    self.environment = environment
    gitTop = Self.gitRoot(of: root, launcher: launcher, environment: environment)
  }

  /// Why DVC refuses the stage after running it when git already tracks one of its cached
  /// outputs (`Output.ignore`, `OutputAlreadyTrackedError`); `outputs` are the paths relative
  /// to `root`, the folder of `dvc.yaml`.
  func trackedOutputProblem(_ outputs: [String]) -> String? {
    guard let top = gitTop else { return nil }
    for output in outputs {
      let path = DVCPath.normalize(root + "/" + output)
      guard path.hasPrefix(top + "/") else { continue }
      if run("git ls-files --error-unmatch -- \(ShellWord.quoted(path, always: true))", in: top).status == .exited(0) {
        return "dvc repro fails this stage after running it: output '\(output)' is already tracked by git, "
          + "which DVC refuses (stop tracking it: git rm -r --cached \(ShellWord.quoted(output, always: true)))"
      }
    }
    return nil
  }

  /// An entry a run added, as DVC remembers it (`SCMContext.ignored_paths`) to take it out of
  /// its `.gitignore` again when `dvc repro` fails.
  struct Added: Sendable {
    /// The `.gitignore` file.
    let file: String
    /// `/NAME` as scmrepo's `ignore_remove` looks for it: not escaped (so, as in DVC, a name
    /// with `*` or `#` stays).
    let entry: String
  }

  /// Adds the entry for the output at `path` (absolute) when needed: what was added, or a note
  /// when it cannot be.
  func ignore(_ path: String) -> (added: Added?, note: String?) {
    guard let top = gitTop, path.hasPrefix(top + "/") else { return (nil, nil) }
    let quoted = ShellWord.quoted(path, always: true)
    let check = run("git check-ignore -q --no-index -- \(quoted)", in: top)
    guard check.status == .exited(1) else { return (nil, nil) }  // 0: ignored already; other: git failed
    let folder = PosixFiles.parentFolder(of: path)
    let name = String(path.dropFirst(folder.count + 1))
    let entry = "/" + Self.escaped(name)
    let file = folder + "/.gitignore"
    var bytes = RestoreJournal.readBytes(file) ?? []
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    if lines.contains(where: { $0 == entry }) { return (nil, nil) }
    if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    bytes += Array((entry + "\n").utf8)
    do {
      if PosixFiles.exists(file) {
        try RestoreJournal.overwrite(file, with: bytes)
      } else {
        try PosixFiles.writeAtomically(bytes, to: file, mode: 0o644)
      }
    } catch {
      return (nil, "cannot add '\(entry)' to \(file): \(error)")
    }
    return (Added(file: file, entry: "/" + name), nil)
  }

  /// Takes an added entry out again as scmrepo's `ignore_remove` does: every line equal to it
  /// (spaces around ignored) goes, and a file left with no line is deleted; a note when it cannot.
  static func remove(_ added: Added) -> String? {
    guard let bytes = RestoreJournal.readBytes(added.file) else { return nil }
    let text = String(decoding: bytes, as: UTF8.self)
    var lines: [Substring] = []
    var rest = text[...]
    while let end = rest.firstIndex(of: "\n") {
      lines.append(rest[...end])
      rest = rest[rest.index(after: end)...]
    }
    if !rest.isEmpty { lines.append(rest) }
    let kept = lines.filter { String($0).trimmingSpaces != added.entry }
    do {
      if kept.isEmpty {
        try PosixFiles.remove(added.file)
      } else if kept.count != lines.count {
        try RestoreJournal.overwrite(added.file, with: Array(kept.joined().utf8))
      }
    } catch {
      return "cannot take '\(added.entry)' out of \(added.file) again: \(error)"
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

  private static func gitRoot(of root: String, launcher: any ProcessLauncher, environment: [String: String])
    -> String?
  {
    if let dvc = DVCCache.repositoryRoot(from: root), DVCConfig.flag("core", "no_scm", in: dvc + "/.dvc") {
      return nil
    }
    let result = run("git rev-parse --show-toplevel", in: root, launcher: launcher, environment: environment)
    guard result.status == .exited(0) else { return nil }
    let top = result.output.trimmingSpaces
    return top.isEmpty ? nil : top
  }

  func run(_ command: String, in folder: String) -> (status: ProcessOutcome, output: String) {
    Self.run(command, in: folder, launcher: launcher, environment: environment)
  }

  private static func run(
    _ command: String, in folder: String, launcher: any ProcessLauncher, environment: [String: String]
  ) -> (status: ProcessOutcome, output: String) {
    let request = ProcessRequest(command: command, environment: environment, workingDirectory: folder, timeout: 30)
    let result = launcher.outputs(of: request)
    return (result.outcome, result.stdout)
  }
}
