import PipelineCore
import PipelineShell

/// A pipeline, a registry and a small folder tree for completion tests.
@MainActor
enum CompletionFixtures {
  static let pipelineText = """
    name: train-eval
    params:
      data_path:   {type: path, default: data/train.csv}
      model:       {type: choice, choices: [linear, tree, mlp], default: linear}
      epochs:      {type: int, default: 10, min: 1, max: 1000}
      lr:          {type: float, default: 0.01}
      train_model: {type: bool, default: true}
      api_key:     {type: secret, required: true}
    profiles:
      dev:  {epochs: 2}
      prod: {epochs: 50}
    steps:
      prepare: {run: echo prepare}
      train: {needs: [prepare], run: echo train}
      evaluate: {needs: [train], run: echo evaluate}
    """

  static func completer(fileSystem: any FileSystem = FakeFolders()) throws -> Completer {
    let (pipeline, _) = try PipelineLoader().load(text: pipelineText, file: "/p/pipeline.yaml", folder: "/p")
    let session = ShellSession(environment: [:], baseFolder: "/p")
    session.pipeline = pipeline
    let services = Services(
      fileSystem: fileSystem, dynamicSources: NoDynamicSources(), secretReader: nil, launcher: PosixProcessLauncher())
    let app = ShellApp(session: session, output: DiscardingOutput(), services: services, options: ShellOptions())
    return Completer(registry: app.registry, session: session, fileSystem: fileSystem)
  }
}

/// Folders in memory: `/p` holds `data/` (with `train.csv`), `params.yaml`, `my file.txt`, `.hidden`.
struct FakeFolders: FileSystem {
  let tree: [String: [String]] = [
    "/p": ["data", "params.yaml", "pipeline.yaml", "my file.txt", ".hidden"],
    "/p/data": ["train.csv", "test.csv"],
  ]
  func read(_ path: String) throws(CommandError) -> String { throw .failed("no file") }
  func write(_ text: String, to path: String) throws(CommandError) {}
  func exists(_ path: String) -> Bool { tree[path] != nil }
  func isDirectory(_ path: String) -> Bool { tree[path] != nil }
  func contents(of folder: String) -> [String] { tree[folder] ?? [] }
  func stamp(_ path: String) -> String? { nil }
  var currentDirectory: String { "/p" }
}

struct NoDynamicSources: DynamicSources {
  func commandOutput(_ command: String, in folder: String) -> Result<String, DynamicSourceFailure> {
    .failure(.init("none"))
  }
  func fileContents(_ path: String) -> Result<String, DynamicSourceFailure> { .failure(.init("none")) }
  func fileExists(_ path: String) -> Bool { false }
}

final class DiscardingOutput: OutputSink {
  func write(_ text: String) {}
  func writeError(_ text: String) {}
  func flush() {}
}
