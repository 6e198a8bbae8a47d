import FoundationEssentials
import Glibc
import Testing

@testable import PipelineCore

/// A folder a step declares as an output is kept file by file: a later run with the same values
/// reuses the step and puts the folder back after another run changed it, and `checkout` brings
/// a run's folder back, whether or not the run was isolated.
@Suite struct FolderOutputTests {
  static let pipeline = """
    name: p
    params:
      n: {type: int, default: 2}
    steps:
      make:
        run: "rm -rf out; mkdir -p out/sub; for i in $(seq ${n}); do echo $i-${n} > out/f$i.txt; done; echo x > out/sub/tool.sh; chmod +x out/sub/tool.sh"
        outputs: [out]
      use: {needs: [make], run: "cat out/*.txt > total.txt", outputs: [total.txt]}
    """

  static func listing(_ project: ProjectFixture) -> [String] {
    let root = project.folder.file("out")
    return ((try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? []).sorted().map { entry in
      let text = String(decoding: project.folder.read(root + "/" + entry) ?? [], as: UTF8.self)
      return entry + " " + text.trimmingSpaces + (PosixFiles.isFolder(root + "/" + entry) ? "/" : "")
    }
  }

  @Test func aRunBackToEarlierValuesReusesTheStepAndPutsTheFolderBack() throws {
    let project = try ProjectFixture(Self.pipeline)
    try project.run(["n": "2"])
    let two = Self.listing(project)
    #expect(two == ["f1.txt 1-2", "f2.txt 2-2", "sub /", "sub/tool.sh x"])
    try project.run(["n": "3"])
    #expect(Self.listing(project).count == 5)
    let (back, _) = try project.run(["n": "2"])
    #expect(back.steps.map(\.state) == [.reused, .reused])
    let reason = back.steps[0].reason ?? ""
    #expect(reason.contains("restored out from the cache"), "\(reason)")
    #expect(Self.listing(project) == two, "f3.txt of the run with n=3 is gone")
    #expect(project.folder.mode(project.folder.file("out/sub/tool.sh")) & 0o100 != 0, "modes come back")
    #expect(project.text("total.txt") == "1-2\n2-2\n")
  }

  @Test func aFolderThatCannotBeRestoredWhollyIsLeftAsItWasAndTheStepRuns() throws {
    let project = try ProjectFixture(Self.pipeline)
    try project.run(["n": "2"])
    try project.run(["n": "3"])
    // Damage the cache: one file of run 1's folder is gone.
    let rows = try project.store.outputs(runID: 1, step: "make")
    let hash = try #require(rows["out/f1.txt"])
    try PosixFiles.remove(try #require(project.store.outputCache.path(for: hash)))
    let (back, _) = try project.run(["n": "2"])
    #expect(back.steps[0].state == .ok, "the step runs again: \(back.steps[0].reason ?? "")")
    #expect(back.steps[0].reason == "outputs missing from disk and cache")
    #expect(Self.listing(project) == ["f1.txt 1-2", "f2.txt 2-2", "sub /", "sub/tool.sh x"])
    #expect(!FileManager.default.fileExists(atPath: project.folder.file("out.pipeshell-restore-\(getpid())")))
  }

  @Test func aRestoredFolderLeavesNoJournalEntryBehind() throws {
    let project = try ProjectFixture(Self.pipeline)
    try project.run(["n": "2"])
    try project.run(["n": "3"])
    let (back, _) = try project.run(["n": "2"])
    #expect(back.steps[0].reason?.contains("restored out") == true)
    let journal = RestoreJournal(storeFolder: project.store.folder)
    #expect(!journal.hasEntries, "\(PosixFiles.names(in: journal.folder))")
  }

  /// What a shell killed in the middle of restoring a folder leaves: the half-made folder and
  /// its journal entry. The next start removes it; a live shell's, and any path not made by a
  /// restore, are left alone.
  @Test func aHalfRestoredFolderOfAKilledShellIsRemovedAtTheNextStart() throws {
    let project = try ProjectFixture(Self.pipeline)
    let journal = RestoreJournal(storeFolder: project.store.folder)
    let (deadName, liveName) = (
      "out" + RestoreJournal.stagingMark + "999999999", "out" + RestoreJournal.stagingMark + "1"
    )
    let (dead, live) = (project.folder.file(deadName), project.folder.file(liveName))
    let gone = project.folder.file("never-made" + RestoreJournal.stagingMark + "999999998")
    for name in [deadName, liveName] { _ = try project.folder.write(Array("half".utf8), to: name + "/f1.txt") }
    for folder in [dead, live, gone] { _ = try journal.recordStaging(folder) }
    _ = try project.folder.write(Array("mine".utf8), to: "keep/a.txt")
    try PosixFiles.writeAtomically(
      Array(project.folder.file("keep").utf8), to: journal.folder + "/x.staging", mode: 0o600)
    #expect(journal.hasEntries)
    let (_, notes) = journal.recover()
    #expect(notes == ["removed \(dead), a folder a killed shell left half-restored"])
    #expect(!PosixFiles.exists(dead))
    #expect(PosixFiles.exists(live), "pid 1 is alive: its restore is its own")
    #expect(project.text("keep/a.txt") == "mine", "a path not made by a restore is never removed")
    #expect(PosixFiles.names(in: journal.folder).filter { $0.hasSuffix(".staging") }.count == 1, "the live one stays")
  }

  @Test(
    arguments: [
      ("/p/out.pipeshell-restore-42", 42), ("/p/out.pipeshell-restore-", nil), ("/p/.pipeshell-restore-42", nil),
      ("/p/out.pipeshell-restore-4x", nil), ("out.pipeshell-restore-42", nil), ("/p/out", nil),
      ("/p/out.pipeshell-restore-9999999999", nil),
    ] as [(String, Int32?)])
  func onlyAStagingFolderNamesItsOwner(_ location: String, _ owner: Int32?) {
    #expect(RestoreJournal.stagingOwner(location) == owner)
  }

  @Test func checkoutBringsBackAnIsolatedRunsFolderFromTheCacheOnceItsCopyIsGone() throws {
    let project = try ProjectFixture(Self.pipeline)
    try project.run(["n": "2"], isolated: true)
    try project.run(["n": "3"])
    let first = try #require(try project.store.run(id: 1))
    #expect(!PosixFiles.exists(project.store.workspacePath(runID: 1)), "the run's copy is gone")
    let checkout = try Checkout(run: first, into: project.pipeline.folder, store: project.store)
    #expect(checkout.changedSince.isEmpty, "the folder holds run 2's outputs, which the cache keeps")
    #expect(Set(try checkout.apply(force: false).map(\.path)) == ["out", "total.txt"])
    #expect(Self.listing(project) == ["f1.txt 1-2", "f2.txt 2-2", "sub /", "sub/tool.sh x"])
  }

  @Test func checkoutKeepsAFolderChangedSinceUnlessForced() throws {
    let project = try ProjectFixture(Self.pipeline)
    try project.run(["n": "2"])
    _ = try project.folder.write(Array("mine".utf8), to: "out/notes.txt")
    let run = try #require(try project.store.run(id: 1))
    let checkout = try Checkout(run: run, into: project.pipeline.folder, store: project.store)
    #expect(checkout.changedSince.map(\.path) == ["out"])
    #expect(try checkout.apply(force: false).isEmpty)
    #expect(project.text("out/notes.txt") == "mine")
    _ = try checkout.apply(force: true)
    #expect(Self.listing(project) == ["f1.txt 1-2", "f2.txt 2-2", "sub /", "sub/tool.sh x"])
  }

  @Test(arguments: [
    ["out": "dir:abc", "out/a.txt": "h1", "out/sub/b": "h2", "outside.txt": "h3", "output": "h4"],
    ["out": "h0"],
  ])
  func recordedRowsSplitIntoDeclaredOutputsAndFolderFiles(_ rows: [String: String]) {
    let recorded = RecordedOutputs(rows)
    let folders = rows.filter { $0.value.hasPrefix("dir:") }.keys
    #expect(
      Set(recorded.declared.keys) == Set(rows.keys.filter { key in !folders.contains { key.hasPrefix($0 + "/") } }))
    if folders.contains("out") { #expect(recorded.folderFiles["out"] == ["a.txt": "h1", "sub/b": "h2"]) }
    #expect(recorded.folderFiles.values.reduce(0) { $0 + $1.count } + recorded.declared.count == rows.count)
  }
}
