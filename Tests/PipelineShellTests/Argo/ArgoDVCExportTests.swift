import FoundationEssentials
import PipelineCore
import PipelineTestSupport
import Testing

/// `export argo` on a DVC project: the values of params files are written as they are in the
/// files (the stages read the files themselves, so a workflow parameter would lie), a session
/// value that differs is refused, and `DVC_ROOT` and `wdir` name folders on the volume.
@Suite struct ArgoDVCExportTests {
  /// A project with a `wdir` stage, a `foreach` stage, a `cmd` list, a second params file and
  /// an overlay secret passed through `env:`.
  static let files: [(String, String)] = [
    (".dvc/config", "[core]\n    no_scm = True\n"),
    ("params.yaml", "train:\n  lr: 0.1\n  epochs: 3\nmodels: [small, large]\n"),
    ("configs/eval.yaml", "threshold: 0.5\n"),
    (
      "pipeshell.yaml",
      """
      params:
        api_token: {type: secret}
      stages:
        upload: {env: {TOKEN: "${api_token}"}}

      """
    ),
    (
      "dvc.yaml",
      """
      vars:
        - configs/eval.yaml
      stages:
        prepare:
          wdir: data
          cmd: echo prepare > prepared.txt
          outs: [prepared.txt]
        train:
          foreach: ${models}
          do:
            cmd: python train.py --model ${item} --lr ${train.lr} --epochs ${train.epochs}
            deps: [data/prepared.txt]
            params: [train.lr, train.epochs]
            outs: ["model-${item}.txt"]
        evaluate:
          cmd:
            - python eval.py --threshold ${threshold}
            - echo "$HOME"
          deps: [model-small.txt, model-large.txt]
          params:
            - configs/eval.yaml:
                - threshold
          metrics: [{metrics.json: {cache: false}}]
        upload:
          cmd: ./upload.sh
          deps: [metrics.json]

      """
    ),
  ]

  static let secret = "tok-9f8e7d6c"

  @Test func valuesOfParamsFilesAreWrittenAsInTheFilesAndTheManifestValidates() throws {
    let folder = try Self.project(Self.files)
    defer { TemporaryFolder.remove(folder) }
    let (manifest, yaml) = try Self.export(folder, options: ArgoExportOptions(mountPath: "/mnt/work"))
    #expect(try ArgoFixtures.schemaProblems(yaml) == [])
    // No workflow parameter stands for a value the stages read from a file.
    #expect(manifest["spec"]?["arguments"]?["parameters"]?.items.isEmpty == true)
    #expect(!yaml.contains("workflow.parameters"))
    let containers = Self.containers(manifest)
    #expect(containers.keys.sorted() == ["evaluate", "prepare", "train-large", "train-small", "upload"])
    #expect(Self.arguments(containers["train-small"]) == ["python train.py --model small --lr 0.1 --epochs 3"])
    #expect(Self.arguments(containers["train-large"]) == ["python train.py --model large --lr 0.1 --epochs 3"])
    #expect(Self.environment(containers["train-small"])["PARAM_TRAIN_LR"] == "0.1")
    // A cmd list: each command in a shell of its own while they succeed; `$` escaped for Kubernetes.
    #expect(
      Self.arguments(containers["evaluate"]) == [
        #"/bin/sh -c "$${1}" && /bin/sh -c "$${2}""#, "pipeshell-step", "python eval.py --threshold 0.5",
        #"echo "$$HOME""#,
      ])
    #expect(Self.environment(containers["evaluate"])["PARAM_THRESHOLD"] == "0.5")
    // DVC_ROOT and wdir are folders on the volume, never this machine's.
    #expect(!yaml.contains(folder))
    for (name, container) in containers {
      #expect(Self.environment(container)["DVC_ROOT"] == "/mnt/work", "\(name)")
      #expect(container["workingDir"]?.text == (name == "prepare" ? "/mnt/work/data" : "/mnt/work"), "\(name)")
    }
    // The secret is a secretKeyRef, its value nowhere.
    #expect(!yaml.contains(Self.secret))
    let token = containers["upload"]?["env"]?.items.first { $0["name"]?.text == "TOKEN" }
    #expect(token?["valueFrom"]?["secretKeyRef"]?["key"]?.text == "api_token")
    // What was fixed from which file is recorded.
    let annotation = manifest["metadata"]?["annotations"]?["pipeshell.dev/resolved-at-export"]?.text ?? ""
    #expect(
      annotation.contains(#""params.yaml": {"models": "[small, large]", "train.epochs": "3", "train.lr": "0.1"}"#))
    #expect(annotation.contains(#""configs/eval.yaml": {"threshold": "0.5"}"#))
  }

