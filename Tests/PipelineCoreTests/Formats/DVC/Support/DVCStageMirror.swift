@testable import PipelineCore

/// What `Scripts/dvc-oracle/oracle.py stages` prints for a project, built from what pipeshell
/// loaded, so the two can be compared as values.
enum DVCStageMirror {
  static func mirror(_ stage: DVCStage, dvcFile: String) -> DVCValue {
    func entry(_ key: String, _ value: DVCValue) -> DVCValue.Entry { DVCValue.Entry(key: key, value: value) }
    let command: DVCValue =
      stage.commandIsList ? .list(stage.commandTexts.map { .string($0) }) : .string(stage.commandTexts[0])
    let outs: [DVCValue] = stage.outs.map { out in
      .dict([
        entry("path", .string(stage.projectPath(out.path.path))), entry("cache", .bool(out.cache)),
        entry("persist", .bool(out.persist)), entry("metric", .bool(out.kind == .metric)),
        entry("plot", .bool(out.kind == .plot)), entry("push", .bool(out.push)),
        entry("remote", out.remote.map { .string($0) } ?? .null), entry("desc", out.desc.map { .string($0) } ?? .null),
      ])
    }
    return .dict([
      entry("dvcfile", .string(dvcFile)), entry("name", .string(stage.name)), entry("cmd", command),
      entry("wdir", .string(stage.wdir)), entry("deps", .list(stage.deps.map { .string(stage.projectPath($0.path)) })),
      entry(
        "params", .dict(stage.params.map { entry(stage.projectPath($0.file), .list($0.keys.map { .string($0) })) })),
      entry("outs", .list(outs)), entry("frozen", .bool(stage.frozen)),
      entry("always_changed", .bool(stage.alwaysChanged)),
      entry("desc", stage.desc.map { .string($0) } ?? .null), entry("meta", stage.meta ?? .null),
    ])
  }

  /// The oracle's line for one project: stages by `dvc.yaml`, and the run order; or its error.
  struct Expected {
    var stages: [String: [DVCValue]] = [:]
    var order: [String] = []
    var error: String?
  }

  static func parse(_ line: String) -> Expected {
    guard let node = try? JSONParamsReader().read(line, file: "oracle"), let value = Optional(node.value) else {
      return Expected(error: "unreadable oracle output: \(line)")
    }
    if let message = value["message"], case .string(let text) = message {
      return Expected(error: text)
    }
    var expected = Expected()
    if case .list(let stages)? = value["stages"] {
      for stage in stages {
        guard case .string(let file)? = stage["dvcfile"] else { continue }
        expected.stages[file, default: []].append(stage)
      }
    }
    if case .list(let order)? = value["order"] {
      expected.order = order.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }
    return expected
  }
}
