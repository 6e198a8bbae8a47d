import FoundationEssentials
import Glibc
import Testing

@testable import PipelineCore

/// A path holding a NUL character is refused before any system call: the system reads a path
/// only up to its NUL, so `/\0x/.pipeshell` was `/` to `mkdir` and `chmod`, and opening a store
/// there made `/` owner-only (found by the command fuzz target, running as root).
@Suite struct NULPathTests {
  @Test func aStoreIsNotOpenedAtAPathHoldingANUL() throws {
    let folder = TemporaryFolder()
    chmod(folder.path, 0o755)
    #expect(throws: (any Error).self) { try RunStore(folder: folder.path + "/\0x/.pipeshell") }
    #expect(folder.mode(folder.path) & 0o777 == 0o755, "the folder before the NUL keeps its mode")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  static func expectRefused(_ what: String, _ body: () throws(FileError) -> Void) {
    do {
      try body()
      Issue.record("\(what): a path holding a NUL was used")
    } catch {
      #expect(error.reason == "a path cannot hold a NUL character", "\(what)")
      #expect(error.description.contains("\\0tail"), "\(what): \(error.description)")
    }
  }

  @Test func fileOperationsRefuseItWithAClearReason() throws {
    let folder = TemporaryFolder()
    let bad = folder.path + "/\0tail"
    Self.expectRefused("makeFolders") { () throws(FileError) in try PosixFiles.makeFolders(bad) }
    Self.expectRefused("open") { () throws(FileError) in _ = try OpenFile(bad, flags: O_WRONLY | O_CREAT) }
    Self.expectRefused("remove") { () throws(FileError) in try PosixFiles.remove(bad) }
    Self.expectRefused("remove a folder") { () throws(FileError) in _ = try FolderRemoval.remove(bad) }
    Self.expectRefused("rename") { () throws(FileError) in try PosixFiles.rename(folder.path + "/a", to: bad) }
    #expect(!PosixFiles.exists(bad) && !PosixFiles.isFolder(bad) && PosixFiles.names(in: bad).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func aStepPathHoldingANULIsAProblemOfThePlan() throws {
    let text = """
      params:
        n: {type: int, default: 1}
      steps:
        s:
          run: echo ${n}
          outputs: ["out\\0x.txt"]
          cwd: "work\\0x"
      """
    let (_, plan) = try CoreFixtures.planned(text, in: "/tmp")
    #expect(plan.problems.map(\.message) == Array(repeating: "step 's' names a path holding a NUL character", count: 2))
  }

  /// A value holding a NUL (YAML's `"\0"`) would cut the step's command short for the system:
  /// `echo a<NUL>b > out.txt` ran `echo a` while the plan and the record said otherwise.
  @Test func aCommandOrEnvironmentHoldingANULIsAProblemOfThePlan() throws {
    let text = """
      params:
        x: {type: string, default: "a\\0b"}
        y: {type: string, default: plain}
      steps:
        s:
          run: echo ${x} > out.txt
          env: {X: "${x}"}
        t:
          run: echo ${y}
      """
    let (_, plan) = try CoreFixtures.planned(text, in: "/tmp")
    #expect(
      plan.problems.map(\.message) == [
        "step 's' has a command holding a NUL character, which no command line can pass",
        "step 's' has an environment variable X holding a NUL character, which no environment can pass",
        "step 's' has an environment variable PARAM_X holding a NUL character, which no environment can pass",
      ])
    #expect(plan.steps.map(\.runs) == [true, true])
  }
}
