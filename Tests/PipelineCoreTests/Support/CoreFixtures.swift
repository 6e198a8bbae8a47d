import Synchronization
import Testing

@testable import PipelineCore

/// YAML text with `‸` markers: the text without them, and where each marker stood
/// (1-based line and column, as libyaml and editors count), in order.
struct Marked {
  static let marker: Character = "‸"
  let text: String
  let positions: [(line: Int, column: Int)]

  init(_ source: String) {
    var text = ""
    var positions: [(Int, Int)] = []
    var line = 1
    var column = 1
    for ch in source {
      if ch == Self.marker {
        positions.append((line, column))
        continue
      }
      text.append(ch)
      if ch == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    self.text = text
    self.positions = positions
  }

  /// The `index`th marker as `file:line:col`.
  func at(_ index: Int = 0, file: String = CoreFixtures.file) -> String {
    "\(file):\(positions[index].line):\(positions[index].column)"
  }
}

enum CoreFixtures {
  static let file = "pipeline.yaml"
  static let folder = "/proj"

  /// The example pipeline of SPEC §1.
  static let specExample = """
    name: train-eval
    description: Train and evaluate a model

    params:
      data_path:   {type: path, default: data/train.csv, must_exist: true, description: Training data}
      model:       {type: choice, choices: [linear, tree, mlp], default: linear}
      epochs:      {type: int, default: 10, min: 1, max: 1000}
      lr:          {type: float, default: 0.01, min: 0.000001, max: 1}
      train_model: {type: bool, default: true}
      layers:      {type: list, items: int, default: [64, 32]}
      tags:        {type: dict, default: {team: ml}}
      run_name:    {type: string, default: "${model}-e${epochs}", pattern: "^[a-z0-9-]+$"}
      git_sha:     {type: string, default: "${cmd:git rev-parse --short HEAD}"}
      user:        {type: string, default: "${env:USER:-nobody}"}
      api_key:     {type: secret, required: true}

    profiles:                      # environment-specific layers
      dev:  {epochs: 2}
      prod: {epochs: 50, lr: 0.005}

    steps:
      prepare:
        run: ./prepare.sh ${data_path} out/prep.csv
        inputs: [prepare.sh, "${data_path}"]
        outputs: [out/prep.csv]
      train:
        needs: [prepare]
        when: train_model and epochs > 0
        run: ./train.sh --epochs ${epochs} --lr ${lr} --model ${model}
        env: {API_KEY: "${api_key}"}
        outputs: [out/model.txt]
        timeout: 10m
        retries: 1
      evaluate:
        needs: [train]
        run: ./evaluate.sh out/model.txt
        metrics: out/metrics.json

    """

  /// Loads pipeline text from `folder` (its steps run there), resolves it with real dynamic
  /// sources and the given run-layer overrides, and plans it: what an engine test runs.
  static func planned(
    _ text: String, in folder: String, overrides: [String: String] = [:]
  ) throws -> (snapshot: Snapshot, plan: Plan) {
    let (pipeline, _) = try PipelineLoader().load(text: text, file: "p.yaml", folder: folder)
    let sources = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: [:])
    let runOverrides = overrides.map {
      Binding(name: $0.key, raw: .text($0.value), layer: .run, source: .environment("test"))
    }
    let dynamic = DynamicValues(sources: sources, environment: [:], folder: folder)
    let snapshot = Resolver(dynamic: dynamic).resolve(ResolutionInput(pipeline: pipeline, runOverrides: runOverrides))
    return (snapshot, Planner(dynamic: dynamic).plan(pipeline, snapshot: snapshot))
  }

  /// Resolves and plans `pipeline` with `sources` and `environment`, as a run would.
  static func plan(
    _ input: ResolutionInput, sources: any DynamicSources
  ) -> (snapshot: Snapshot, plan: Plan) {
    let dynamic = DynamicValues(sources: sources, environment: input.environment, folder: input.pipeline.folder)
    let snapshot = Resolver(dynamic: dynamic).resolve(input)
    return (
      snapshot,
      Planner(dynamic: dynamic).plan(
        input.pipeline, snapshot: snapshot, secretEnvironment: input.secretEnvironmentNames)
    )
  }

