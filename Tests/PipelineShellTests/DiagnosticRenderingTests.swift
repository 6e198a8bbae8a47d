import PipelineCore
import Synchronization
import Testing

@testable import PipelineShell

/// Many problems in one file: the file is read once, and beyond a hundred only a count is shown
/// (a params file with thousands of undeclared keys once took time quadratic in their number).
@Suite @MainActor struct DiagnosticRenderingTests {
  /// A file system that holds one file and counts its reads.
  final class CountingFiles: FileSystem {
    let text: String
    private let reads = Mutex(0)
    init(_ text: String) { self.text = text }
    var readCount: Int { reads.withLock { $0 } }
    func read(_ path: String) throws(CommandError) -> String {
      reads.withLock { $0 += 1 }
      return text
    }
    func write(_ text: String, to path: String) throws(CommandError) {}
    func exists(_ path: String) -> Bool { true }
    func isDirectory(_ path: String) -> Bool { false }
    func contents(of folder: String) -> [String] { [] }
    func stamp(_ path: String) -> String? { nil }
    var currentDirectory: String { "/" }
  }

  @Test func manyProblemsReadTheFileOnceAndShowAHundred() {
    let lines = (1...5000).map { "key\($0): 1" }
    let files = CountingFiles(lines.joined(separator: "\n"))
    let context = CommandContext(
      session: ShellSession(environment: [:], baseFolder: "/"), output: DiscardingOutput(),
      services: Services(
        fileSystem: files, dynamicSources: NoDynamicSources(), secretReader: nil, launcher: PosixProcessLauncher()),
      registry: CommandRegistry(commands: []))
    let diagnostics = (1...5000).map {
      Diagnostic("unknown parameter 'key\($0)'", at: SourceLocation(file: "params.yaml", line: $0, column: 1))
    }
    let text = context.render(diagnostics)
    #expect(files.readCount == 1)
    #expect(text.contains("params.yaml:100:1: error: unknown parameter 'key100'\n  key100: 1"))
    #expect(!text.contains("key101"))
    #expect(text.hasSuffix("... and 4900 more problems"))
  }
}
