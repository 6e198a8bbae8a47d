import FoundationEssentials
import Glibc
import Testing

@testable import PipelineCore

/// DVC's locks shared by the stages one pipeshell process runs at once: a path stays in the
/// table, and the repository lock stays taken, until the last stage gives it back; a refused
/// or unreadable table changes nothing.
@Suite struct DVCProcessLocksTests {
  static let me = DVCRWLockTable.Holder(pid: Int(getpid()), cmd: "pipeshell run")

  static func text(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  /// True when another open file can take the `flock` (nobody holds it).
  static func isFree(_ path: String) -> Bool {
    let fd = open(path, O_RDWR | O_CLOEXEC)
    guard fd >= 0 else { return true }
    defer { close(fd) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return false }
    flock(fd, LOCK_UN)
    return true
  }

  @Test func aPathSharedByTwoStagesStaysUntilTheLastGivesItBack() throws {
    let folder = TemporaryFolder()
    let tmp = folder.path + "/.dvc/tmp"
    let locks = DVCProcessLocks(holder: Self.me)
    try locks.holdRepository(in: tmp)
    _ = try locks.take(read: ["/p/in"], write: ["/p/a"], in: tmp)
    _ = try locks.take(read: ["/p/in"], write: ["/p/b"], in: tmp)
    try locks.holdRepository(in: tmp)
    try locks.give(read: ["/p/in"], write: ["/p/a"], in: tmp)
    locks.releaseRepository(in: tmp)
    #expect(
      Self.text(tmp + "/rwlock")
        == #"{"read": {"/p/in": [{"pid": \#(Self.me.pid), "cmd": "pipeshell run"}]}, "write": {"/p/b": {"pid": \#(Self.me.pid), "cmd": "pipeshell run"}}}"#
    )
    #expect(!Self.isFree(tmp + "/lock"), "a stage still holds the repository lock")
    try locks.give(read: ["/p/in"], write: ["/p/b"], in: tmp)
    locks.releaseRepository(in: tmp)
    #expect(Self.text(tmp + "/rwlock") == "{}")
    #expect(Self.isFree(tmp + "/lock"))
    #expect(Self.text(tmp + "/lock") == " \(getpid())\n")
    #expect(FileManager.default.fileExists(atPath: tmp + "/btime"))
  }

  @Test func aRefusedStageChangesNothing() throws {
    let folder = TemporaryFolder()
    let tmp = folder.path + "/.dvc/tmp"
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    let start = #"{"read": {}, "write": {"/p/out": {"pid": 1, "cmd": "dvc repro"}}}"#
    _ = FileManager.default.createFile(atPath: tmp + "/rwlock", contents: Data(start.utf8))
    let locks = DVCProcessLocks(holder: Self.me)
    #expect(throws: DVCLockingProblem.self) {
      try locks.take(read: ["/p/out"], write: ["/p/next"], in: tmp, isAlive: { $0 == 1 })
    }
    // Nothing was counted: giving back finds nothing to remove.
    try locks.give(read: ["/p/out"], write: ["/p/next"], in: tmp)
    #expect(Self.text(tmp + "/rwlock") == start)
  }

  @Test(arguments: [
    (Array("{\"read\": [".utf8), "JSON structure is corrupted (line 1"),
    ([0x7B, 0xFF, 0xFE, 0x7D], "JSON structure is corrupted (it is not UTF-8 text)"),
    (Array(#"{"read": {"/p": [{"pid": 1}]}}"#.utf8), "format error: 'read' of '/p' has no 'cmd'"),
  ])
  func anUnreadableTableIsNamedAndLeftAlone(bytes: [UInt8], expected: String) throws {
    let folder = TemporaryFolder()
    let tmp = folder.path + "/.dvc/tmp"
    try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: tmp + "/rwlock", contents: Data(bytes))
    let locks = DVCProcessLocks(holder: Self.me)
    do {
      _ = try locks.take(read: ["/p/in"], write: [], in: tmp)
      Issue.record("an unreadable table was used")
    } catch {
      #expect(error.description.contains("RWLock-file '\(tmp)/rwlock'"), "\(error)")
      #expect(error.description.contains(expected), "\(error)")
    }
    #expect(FileManager.default.contents(atPath: tmp + "/rwlock").map(Array.init) == bytes)
  }

  @Test func aTableThatIsNoFileIsRefused() throws {
    let folder = TemporaryFolder()
    let tmp = folder.path + "/.dvc/tmp"
    try FileManager.default.createDirectory(atPath: tmp + "/rwlock", withIntermediateDirectories: true)
    #expect(throws: DVCLockingProblem.table(.corrupted(file: tmp + "/rwlock", detail: "it is not a regular file"))) {
      try DVCRWLockFile(folder: tmp).read()
    }
  }
}
