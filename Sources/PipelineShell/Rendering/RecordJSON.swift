import PipelineCore

/// Runs, steps and parameters as `--json` documents: one shape for `runs`, `show run`, `diff`
/// and `compare`, read from the typed records; a secret is always `"****"`, an unset value null.
enum RecordJSON {
  static func parameter(_ p: ParameterRecord) -> JSONValue {
    .object([
      ("name", .string(p.name)), ("value", value(p)), ("layer", .string(p.layer)), ("source", .string(p.source)),
      ("secret", .bool(p.isSecret)),
    ])
  }

  /// A recorded value as plain JSON.
  static func value(_ p: ParameterRecord?) -> JSONValue {
    guard let p, p.isSet else { return .null }
    if p.isSecret { return .string(Secret.mask) }
    return p.typedValue?.plainJSON ?? .string(p.value)
  }

  static func step(_ s: StepRecord) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("name", .string(s.name)), ("state", .string(s.state.rawValue)), ("reason", .optional(s.reason)),
      ("exitCode", .optional(s.exitCode.map(Int.init))), ("startedAt", .optional(s.startedAt)),
      ("finishedAt", .optional(s.finishedAt)), ("duration", .optional(s.duration)), ("attempts", .int(s.attempts)),
      ("command", .optional(s.command)), ("folder", .optional(s.folder)), ("epoch", .int(s.epoch)),
      ("reusedFromRun", .optional(s.reusedFromRun)),
      ("metrics", .object(s.metrics.keys.sorted().map { ($0, .double(s.metrics[$0]!)) })),
    ]
    if let placement = s.placement {
      pairs.append(
        ("placement", .object([
          ("executor", .string(placement.executor)), ("jobID", .optional(placement.jobID)),
          ("host", .optional(placement.host)),
        ])))
    }
    return .object(pairs)
  }

  static func epoch(_ e: RunEpoch) -> JSONValue {
    .object([
      ("epoch", .int(e.number)), ("beforeStep", .optional(e.beforeStep)),
      ("parameters", .array(e.changes.map(parameter))),
    ])
  }

  /// One run in full (`show run --json`).
  static func run(_ r: RunRecord) -> JSONValue {
    .object([
      ("id", .int(r.id)), ("status", .string(r.status.rawValue)), ("command", .string(r.command)),
      ("startedAt", .double(r.startedAt)), ("finishedAt", .optional(r.finishedAt)), ("profile", .optional(r.profile)),
      ("rerunOf", .optional(r.parentRunID)), ("pipeline", .string(r.pipelineName)),
      ("pipelineHash", .string(r.pipelineHash)), ("pipelineFile", .optional(r.pipelineFile)),
      ("parameters", .array(r.parameters.map(parameter))),
      ("changedWhilePaused", .array(r.epochs.map(epoch))),
      ("dynamicValues", .array(r.dynamicValues.map { .object([("source", .string($0.source)), ("value", .string($0.value))]) })),
      ("steps", .array(r.steps.map(step))),
      ("metrics", metrics(RunComparison.metrics(of: r))),
    ])
  }

  static func metrics(_ m: [String: Double]) -> JSONValue {
    .object(m.keys.sorted().map { ($0, .double(m[$0]!)) })
  }

  /// A parameter change between two runs.
  static func change(_ c: RunComparison.ParameterChange) -> JSONValue {
    .object([
      ("name", .string(c.name)), ("from", value(c.old)), ("fromLayer", .optional(c.old?.layer)), ("to", value(c.new)),
      ("toLayer", .optional(c.new?.layer)),
    ])
  }
}

extension CommandContext {
  /// Prints one JSON document (indented) on standard output.
  func printJSON(_ value: JSONValue) {
    output.line(JSONWriter.text(value, indent: 2))
  }
}