  /// A step runner on this machine, with a workspace whose cache lives in `folder/.cache`.
  static func runner(
    secrets: [String], in folder: String, runID: Int = 1, environment: [String: String] = ["PATH": "/usr/bin:/bin"]
  ) -> StepRunner {
    StepRunner(
      executors: ["local": LocalStepExecutor(launcher: PosixProcessLauncher())], secrets: secrets,
      baseEnvironment: environment, runID: runID,
      workspace: LocalWorkspace(cache: OutputCache(folder: folder + "/.cache")))
  }

  /// Loads pipeline text, returning the pipeline and its warnings.
  static func load(_ text: String, file: String = file) throws(DiagnosticError) -> (Pipeline, [Diagnostic]) {
    try PipelineLoader().load(text: text, file: file, folder: folder)
  }

  /// Loads text that must load; records an issue and returns nil otherwise.
  static func pipeline(_ text: String, sourceLocation: SourceLocation_ = #_sourceLocation) -> Pipeline? {
    do {
      return try load(text).0
    } catch {
      Issue.record("pipeline did not load:\n\(error)", sourceLocation: sourceLocation)
      return nil
    }
  }

  /// Loads text that must fail, returning its diagnostics (empty, with an issue, when it loads).
  static func diagnostics(_ text: String, sourceLocation: SourceLocation_ = #_sourceLocation) -> [Diagnostic] {
    do {
      _ = try load(text)
      Issue.record("pipeline loaded but should not have", sourceLocation: sourceLocation)
      return []
    } catch {
      return error.diagnostics
    }
  }

  /// Reads bindings written in YAML (a params file) as `file`-layer bindings.
  static func fileBindings(_ text: String, file: String, pipeline: Pipeline) throws -> [Binding] {
    let node = try YAMLReader().read(text, file: file)
    var problems: [Diagnostic] = []
    let bindings = BindingFileReader.bindings(
      in: node, known: Set(pipeline.parameterNames), context: file, diagnostics: &problems)
    #expect(problems.isEmpty)
    // As the shell does: the source is where the value was written.
    return bindings.map {
      Binding(name: $0.name, raw: .yaml($0.node), layer: .file, source: .paramsFile($0.node.location))
    }
  }

  static func session(_ name: String, _ text: String, line: Int = 1) -> Binding {
    Binding(name: name, raw: .text(text), layer: .session, source: .command("set \(name) \(text)", .prompt(line: line)))
  }

  static func secret(_ name: String, _ value: String, line: Int = 1) -> Binding {
    Binding(
      name: name, raw: .secret(Secret(value)), layer: .session, source: .command("secret \(name)", .prompt(line: line)))
  }

  static func run(_ name: String, _ text: String) -> Binding {
    Binding(name: name, raw: .text(text), layer: .run, source: .command("run \(name)=\(text)", .prompt(line: 9)))
  }
}

typealias SourceLocation_ = Testing.SourceLocation

/// Dynamic sources with canned answers that count how often each is asked.
struct FakeSources: DynamicSources {
  var commands: [String: Result<String, DynamicSourceFailure>] = [:]
  var files: [String: String] = [:]
  var existing: Set<String> = []
  let calls = CallCounter()

  func commandOutput(_ command: String, in folder: String) -> Result<String, DynamicSourceFailure> {
    calls.count("cmd:" + command + " in " + folder)
    return commands[command] ?? .failure(DynamicSourceFailure("exit status 127: sh: \(command): not found"))
  }

  func fileContents(_ path: String) -> Result<String, DynamicSourceFailure> {
    calls.count("file:" + path)
    return files[path].map { .success($0) } ?? .failure(DynamicSourceFailure("no such file '\(path)'"))
  }

  func fileExists(_ path: String) -> Bool {
    calls.count("exists:" + path)
    return existing.contains(path) || files[path] != nil
  }
}

/// A thread-safe tally of calls by key.
final class CallCounter: Sendable {
  private let tally = Mutex<[String: Int]>([:])

  func count(_ key: String) { tally.withLock { $0[key, default: 0] += 1 } }
  subscript(key: String) -> Int { tally.withLock { $0[key] ?? 0 } }
  var keys: [String] { tally.withLock { $0.keys.sorted() } }
}
