import Testing

@testable import PipelineCore

/// Entries of `dvc.lock` replaced where they are, and new ones added at the end or before a
/// given entry (where a stage that ends later comes earlier in DVC's order).
@Suite struct DVCLockWriterTests {
  static let text = "schema: '2.0'\nstages:\n  a:\n    cmd: echo a\n  c:\n    cmd: echo c\n"

  @Test func newEntriesGoAtTheEndOrBeforeTheAnchor() throws {
    let lock = try DVCLockFile.parse(Self.text, file: "dvc.lock")
    let entry: (String) -> (name: String, entry: DVCValue) = { name in
      (name, .dict([.init(key: "cmd", value: .string("echo \(name)"))]))
    }
    #expect(
      DVCLockWriter.updated(lock, with: [entry("b")], newBefore: "c")
        == "schema: '2.0'\nstages:\n  a:\n    cmd: echo a\n  b:\n    cmd: echo b\n  c:\n    cmd: echo c\n")
    #expect(DVCLockWriter.updated(lock, with: [entry("d")]) == Self.text + "  d:\n    cmd: echo d\n")
    #expect(DVCLockWriter.updated(lock, with: [entry("d")], newBefore: "gone") == Self.text + "  d:\n    cmd: echo d\n")
    // An entry already there stays where it is, whatever the anchor.
    #expect(DVCLockWriter.updated(lock, with: [entry("c")], newBefore: "a") == Self.text)
  }
}