  @Test func aSessionValueThatDiffersFromItsFileIsRefused() throws {
    let folder = try Self.project(Self.files)
    defer { TemporaryFolder.remove(folder) }
    do {
      _ = try Self.export(folder, session: ["train.lr": "0.5", "threshold": "0.5"])
      Issue.record("exported a value the stages would not read")
    } catch let error as ArgoExportError {
      #expect(
        error.diagnostics.map(\.description) == [
          "params.yaml:2:7: error: 'train.lr' is 0.5 (session layer) but 0.1 in params.yaml, which the steps read "
            + "themselves, so the workflow would run with 0.1; write the value into the file first with "
            + "'params --write train.lr' (or 'unset train.lr' to export the file's)"
        ])
    }
    // The same value as the file's is no change.
    let (manifest, _) = try Self.export(folder, session: ["train.lr": "0.10"])
    #expect(Self.arguments(Self.containers(manifest)["train-small"]).first?.contains("--lr 0.1 ") == true)
  }

  /// A `dvc.yaml` below the repository's root: the root is not on the volume (it holds the
  /// pipeline's folder), so `DVC_ROOT` is left out rather than naming a folder it does not have.
  @Test func aRepositoryRootAboveTheFolderIsNotNamed() throws {
    let root = try Self.project(Self.files.map { $0.0 == ".dvc/config" ? $0 : ("sub/" + $0.0, $0.1) })
    defer { TemporaryFolder.remove(root) }
    let (manifest, yaml) = try Self.export(root + "/sub")
    #expect(!yaml.contains(root))
    #expect(Self.environment(Self.containers(manifest)["upload"])["DVC_STAGE"] == "sub/dvc.yaml:upload")
    #expect(Self.containers(manifest).values.allSatisfy { Self.environment($0)["DVC_ROOT"] == nil })
  }

  /// The example projects export and validate, with no value of a params file as a parameter.
  @Test(arguments: [
    "iterative__example-get-started/dvc.yaml", "iterative__example-get-started-experiments/dvc.yaml",
    "iterative__pipeline-conifguration/multi-params-files/dvc.yaml",
  ])
  func exampleProjectsExport(_ file: String) throws {
    let path = "/work/shared/dvc-examples/" + file
    guard FileManager.default.fileExists(atPath: path) else {
      try Test.cancel("DVC examples not found at /work/shared/dvc-examples")
    }
    let folder = String(path[..<path.lastIndex(of: "/")!])
    let (manifest, yaml) = try Self.export(folder)
    #expect(try ArgoFixtures.schemaProblems(yaml) == [])
    #expect(manifest["spec"]?["arguments"]?["parameters"]?.items.isEmpty == true)
    #expect(!yaml.contains("workflow.parameters") && !yaml.contains(folder))
    #expect(Self.containers(manifest).values.allSatisfy { Self.environment($0)["DVC_ROOT"] == "/workspace" })
    #expect(yaml.contains("pipeshell.dev/resolved-at-export"))
  }

  // MARK: - Helpers

  /// The files written into a new folder.
  static func project(_ files: [(String, String)]) throws -> String {
    let folder = try TemporaryFolder.make(prefix: "argo-dvc")
    for (path, text) in files {
      let full = folder + "/" + path
      try FileManager.default.createDirectory(
        atPath: String(full[..<full.lastIndex(of: "/")!]), withIntermediateDirectories: true)
      #expect(FileManager.default.createFile(atPath: full, contents: Data(text.utf8)))
    }
    return folder
  }

  /// The project in `folder` loaded and exported with the secret in the environment layer.
  static func export(
    _ folder: String, options: ArgoExportOptions = ArgoExportOptions(), session: [String: String] = [:]
  ) throws -> (YAMLValue, String) {
    let loaded = try DVCFormat().load(folder + "/dvc.yaml", shownAs: "dvc.yaml", files: DiskFiles())
    let bindings = session.sorted { $0.key < $1.key }.map {
      Binding(name: $0.key, raw: .text($0.value), layer: .session, source: .command("set", .commandLine))
    }
    let input = ResolutionInput(
      pipeline: loaded.pipeline, fileBindings: loaded.paramsFiles.flatMap(\.bindings),
      environment: ["PIPESHELL_API_TOKEN": secret], sessionBindings: bindings)
    let snapshot = Resolver(sources: FixedSources(), input: input).resolve(input)
    let exporter = ArgoWorkflowExporter(options: options, sources: FixedSources())
    let manifest = try exporter.export(loaded.pipeline, snapshot: snapshot)
    return (manifest, try exporter.yaml(loaded.pipeline, snapshot: snapshot))
  }

  /// Each container template's `container`, by template name.
  static func containers(_ manifest: YAMLValue) -> [String: YAMLValue] {
    var out: [String: YAMLValue] = [:]
    for template in manifest["spec"]?["templates"]?.items ?? [] {
      if let name = template["name"]?.text, let container = template["container"] { out[name] = container }
    }
    return out
  }

  static func arguments(_ container: YAMLValue?) -> [String] {
    (container?["args"]?.items ?? []).compactMap(\.text)
  }

  /// The plain variables (a secretKeyRef has no `value`).
  static func environment(_ container: YAMLValue?) -> [String: String] {
    var out: [String: String] = [:]
    for variable in container?["env"]?.items ?? [] {
      if let name = variable["name"]?.text, let value = variable["value"]?.text { out[name] = value }
    }
    return out
  }

  struct DiskFiles: SourceFiles {
    func text(_ path: String, shownAs: String) throws(DiagnosticError) -> String {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw DiagnosticError(Diagnostic("cannot read '\(shownAs)'"))
      }
      return String(decoding: data, as: UTF8.self)
    }
    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
    func shown(_ path: String) -> String { String(path.split(separator: "/").last ?? "") }
  }
}
