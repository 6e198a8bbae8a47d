/// How a run ended, or that it is still going.
package enum RunStatus: String, Sendable, Hashable, CaseIterable {
  case running, ok, failed, interrupted
}

/// Where one step of a run stands.
package enum StepState: String, Sendable, Hashable, CaseIterable {
  case pending, running, ok, failed, skipped, reused, interrupted
  case timedOut = "timed-out"
}

/// One parameter as a run saw it: its display value, the layer that won, and where it was set.
package struct ParameterRecord: Sendable, Hashable {
  /// The parameter's name, such as `train.lr`.
  package var name: String
  /// The value as shown to people; a secret is always `****`.
  package var value: String
  /// The winning layer (`default`, `file`, `profile`, `env`, `session`, `run`).
  package var layer: String
  /// Where the winning value was written, such as `params.yaml:3:9`.
  package var source: String
  /// True for a secret, or a value interpolated from one.
  package var isSecret: Bool
  /// Text that changes exactly when the value changes: the keyed hash for a secret,
  /// the plain text otherwise. Used only to detect change between runs.
  package var fingerprintValue: String

  /// Creates a parameter record.
  package init(
    name: String, value: String, layer: String, source: String, isSecret: Bool = false,
    fingerprintValue: String
  ) {
    self.name = name
    self.value = value
    self.layer = layer
    self.source = source
    self.isSecret = isSecret
    self.fingerprintValue = fingerprintValue
  }
}

/// One step of a run: its state, why, timings, fingerprint and metrics.
package struct StepRecord: Sendable, Hashable {
  /// The step's name in the pipeline.
  package var name: String
  /// Where the step stands.
  package var state: StepState
  /// Why it was skipped, ran or was reused, such as `lr 0.01 -> 0.02`.
  package var reason: String?
  /// The exit status of its command, once it has one.
  package var exitCode: Int32?
  /// When it started, in seconds since 1970.
  package var startedAt: Double?
  /// When it finished, in seconds since 1970.
  package var finishedAt: Double?
  /// The digest that decides whether an earlier result can be reused.
  package var fingerprint: String?
  /// Numbers the step reported, by name.
  package var metrics: [String: Double]
  /// How many times its command was started (retries included).
  package var attempts: Int

  /// Creates a step record.
  package init(
    name: String, state: StepState, reason: String? = nil, exitCode: Int32? = nil,
    startedAt: Double? = nil, finishedAt: Double? = nil, fingerprint: String? = nil,
    metrics: [String: Double] = [:], attempts: Int = 0
  ) {
    self.name = name
    self.state = state
    self.reason = reason
    self.exitCode = exitCode
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.fingerprint = fingerprint
    self.metrics = metrics
    self.attempts = attempts
  }
}

/// One run as stored: what started it, the parameters it saw, and its steps.
package struct RunRecord: Sendable, Hashable {
  /// The run's number, increasing and never reused in a store.
  package var id: Int
  /// When it started, in seconds since 1970.
  package var startedAt: Double
  /// When it ended, in seconds since 1970 (for an abandoned run, its last sign of life).
  package var finishedAt: Double?
  /// How it ended, or `running`.
  package var status: RunStatus
  /// The pipeline's `name:`.
  package var pipelineName: String
  /// The digest of the pipeline file the run used.
  package var pipelineHash: String
  /// The active profile, if any.
  package var profile: String?
  /// The command that started it, such as `rerun lr=0.1`.
  package var command: String
  /// The run this one reran, if any.
  package var parentRunID: Int?
  /// The parameter snapshot, in the order it was recorded.
  package var parameters: [ParameterRecord]
  /// The steps, in the order they were first recorded.
  package var steps: [StepRecord]
  /// The process id of the shell that ran it.
  package var ownerPID: Int32

  /// Creates a run record (the store makes these; tests and renderers may too).
  package init(
    id: Int, startedAt: Double, finishedAt: Double? = nil, status: RunStatus,
    pipelineName: String, pipelineHash: String, profile: String? = nil, command: String,
    parentRunID: Int? = nil, parameters: [ParameterRecord] = [], steps: [StepRecord] = [],
    ownerPID: Int32
  ) {
    self.id = id
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.status = status
    self.pipelineName = pipelineName
    self.pipelineHash = pipelineHash
    self.profile = profile
    self.command = command
    self.parentRunID = parentRunID
    self.parameters = parameters
    self.steps = steps
    self.ownerPID = ownerPID
  }
}

/// What `RunStore.beginRun` needs to record a new run.
package struct NewRun: Sendable, Hashable {
  /// When it starts, in seconds since 1970.
  package var startedAt: Double
  /// The pipeline's `name:`.
  package var pipelineName: String
  /// The digest of the pipeline file.
  package var pipelineHash: String
  /// The active profile, if any.
  package var profile: String?
  /// The command that starts it, such as `rerun lr=0.1`.
  package var command: String
  /// The run this one reruns, if any.
  package var parentRunID: Int?
  /// The resolved parameters, secrets masked and keyed-hashed.
  package var parameters: [ParameterRecord]

  /// Describes a run about to start.
  package init(
    startedAt: Double, pipelineName: String, pipelineHash: String, profile: String? = nil,
    command: String, parentRunID: Int? = nil, parameters: [ParameterRecord] = []
  ) {
    self.startedAt = startedAt
    self.pipelineName = pipelineName
    self.pipelineHash = pipelineHash
    self.profile = profile
    self.command = command
    self.parentRunID = parentRunID
    self.parameters = parameters
  }
}
