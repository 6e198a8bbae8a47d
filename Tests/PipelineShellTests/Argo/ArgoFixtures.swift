import FoundationEssentials
import Glibc
import PipelineCore
import Synchronization
import Testing

/// Exporting pipelines in tests, and checking manifests against Argo's strict JSON schema with
/// Python's jsonschema (the virtual environment `Scripts/setup-argo-schema` makes).
enum ArgoFixtures {
  static let repository: String = {
    let file = #filePath
    var path = String(file[..<file.lastIndex(of: "/")!])
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path
  }()

  static let environment = ProcessInfo.processInfo.environment

  /// The strict schema: PIPESHELL_ARGO_SCHEMA, or shared/ beside the repository.
  static let schema: String? = {
    let candidates = [
      environment["PIPESHELL_ARGO_SCHEMA"], repository + "/../shared/data/argo/workflow-strict-v3.7.18.schema.json",
      "/work/shared/data/argo/workflow-strict-v3.7.18.schema.json",
    ]
    return candidates.compactMap { $0 }.first { access($0, R_OK) == 0 }
  }()

  /// The venv's python: PIPESHELL_ARGO_VENV, or /work/venvs/argo-schema.
  static let python: String? = {
    let venv = environment["PIPESHELL_ARGO_VENV"] ?? "/work/venvs/argo-schema"
    return access(venv + "/bin/python", X_OK) == 0 ? venv + "/bin/python" : nil
  }()

  /// Validates YAML text; returns the validator's problem lines (empty when valid). Cancels the
  /// test, saying why, where the schema or the validator is missing.
  static func schemaProblems(_ yaml: String) throws -> [String] {
    guard let schema else {
      try Test.cancel(
        "Argo schema tests skipped: workflow-strict-v3.7.18.schema.json not found (set PIPESHELL_ARGO_SCHEMA)")
    }
    guard let python else {
      try Test.cancel(
        "Argo schema tests skipped: no jsonschema venv; run Scripts/setup-argo-schema (or set PIPESHELL_ARGO_VENV)")
    }
    var template = Array("/tmp/pipeshell-argo-XXXXXX.yaml".utf8CString)
    let fd = mkstemps(&template, 5)
    precondition(fd >= 0, "mkstemps failed")
    let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer { unlink(path) }
    let bytes = Array(yaml.utf8)
    precondition(write(fd, bytes, bytes.count) == bytes.count)
    close(fd)
    let (outcome, stdout, stderr) = run(
      "exec '\(python)' '\(repository)/Scripts/argo/validate.py' '\(schema)' '\(path)'")
    switch outcome {
    case .exited(0): return []
    case .exited(1): return stdout.split(separator: "\n").map { String($0).replacing(path, with: "MANIFEST") }
    default:
      Issue.record("validator \(outcome): \(stdout) \(stderr)")
      return ["validator failed"]
    }
  }

  /// Runs a shell command; its outcome and both outputs.
  static func run(_ command: String) -> (ProcessOutcome, String, String) {
    let buffers = Mutex<[OutputStream: [UInt8]]>([:])
    let outcome = PosixProcessLauncher().run(
      ProcessRequest(command: command, environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/", timeout: 120)
    ) { stream, chunk in buffers.withLock { $0[stream, default: []] += chunk } }
    let text = { (stream: OutputStream) in String(decoding: buffers.withLock { $0[stream] ?? [] }, as: UTF8.self) }
    return (outcome, text(.stdout), text(.stderr))
  }

  /// Loads pipeline text and resolves it (commands answer `abc1234`, files `1.2.3`).
  static func resolved(
    _ text: String, folder: String = "/proj", environment: [String: String] = ["USER": "ada"],
    session: [String: String] = [:]
  ) throws -> (Pipeline, Snapshot) {
    let (pipeline, _) = try PipelineLoader().load(text: text, file: "pipeline.yaml", folder: folder)
    let bindings = session.sorted { $0.key < $1.key }.map {
      Binding(name: $0.key, raw: .text($0.value), layer: .session, source: .command("set", .commandLine))
    }
    let input = ResolutionInput(pipeline: pipeline, environment: environment, sessionBindings: bindings)
    return (pipeline, Resolver(sources: FixedSources(), input: input).resolve(input))
  }

  /// The manifest text for pipeline text.
  static func export(
    _ text: String, options: ArgoExportOptions = ArgoExportOptions(), session: [String: String] = [:]
  ) throws -> String {
    let (pipeline, snapshot) = try resolved(text, session: session)
    let exporter = ArgoWorkflowExporter(options: options, environment: ["USER": "ada"], sources: FixedSources())
    return try exporter.yaml(pipeline, snapshot: snapshot)
  }

  /// The export's problems as messages (empty, with an issue recorded, when it succeeds).
  static func exportProblems(_ text: String, options: ArgoExportOptions = ArgoExportOptions()) throws -> [String] {
    let (pipeline, snapshot) = try resolved(text)
    do {
      _ = try ArgoWorkflowExporter(options: options).export(pipeline, snapshot: snapshot)
      Issue.record("the export succeeded but should not have")
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }
}

/// Dynamic sources with fixed answers: `${cmd:...}` is `abc1234`, `${file:...}` is `1.2.3`.
struct FixedSources: DynamicSources {
  func commandOutput(_ command: String, in folder: String) -> Result<String, DynamicSourceFailure> {
    .success("abc1234\n")
  }
  func fileContents(_ path: String) -> Result<String, DynamicSourceFailure> { .success("1.2.3") }
  func fileExists(_ path: String) -> Bool { true }
}
