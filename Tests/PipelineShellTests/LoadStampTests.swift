import PipelineCore
import PipelineTestSupport
import Synchronization
import Testing

@testable import PipelineShell

/// What a load remembers of the files it read, to notice edits: each file is read once, and
/// the stamp is what that read saw (an edit made while the load ran is an edit).
@Suite @MainActor struct LoadStampTests {
  /// The real disk, counting each file's reads; a file can be edited right after its first read.
  final class WatchedDisk: FileSystem {
    private let disk = LocalFileSystem()
    private let state = Mutex<(reads: [String: Int], edits: [String: String])>(([:], [:]))

    func reads(of path: String) -> Int { state.withLock { $0.reads[path] ?? 0 } }
    func edit(_ path: String, afterItsFirstReadTo text: String) { state.withLock { $0.edits[path] = text } }

    func read(_ path: String) throws(CommandError) -> String {
      let text = try disk.read(path)
      let edit = state.withLock { state -> String? in
        state.reads[path, default: 0] += 1
        return state.edits.removeValue(forKey: path)
      }
      if let edit { try disk.write(edit, to: path) }
      return text
    }
    func write(_ text: String, to path: String) throws(CommandError) { try disk.write(text, to: path) }
    func exists(_ path: String) -> Bool { disk.exists(path) }
    func isDirectory(_ path: String) -> Bool { disk.isDirectory(path) }
    func contents(of folder: String) -> [String] { disk.contents(of: folder) }
    func stamp(_ path: String) -> String? { disk.stamp(path) }
    var currentDirectory: String { disk.currentDirectory }
  }

  static let params = "train:\n  lr: 0.1\n  epochs: 3\n"

  /// A DVC project whose one stage reads `train.lr` from params.yaml.
  static func project() throws -> String {
    let folder = try TemporaryFolder.make(prefix: "stamps")
    let disk = LocalFileSystem()
    try disk.write("[core]\n    no_scm = True\n", to: folder + "/.dvc/config")
    try disk.write("stages:\n  train:\n    cmd: echo ${train.lr}\n    params: [train.lr]\n", to: folder + "/dvc.yaml")
    try disk.write(params, to: folder + "/params.yaml")
    return folder
  }

  static func context(_ files: WatchedDisk, in folder: String) -> CommandContext {
    CommandContext(
      session: ShellSession(environment: [:], baseFolder: folder), output: DiscardingOutput(),
      services: Services(
        fileSystem: files, dynamicSources: NoDynamicSources(), secretReader: nil, launcher: PosixProcessLauncher()),
      registry: CommandRegistry(commands: []))
  }

  @Test func aLoadReadsEachOfItsFilesOnce() throws {
    let folder = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    let files = WatchedDisk()
    let context = Self.context(files, in: folder)
    try PipelineLoading(context: context).loadPipeline(at: folder + "/dvc.yaml")
    #expect(files.reads(of: folder + "/dvc.yaml") == 1)
    #expect(files.reads(of: folder + "/params.yaml") == 1)
    let stamp = context.session.fileStamps[folder + "/params.yaml"]
    #expect(stamp?.content == ContentHasher.hash(Self.params))
    #expect(stamp?.stat == files.stamp(folder + "/params.yaml"))
    try PipelineLoading(context: context).reloadIfChanged()
    #expect(files.reads(of: folder + "/params.yaml") == 1, "nothing changed: nothing read again")
  }

  @Test func anEditMadeWhileTheLoadRanIsNoticed() throws {
    let folder = try Self.project()
    defer { TemporaryFolder.remove(folder) }
    let files = WatchedDisk()
    let edited = "train:\n  lr: 0.5\n  epochs: 3\n"
    files.edit(folder + "/params.yaml", afterItsFirstReadTo: edited)
    let context = Self.context(files, in: folder)
    try PipelineLoading(context: context).loadPipeline(at: folder + "/dvc.yaml")
    // The pipeline holds what was read; its stamp says so, not what the disk holds now.
    #expect(context.session.fileStamps[folder + "/params.yaml"]?.content == ContentHasher.hash(Self.params))
    try PipelineLoading(context: context).reloadIfChanged(quietly: true)
    #expect(context.session.fileStamps[folder + "/params.yaml"]?.content == ContentHasher.hash(edited))
    let lr = context.session.paramsFiles.flatMap(\.bindings).first { $0.name == "train.lr" }
    #expect(lr?.raw == .value(.float(0.5)))
  }
}
