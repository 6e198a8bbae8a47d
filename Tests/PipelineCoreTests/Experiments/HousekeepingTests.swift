import FoundationEssentials
import Testing

@testable import PipelineCore

/// Tags, notes, deletion, filters, checkout and gc against a real store and real runs.
@Suite struct HousekeepingTests {
  static let writer = """
    name: p
    params:
      x: {type: int, default: 1}
      y: {type: int, default: 1}
    steps:
      prep: {run: "echo prep-${y} > prep.txt", outputs: [prep.txt]}
      make: {needs: [prep], run: "head -c 4096 /dev/urandom > out.bin; echo ::metric loss=${x}", outputs: [out.bin]}
    """

  @Test func tagsNotesAndDeletionAreRecordedAndFilter() throws {
    let project = try ProjectFixture(Self.writer)
    for x in ["1", "2", "3"] { try project.run(["x": x]) }
    let store = project.store
    #expect(try store.addTag("best", toRun: 2))
    #expect(try store.addTag("best", toRun: 2), "a tag it has already is not an error")
    #expect(try !store.addTag("best", toRun: 99))
    #expect(try store.setNote("looks odd", ofRun: 3))
    #expect(try store.run(id: 2)?.tags == ["best"])
    #expect(try store.run(id: 3)?.note == "looks odd")
    #expect(try store.runIDs(.init(tags: ["best"]), limit: 10) == [2])
    #expect(try store.runIDs(.init(statuses: [.ok]), limit: 2) == [3, 2])
    #expect(try store.markDeleted([3, 3], at: 5) == [3])
    #expect(try store.markDeleted([3], at: 6).isEmpty)
    #expect(try store.recentRuns(limit: 10).map(\.id) == [2, 1])
    #expect(try store.lastRunID() == 2)
    #expect(try store.runIDs(.init(includeDeleted: true), limit: 10) == [3, 2, 1])
    #expect(try store.run(id: 3)?.deletedAt == 5)
    #expect(try store.removeTag("best", fromRun: 2))
    #expect(try store.run(id: 2)?.tags == [])
  }

  @Test func aDeletedRunsStepsAreNotReused() throws {
    let project = try ProjectFixture(Self.writer)
    try project.run(["x": "1"])
    _ = try project.store.markDeleted([1], at: 1)
    let (again, _) = try project.run(["x": "1"])
    #expect(again.steps.map(\.state) == [.ok, .ok])
  }

  @Test func whereAndSortReadRecordedParametersAndMetrics() throws {
    let project = try ProjectFixture(Self.writer)
    for x in ["3", "1", "2"] { try project.run(["x": x]) }
    let runs = try project.store.recentRuns(limit: 10)
    let condition = try RunWhere("x >= 2 and loss < 3")
    #expect(runs.filter(condition.matches).map(\.id) == [3])
    #expect(RunOrder("loss").sorted(runs).map(\.id) == [2, 3, 1])
    #expect(RunOrder("-x").sorted(runs).map(\.id) == [1, 3, 2])
    #expect(try RunWhere("nothing > 1").matches(runs[0]) == false, "a run without the name does not match")
    let problems = condition.problems(parameters: project.pipeline.parameters, metrics: ["loss"])
    #expect(problems.isEmpty)
    let typo = try RunWhere("los < 1").problems(parameters: project.pipeline.parameters, metrics: ["loss"])
    #expect(typo.first?.notes.contains("did you mean 'loss'?") == true)
  }

  @Test func checkoutBringsBackAnOlderRunsOutputsByteForByte() throws {
    let project = try ProjectFixture(Self.writer)
    try project.run(["x": "1"])
    let first = try #require(project.folder.read(project.folder.file("out.bin")))
    try project.run(["x": "2", "y": "2"])
    let second = try #require(project.folder.read(project.folder.file("out.bin")))
    #expect(first != second)
    let older = try #require(try project.store.run(id: 1))
    let checkout = try Checkout(run: older, into: project.pipeline.folder, store: project.store)
    #expect(checkout.changedSince.isEmpty, "the folder holds run 2's outputs, which the cache keeps")
    #expect(Set(try checkout.apply(force: false).map(\.path)) == ["prep.txt", "out.bin"])
    #expect(project.folder.read(project.folder.file("out.bin")) == first)
    #expect(project.text("prep.txt") == "prep-1\n")
  }

  @Test func checkoutRefusesToOverwriteAFileChangedSinceUnlessForced() throws {
    let project = try ProjectFixture(Self.writer)
    try project.run()
    let kept = try #require(project.folder.read(project.folder.file("out.bin")))
    try project.folder.write(Array("my edit".utf8), to: "out.bin")
    let run = try #require(try project.store.run(id: 1))
    let checkout = try Checkout(run: run, into: project.pipeline.folder, store: project.store)
    #expect(checkout.changedSince.map(\.path) == ["out.bin"])
    #expect(try checkout.apply(force: false).isEmpty, "nothing is written when something would be lost")
    #expect(project.text("out.bin") == "my edit")
    _ = try checkout.apply(force: true)
    #expect(project.folder.read(project.folder.file("out.bin")) == kept)
  }

