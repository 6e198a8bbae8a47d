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
      ("metrics", .object(s.metrics.sorted { $0.key < $1.key }.map { ($0.key, .double($0.value)) })),
    ]
    if let placement = s.placement {
      pairs.append(
        (
          "placement",
          .object([
            ("executor", .string(placement.executor)), ("jobID", .optional(placement.jobID)),
            ("host", .optional(placement.host)),
          ])
        ))
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
    .object(
      [
        ("id", .int(r.id)), ("status", .string(r.status.rawValue)), ("command", .string(r.command)),
        ("startedAt", .double(r.startedAt)), ("finishedAt", .optional(r.finishedAt)), ("profile", .optional(r.profile)),
        ("rerunOf", .optional(r.parentRunID)), ("pipeline", .string(r.pipelineName)),
        ("pipelineHash", .string(r.pipelineHash)), ("pipelineFile", .optional(r.pipelineFile)),
        ("parameters", .array(r.parameters.map(parameter))),
        ("changedWhilePaused", .array(r.epochs.map(epoch))),
        (
          "dynamicValues",
          .array(r.dynamicValues.map { .object([("source", .string($0.source)), ("value", .string($0.value))]) })
        ),
        ("steps", .array(r.steps.map(step))),
        ("metrics", metrics(RunComparison.metrics(of: r))),
      ] + housekeeping(r))
  }

  /// One run in a listing (`runs --json`): what started it, what changed against the run
  /// before it in the list, its metrics, tags and note.
  static func summary(_ run: RunRecord, changed: [RunComparison.ParameterChange]?) -> JSONValue {
    .object(
      [
        ("id", .int(run.id)), ("startedAt", .double(run.startedAt)), ("status", .string(run.status.rawValue)),
        ("command", .string(run.command)), ("changed", changed.map { .array($0.map(RecordJSON.change)) } ?? .null),
        ("metrics", metrics(RunComparison.metrics(of: run))),
      ] + housekeeping(run))
  }

  /// What a run is beside its values: tags, note, sweep, where it ran, the code it used.
  static func housekeeping(_ r: RunRecord) -> [(String, JSONValue)] {
    [
      ("tags", .array(r.tags.map(JSONValue.string))), ("note", .optional(r.note)),
      ("sweep", r.sweep.map { .object([("id", .int($0.sweepID)), ("point", .int($0.point))]) } ?? .null),
      ("workspace", .optional(r.workspace)), ("deletedAt", .optional(r.deletedAt)),
      ("code", r.code.map(code) ?? .null),
    ]
  }

  /// The code a run used: commit, whether the tree was dirty, and the changed files.
  static func code(_ c: CodeVersion) -> JSONValue {
    .object([
      ("commit", .optional(c.commit)), ("dirty", .bool(c.isDirty)),
      (
        "changedFiles",
        .array(c.changedFiles.map { .object([("path", .string($0.path)), ("state", .string($0.state))]) })
      ),
      ("moreChangedFiles", .int(c.moreChanged)),
    ])
  }

  static func metrics(_ m: [String: Double]) -> JSONValue {
    .object(m.sorted { $0.key < $1.key }.map { ($0.key, .double($0.value)) })
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
