import FoundationEssentials
import PipelineCore
import PipelineShell
import PipelineTestSupport
import Testing

/// What `dvc repro`'s commit leaves in the workspace (`Output.commit(relink=True)`), side by side
/// with pipeshell's run: outputs linked into DVC's cache as `cache.type` asks (or copies with
/// DVC's modes), a symbolic link in an output replaced by its target's content, `cache: false`
/// outputs left alone, objects read-only; and a persisted output unprotected before it runs again.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCCommitLinksAgainstDVCTests {
  static var dvc: String { DVCTool.executable ?? "dvc" }

  /// Files, a folder with an empty file and a link to a file outside the project, an output that
  /// is a link, an executable output, one DVC does not cache, and a metric it does not cache.
  static let dvcYAML = """
    stages:
      a:
        cmd: >-
          mkdir -p d/s && echo x > d/x.txt && : > d/empty && echo z > d/s/z && ln -s "$(cd ..; pwd)/ext.txt" d/ext
          && echo y > y.txt && : > e.txt && echo '#!/bin/sh' > run.sh && chmod 755 run.sh && echo t > t.txt
          && ln -s t.txt l.txt && echo u > u.txt && echo '{"m": 1}' > m.json && chmod 600 m.json
        deps: [in.txt]
        outs: [d, y.txt, e.txt, run.sh, l.txt, {u.txt: {cache: false}}]
        metrics: [{m.json: {cache: false}}]
    """

  /// Two copies of a project, `dvc/p` and `ours/p`, each with its own `ext.txt` beside it.
  static func copies(cacheType: String?, dvcYAML: String = Self.dvcYAML) throws -> String {
    let folder = try TemporaryFolder.make(prefix: "dvc-links")
    let config = "[core]\n    no_scm = True\n" + (cacheType.map { "[cache]\n    type = \($0)\n" } ?? "")
    for copy in ["dvc", "ours"] {
      try DVCProjects.write(config, to: folder + "/\(copy)/p/.dvc/config")
      try DVCProjects.write("1\n", to: folder + "/\(copy)/p/in.txt")
      try DVCProjects.write(dvcYAML, to: folder + "/\(copy)/p/dvc.yaml")
      try DVCProjects.write("ext\n", to: folder + "/\(copy)/ext.txt")
    }
    return folder
  }

  static func sh(_ command: String, in folder: String) throws -> String {
    let result = DVCTool.shell(command, in: folder)
    try #require(result.status.succeeded, "\(command): \(result.stdout)\(result.stderr)")
    return result.stdout
  }

  /// Runs `dvc repro` in `dvc/p` and pipeshell in `ours/p`.
  static func runBoth(_ folder: String) throws {
    _ = try sh("'\(dvc)' repro -q", in: folder + "/dvc/p")
    let run = DVCProjects.pipeshell("run --jobs 1", file: "dvc.yaml", in: folder + "/ours/p")
    try #require(run.status == .exited(0), "\(run.stdout)\(run.stderr)")
  }

  /// Each file's kind, link count, mode (of what it reads as) and link text (from the cache
  /// on), the cache's objects with their modes and link counts, `dvc.lock`, and `dvc status`.
  static func state(_ project: String, files: [String]) throws -> String {
    let list = files.joined(separator: " ")
    return try sh(
      """
      for f in \(list); do echo "$f $(stat -c '%F %h' $f) $(stat -L -c %a $f) $(readlink $f | sed 's|.*/cache/|cache/|')"; done
      find .dvc/cache/files -type f -printf '%P %m %n\\n' | LC_ALL=C sort
      cat dvc.lock; '\(dvc)' status --json
      """, in: project)
  }

  static let files = [
    "y.txt", "e.txt", "run.sh", "l.txt", "t.txt", "u.txt", "m.json", "d/x.txt", "d/empty", "d/s/z", "d/ext",
  ]

  @Test(arguments: [nil, "symlink", "hardlink", "reflink,hardlink,copy", "symlink,copy", "copy"])
  func theWorkspaceIsLeftAsDVCsCommitLeavesIt(cacheType: String?) throws {
    let folder = try Self.copies(cacheType: cacheType)
    defer { TemporaryFolder.remove(folder) }
    try Self.runBoth(folder)
    let theirs = try Self.state(folder + "/dvc/p", files: Self.files)
    let ours = try Self.state(folder + "/ours/p", files: Self.files)
    #expect(ours == theirs)
    let ext = ours.split(separator: "\n").first { $0.hasPrefix("d/ext ") } ?? ""
    #expect(
      ext.hasPrefix("d/ext regular file") || ext.contains(" cache/files/md5/"),
      "a link in an output is replaced by a copy or a link of its object: \(ext)")
    #expect(theirs.contains("u.txt regular file 1 644"), "an output DVC does not cache stays a plain file")
    switch cacheType {
    case "symlink": #expect(ours.contains("y.txt symbolic link 1 444 cache/files/md5/"), "\(ours)")
    case "hardlink": #expect(ours.contains("y.txt regular file 2 444"), "\(ours)")
    default: break
    }
  }

  /// A persisted output linked into the cache is a private copy again (with DVC's file mode)
  /// before the stage appends to it; the objects of the first run stay as they were.
  @Test(arguments: ["symlink", "hardlink"])
  func persistedOutputsAreUnprotectedBeforeTheStageRunsAgain(cacheType: String) throws {
    let folder = try Self.copies(
      cacheType: cacheType,
      dvcYAML: """
        stages:
          a:
            cmd: >-
              mkdir -p d && cat in.txt >> d/log && cat in.txt >> log.txt && cat in.txt >> tool.sh && chmod 700 tool.sh
              && cat in.txt >> nc.txt && chmod 600 nc.txt
            deps: [in.txt]
            outs: [{d: {persist: true}}, {log.txt: {persist: true}}, {tool.sh: {persist: true}},
              {nc.txt: {persist: true, cache: false}}]
        """)
    defer { TemporaryFolder.remove(folder) }
    try Self.runBoth(folder)
    _ = try Self.sh("echo 2 > dvc/p/in.txt && echo 2 > ours/p/in.txt", in: folder)
    try Self.runBoth(folder)
    let files = ["d/log", "log.txt", "tool.sh", "nc.txt"]
    let theirs = try Self.state(folder + "/dvc/p", files: files)
    let ours = try Self.state(folder + "/ours/p", files: files)
    #expect(ours == theirs)
    let log = try Self.sh("cat log.txt .dvc/cache/files/md5/b0/26324c6904b2a9cb4b88d6d61c81d1", in: folder + "/ours/p")
    #expect(log == "1\n2\n1\n", "the first run's object still holds what it did")
  }
}
