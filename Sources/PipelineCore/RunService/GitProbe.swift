/// Reads which code a run uses when the pipeline's folder is inside a git work tree: the
/// commit checked out and the tracked files that differ from it (`git rev-parse`, `git status
/// --porcelain`), through the process launcher, never a git library. Outside a work tree (or
/// without git) it finds nothing, and the run records nothing.
package struct GitProbe: Sendable {
  /// Runs git (`/bin/sh -c`).
  package var launcher: any ProcessLauncher
  /// The shell's environment (git reads its configuration through it).
  package var environment: [String: String]
  /// Seconds git may take.
  package var timeout: Double = 30

  /// A probe that runs git through `launcher` with `environment`.
  package init(launcher: any ProcessLauncher, environment: [String: String]) {
    self.launcher = launcher
    self.environment = environment
  }

  /// One `/bin/sh -c` for all of it. `GIT_OPTIONAL_LOCKS=0` keeps `git status` from writing
  /// the index, so runs that start together never wait on each other's `index.lock`.
  static let script = """
    top=$(git rev-parse --show-toplevel 2>/dev/null) || exit 3
    printf '%s\\n' "$top"
    git rev-parse --verify -q HEAD || echo
    git status --porcelain=v1 -z --untracked-files=no
    """

  /// The code in use in `folder`, or nil outside a git work tree (or when git fails).
  package func version(of folder: String) -> CodeVersion? {
    var variables = environment
    variables["GIT_OPTIONAL_LOCKS"] = "0"
    variables["LC_ALL"] = "C"
    let request = ProcessRequest(
      command: Self.script, environment: variables, workingDirectory: folder, timeout: timeout)
    let result = launcher.outputs(of: request)
    guard result.outcome == .exited(0) else { return nil }
    return Self.parse(result.stdout)
  }

  /// Reads the script's output: the top folder, the commit (empty without one), then `git
  /// status -z` entries; changed files are hashed as they are in the work tree now.
  static func parse(_ output: String) -> CodeVersion? {
    let lines = output.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
    guard lines.count >= 2, !lines[0].isEmpty else { return nil }
    let top = String(lines[0])
    let commit = lines[1].isEmpty ? nil : String(lines[1])
    var entries = lines.count > 2 ? lines[2].split(separator: "\0", omittingEmptySubsequences: true) : []
    var files: [CodeVersion.ChangedFile] = []
    var more = 0
    while !entries.isEmpty {
      let entry = entries.removeFirst()
      guard entry.count > 3 else { continue }
      let state = String(entry.prefix(2))
      let path = String(entry.dropFirst(3))
      // A rename or copy is followed by the path it came from.
      if state.contains("R") || state.contains("C"), !entries.isEmpty { entries.removeFirst() }
      guard files.count < CodeVersion.maximumFiles else {
        more += 1
        continue
      }
      files.append(
        CodeVersion.ChangedFile(path: path, state: state, contentHash: Fingerprint.contentHash(of: top + "/" + path)))
    }
    return CodeVersion(commit: commit, changedFiles: files.sorted { $0.path < $1.path }, moreChanged: more)
  }
}