  @Test func gcFreesWhatDeletedRunsUsedAndKeepsWhatKeptRunsNeed() throws {
    let project = try ProjectFixture(Self.writer)
    try project.run(["x": "1"])  // run 1: prep and make run
    try project.run(["x": "2"])  // run 2: prep reused from run 1, make runs
    let store = project.store
    _ = try store.markDeleted([1], at: 1)
    let before = project.folder.allFiles(in: project.folder.file(".pipeshell/cache")).count
    guard case .success(let dry) = try store.collectGarbage(dry: true) else {
      Issue.record("gc was refused")
      return
    }
    #expect(dry.deletedRuns == [1])
    #expect(dry.cacheEntries == 1, "run 1's out.bin; prep.txt is needed by run 2, which reused it")
    #expect(dry.cacheBytes == 4096)
    #expect(
      project.folder.allFiles(in: project.folder.file(".pipeshell/cache")).count == before, "a dry run removes nothing")
    guard case .success(let done) = try store.collectGarbage(dry: false) else {
      Issue.record("gc was refused")
      return
    }
    #expect(done == dry)
    #expect(try store.run(id: 1) == nil)
    #expect(!PosixFiles.exists(store.folder + "/logs/1"))
    #expect(project.folder.allFiles(in: project.folder.file(".pipeshell/cache")).count == before - 1)
    // Run 2 keeps what it needs: its reused step's outputs are its own now, and checkout works.
    #expect(try store.outputs(runID: 2, step: "prep")["prep.txt"] != nil)
    #expect(
      try store.outputModes(runID: 2, step: "prep")["prep.txt"] == project.folder.mode(project.folder.file("prep.txt")),
      "and so are their modes")
    try project.folder.write(Array("gone".utf8), to: "prep.txt")
    let run = try #require(try store.run(id: 2))
    let checkout = try Checkout(run: run, into: project.pipeline.folder, store: store)
    _ = try checkout.apply(force: true)
    #expect(project.text("prep.txt") == "prep-1\n")
    // And a third gc finds nothing.
    guard case .success(let again) = try store.collectGarbage(dry: false) else { return }
    #expect(again.totalBytes == 0 && again.deletedRuns.isEmpty)
  }

  @Test func gcIsRefusedWhileARunRuns() throws {
    let project = try ProjectFixture(Self.writer)
    let active = try project.service.start(project.request(), subscribers: [])
    #expect(try project.store.collectGarbage(dry: true) == .failure(.running([active.runID])))
    active.abort()
  }
}

@Suite struct LogLimitTests {
  @Test func aLogIsCutAtItsLimitAtALineBreakWithAMarker() {
    let folder = TemporaryFolder()
    let root = folder.path
    let writer = StepLogWriter(limit: 100) { step in "\(root)/\(step).log" }
    // One chunk that crosses the limit: cut at its last line break before the limit.
    writer.append("s", Array((0..<50).map { "line \($0)\n" }.joined().utf8))
    // Chunks of a line each: the one that crosses the limit is cut at it (no break in it).
    for index in 0..<50 { writer.append("t", Array("line \(index)\n".utf8)) }
    writer.closeAll()
    let cutLine = String(decoding: folder.read(folder.file("t.log")) ?? [], as: UTF8.self)
    #expect(cutLine.hasPrefix("line 0\n") && cutLine.utf8.count == 100 + StepLogWriter.marker(limit: 100).utf8.count)
    let text = String(decoding: folder.read(folder.file("s.log")) ?? [], as: UTF8.self)
    let kept = Array((0..<50).map { "line \($0)\n" }.joined().utf8)
    let cutAt = (kept[..<100].lastIndex(of: 10) ?? -1) + 1
    #expect(text == String(decoding: kept[..<cutAt], as: UTF8.self) + StepLogWriter.marker(limit: 100))
    #expect(text.contains("[pipeshell: log cut here at 100 B"))
    #expect(writer.cuts["s"] == StepLogWriter.Cut(kept: cutAt, printed: kept.count))
  }

  @Test func theRunSaysWhichLogsWereCut() throws {
    let project = try ProjectFixture(
      """
      name: p
      steps:
        loud: "yes | head -c 50000"
      """)
    var request = project.request()
    request.logLimit = 1000
    let active = try project.service.start(request, subscribers: [])
    _ = active.proceed(ignoringFirstStop: false) { _ in false }
    #expect(active.notes.contains { $0.hasPrefix("step loud printed 48.8 KiB; its log keeps the first 1000 B") })
    #expect((PosixFiles.size(project.store.logPath(runID: active.runID, step: "loud")) ?? 0) < 1200)
  }
}

@Suite struct SizeTextTests {
  @Test(arguments: [("10M", 10 << 20), ("512k", 512 << 10), ("1GiB", 1 << 30), ("4096", 4096), ("1.5K", 1536)])
  func sizesAreRead(_ text: String, _ bytes: Int) { #expect(ByteCount.parse(text) == bytes) }

  @Test(arguments: ["", "M", "-1", "ten", "10X", "1e3"])
  func otherTextIsNotASize(_ text: String) { #expect(ByteCount.parse(text) == nil) }

  @Test func tooLargeIsRefused() { #expect(ByteCount.parse("2T", maximum: 1 << 40) == nil) }

  @Test func sizesAreWritten() {
    #expect(ByteCount.text(812) == "812 B")
    #expect(ByteCount.text(10 << 20) == "10 MiB")
    #expect(ByteCount.text(1536) == "1.5 KiB")
  }
}
