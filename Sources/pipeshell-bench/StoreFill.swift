import PipelineCore

/// `store-fill DIR N`: adds N finished runs to the store in DIR, in batches of one
/// transaction each. Each run has 20 parameters (three of them vary from run to run), five
/// successful steps with fingerprints, and four metrics, like a sweep's history.
struct StoreFill {
  var folder: String
  var count: Int
  var batch = 1_000

  func run() throws {
    let store = try RunStore(folder: folder)
    let base = 1_700_000_000.0
    var added = 0
    let (_, milliseconds) = try Measure.time {
      while added < count {
        let size = min(batch, count - added)
        let runs = (added..<(added + size)).map { Self.record($0, startedAt: base + Double($0) * 60) }
        _ = try store.importRuns(runs)
        added += size
      }
    }
    Measure.report("store.fill.runs", Double(added), "count")
    Measure.report("store.fill.total", milliseconds, "ms")
  }

  static let stepNames = ["prepare", "featurize", "train", "evaluate", "report"]

  /// The `index`th run: `lr`, `epochs` and `seed` vary; 17 other parameters do not.
  static func record(_ index: Int, startedAt: Double) -> RunRecord {
    var parameters = [
      parameter("lr", "0.\(String(1000 + index % 97).dropFirst())", layer: "run"),
      parameter("epochs", String(10 + index % 7), layer: "session"),
      parameter("seed", String(index), layer: "run"),
    ]
    for k in 0..<17 { parameters.append(parameter("opt_\(k)", "value-\(k)", layer: "default")) }
    let loss = 1.0 / Double(1 + index % 97)
    let steps = stepNames.enumerated().map { position, name in
      var step = StepRecord(
        name: name, state: .ok, reason: position == 0 ? "no earlier result" : "upstream changed", exitCode: 0,
        startedAt: startedAt + Double(position), finishedAt: startedAt + Double(position) + 0.5,
        fingerprint: ContentHasher.hash("\(index)/\(name)"), attempts: 1)
      if name == "train" { step.metrics = ["train_loss": loss * 0.9] }
      if name == "evaluate" { step.metrics = ["loss": loss, "accuracy": 1 - loss / 2, "f1": 1 - loss / 3] }
      return step
    }
    return RunRecord(
      id: 0, startedAt: startedAt, finishedAt: startedAt + 5, status: .ok, pipelineName: "store-bench",
      pipelineHash: "0123456789abcdef", command: index == 0 ? "run" : "rerun seed=\(index)", parameters: parameters,
      steps: steps, ownerPID: 1)
  }

  private static func parameter(_ name: String, _ value: String, layer: String) -> ParameterRecord {
    ParameterRecord(
      name: name, value: value, layer: layer, source: layer == "default" ? "store-bench.yaml:3:5" : "command line",
      fingerprintValue: value)
  }
}
