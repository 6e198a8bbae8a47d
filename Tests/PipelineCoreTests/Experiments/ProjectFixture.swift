import FoundationEssentials
import Synchronization
import Testing

@testable import PipelineCore

/// A pipeline in a temporary folder with its run store and a run service over it, for tests
/// of isolated runs, sweeps and housekeeping through the real engine and store.
final class ProjectFixture {
  let folder = TemporaryFolder()
  let pipeline: Pipeline
  let service: RunService
  let launcher = PosixProcessLauncher()

  init(_ text: String, files: [String: String] = [:]) throws {
    for (name, content) in files { try folder.write(Array(content.utf8), to: name) }
    try folder.write(Array(text.utf8), to: "p.yaml")
    pipeline = try PipelineLoader().load(text: text, file: folder.file("p.yaml"), folder: folder.path).0
    let store = try RunStore(folder: folder.file(".pipeshell"))
    service = RunService(
      store: store, executors: ["local": LocalStepExecutor(launcher: launcher)],
      sources: LocalDynamicSources(launcher: launcher, environment: Self.environment), environment: Self.environment,
      launcher: launcher)
  }

  static let environment = ["PATH": "/usr/bin:/bin", "HOME": "/tmp"]

  var store: RunStore { service.store }

  /// A run binding of `name`.
  static func binding(_ name: String, _ value: String) -> Binding {
    Binding(name: name, raw: .text(value), layer: .run, source: .command("test", .commandLine))
  }

  /// A request for the pipeline with run values.
  func request(_ values: [String: String] = [:], isolated: Bool = false, jobs: Int = 1) -> RunRequest {
    let overrides = values.sorted { $0.key < $1.key }.map { Self.binding($0.key, $0.value) }
    var request = RunRequest(
      input: ResolutionInput(pipeline: pipeline, environment: Self.environment, runOverrides: overrides),
      command: "test",
      jobs: jobs)
    request.isolated = isolated
    return request
  }

  /// Starts and drives one run to its end.
  @discardableResult
  func run(_ values: [String: String] = [:], isolated: Bool = false) throws -> (RunRecord, ActiveRun) {
    let active = try service.start(request(values, isolated: isolated), subscribers: [])
    _ = active.proceed(ignoringFirstStop: false) { _ in false }
    return (try #require(try store.run(id: active.runID)), active)
  }

  /// The content the cache keeps for an output of a run's step.
  func keptContent(run: Int, step: String, path: String) throws -> String {
    let hash = try #require(try store.outputs(runID: run, step: step)[path])
    let file = try #require(store.outputCache.path(for: hash))
    return String(decoding: try #require(folder.read(file)), as: UTF8.self)
  }

  /// Reads a file of the project folder.
  func text(_ name: String) -> String? { folder.read(folder.file(name)).map { String(decoding: $0, as: UTF8.self) } }
}

/// Collects a sweep's events.
final class SweepEvents: SweepEventSubscriber {
  let started = Mutex<[Int: Int]>([:])
  let finished = Mutex<[SweepPointResult]>([])
  let stepStarts = Mutex(0)

  func subscribers(for point: SweepPoint) -> [any RunEventSubscriber] { [StepCounter(events: self)] }
  func pointStarted(_ point: SweepPoint, runID: Int) { started.withLock { $0[point.index] = runID } }
  func pointFinished(_ result: SweepPointResult) { finished.withLock { $0.append(result) } }

  struct StepCounter: RunEventSubscriber {
    let events: SweepEvents
    func handle(_ event: RunEvent) {
      if case .stepStarted = event { events.stepStarts.withLock { $0 += 1 } }
    }
  }
}
