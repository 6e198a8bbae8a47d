import FoundationEssentials
import PipelineTestSupport
import Testing

@testable import PipelineCore

#if canImport(Glibc)
  import Glibc
#endif

/// A runnable project (sh and awk) run by DVC (`dvc repro`) in one copy and by pipeshell's
/// bookkeeping in another: `dvc.lock` must be the same bytes, DVC's cache the same objects with
/// the same modes, `dvc status` must find pipeshell's copy up to date, and pipeshell's status must
/// say what `dvc status` says after each change.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCBookkeepingAgainstDVCTests {
  static let files = DVCProjectFixtures.runnable

  /// Runs the project as pipeshell would: each stage's commands in order, then its `dvc.lock`
  /// entry and its outputs in the cache.
  static func runWithPipeshell(in root: String) throws -> DVCBookkeeping {
    let (project, _) = try DVCProjectLoader().load(files: LocalDVCFiles(root: root))
    for index in project.order {
      let stage = project.stages[index]
      for command in stage.commandLines {
        let result = DVCTool.shell(command, in: root + "/" + stage.wdir)
        try #require(result.status.succeeded, "\(stage.name): \(result.stderr)")
      }
    }
    var books = try DVCBookkeeping(project: project, folder: root)
    for index in project.order { try books.commit(project.stages[index]) }
    try books.recordRun(of: project.order.map { project.stages[$0] })
    return books
  }

  static func dvcStatus(in root: String) -> String {
    let result = DVCTool.shell("'\(DVCTool.executable ?? "dvc")' status --json", in: root)
    return result.stdout.trimmingSpaces
  }

  static func ourStatus(_ books: DVCBookkeeping) throws -> String {
    var entries: [DVCValue.Entry] = []
    for stage in books.project.stages {
      let status = try books.status(of: stage)
      if !status.isUpToDate { entries.append(.init(key: stage.name, value: status.json)) }
    }
    return PythonJSON.ascii(.dict(entries))
  }

  /// Every file of the cache, with its mode and content.
  static func cacheListing(_ root: String) -> [String] {
    let listing = DVCTool.shell(
      "cd .dvc/cache && find . -type f | LC_ALL=C sort | while read f; do echo \"$f $(stat -c %a \"$f\") $(md5sum < \"$f\")\"; done",
      in: root)
    return listing.stdout.split(separator: "\n").map(String.init)
  }

  @Test func lockFileAndCacheAreWhatDVCWrites() throws {
    let folder = TemporaryFolder()
    for (path, text) in Self.files {
      try folder.write(Array(text.utf8), to: "dvc-run/" + path)
    }
    let dvc = folder.file("dvc-run"), ours = folder.file("pipeshell-run")
    let setup = DVCTool.shell("git init -q && '\(DVCTool.executable ?? "dvc")' init -q && cp -R . '\(ours)'", in: dvc)
    try #require(setup.status.succeeded, "\(setup.stderr)")

    // Before anything ran: the same status as DVC.
    let before = try DVCBookkeeping(
      project: try DVCProjectLoader().load(files: LocalDVCFiles(root: ours)).0, folder: ours)
    #expect(try Self.ourStatus(before) == Self.dvcStatus(in: ours).replacing("\n", with: ""))

    let repro = DVCTool.shell("'\(DVCTool.executable ?? "dvc")' repro -q", in: dvc)
    try #require(repro.status.succeeded, "\(repro.stderr)")
    var books = try Self.runWithPipeshell(in: ours)

    let theirLock = String(decoding: folder.read(dvc + "/dvc.lock") ?? [], as: UTF8.self)
    let ourLock = String(decoding: folder.read(ours + "/dvc.lock") ?? [], as: UTF8.self)
    #expect(Self.withoutVolatile(ourLock) == Self.withoutVolatile(theirLock))
    // DVC's run cache also stores outputs with `cache: false` (and `runs/` entries); pipeshell
    // stores what `dvc commit` stores: the outputs with `cache: true`.
    let uncached = Set(
      books.project.stages.flatMap { stage in
        stage.outs.filter { !$0.cache }.compactMap {
          try? DVCHashing.hash(path: ours + "/" + stage.projectPath($0.path.path))?.md5
        }
      })
    let theirCache = Self.cacheListing(dvc).filter { line in
      !line.contains("/runs/") && !uncached.contains { line.contains($0.prefix(2) + "/" + $0.dropFirst(2) + " ") }
    }
    #expect(Self.cacheListing(ours) == theirCache)

    // What DVC ran, pipeshell finds up to date (so its first run reuses it).
    let dvcBooks = try DVCBookkeeping(
      project: try DVCProjectLoader().load(files: LocalDVCFiles(root: dvc)).0, folder: dvc)
    #expect(try Self.ourStatus(dvcBooks) == #"{"always": ["always changed"]}"#)
    #expect(try dvcBooks.project.stages.filter { try dvcBooks.needsRun($0) }.map(\.name) == ["always"])

    // DVC agrees that pipeshell's copy is up to date, but for the stage that always changes.
    #expect(Self.dvcStatus(in: ours) == #"{"always": ["always changed"]}"#)
    #expect(try Self.ourStatus(books) == #"{"always": ["always changed"]}"#)

    // After changes, pipeshell reports what DVC reports.
    let changes = [
      "sed -i 's/lr: 0.5/lr: 0.25/' params.yaml",
      "echo more >> sub/input.txt",
      "rm -f .dvc/cache/files/md5/*/$(md5sum < report-a.txt | cut -c3-32)",
      "rm -f l1.txt",
      "sed -i 's/\"z\": 1/\"z\": 2/' extra.json",
      "sed -i 's/seq 1/seq 2/' dvc.yaml",
      "sed -i 's/n: 5/n: 6/; s/other: 1/other: 2/' params.yaml",
      "echo changed > model.txt",
    ]
    for change in changes {
      let applied = DVCTool.shell(change, in: ours)
      try #require(applied.status.succeeded, "\(change): \(applied.stderr)")
      let project = try DVCProjectLoader().load(files: LocalDVCFiles(root: ours)).0
      books = try DVCBookkeeping(project: project, folder: ours)
      #expect(try Self.ourStatus(books) == Self.dvcStatus(in: ours).replacing("\n", with: ""), "after: \(change)")
    }
  }

  /// The lock without the lines of the stage whose output changes at each run (`date`).
  static func withoutVolatile(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if let start = lines.firstIndex(of: "    - path: always.txt") {
      lines.removeSubrange(start..<min(start + 4, lines.count))
    }
    return lines.joined(separator: "\n")
  }
}
