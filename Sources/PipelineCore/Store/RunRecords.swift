/// How a run ended, or that it is still going.
package enum RunStatus: String, Sendable, Hashable, CaseIterable {
  case running, ok, failed, interrupted
}

/// One parameter as a run saw it: its display value, its typed value, the layer that won, and
/// where it was set.
package struct ParameterRecord: Sendable, Hashable {
  /// The parameter's name, such as `train.lr`.
  package var name: String
  /// The value as shown to people; a secret with a value is always `****`; empty when unset.
  package var value: String
  /// The typed value as tagged JSON (`Value.json`); nil when the parameter had no value (and in
  /// records made before values were typed).
  package var valueJSON: String?
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
    name: String, value: String, valueJSON: String? = nil, layer: String, source: String, isSecret: Bool = false,
    fingerprintValue: String
  ) {
    self.name = name
    self.value = value
    self.valueJSON = valueJSON
    self.layer = layer
    self.source = source
    self.isSecret = isSecret
    self.fingerprintValue = fingerprintValue
  }
}

extension ParameterRecord {
  /// The value as recorded, typed; nil for a secret (never recorded) or an unset value.
  package var typedValue: Value? {
    guard let valueJSON, let json = JSONValue.parse(valueJSON) else { return nil }
    return Value(json: json)
  }

  /// True when the parameter had a value in the run.
  package var isSet: Bool { valueJSON != nil || !value.isEmpty }

  /// The value for people: `<unset>` when it had none.
  package var shownValue: String { isSet ? value : "<unset>" }
}

/// Values that changed while a run was paused: the binding set (epoch) from which later steps
/// ran, the step before which it took effect, and the parameters that differ from the epoch
/// before.
package struct RunEpoch: Sendable, Hashable {
  package var number: Int
  /// The step that was next when the change took effect.
  package var beforeStep: String?
  package var changes: [ParameterRecord]

  package init(number: Int, beforeStep: String?, changes: [ParameterRecord]) {
    self.number = number
    self.beforeStep = beforeStep
    self.changes = changes
  }
}

/// One step of a run, as the engine reports it and the store keeps it: its state, why,
/// timings, fingerprint, metrics, where it ran, and what it ran (command and folder as run,
/// secrets as `****`, and which of the run's binding sets its values came from).
package struct StepRecord: Sendable, Hashable {
  /// The step's name in the pipeline.
  package var name: String
  /// Where the step stands.
  package var state: StepState
  /// Why it was skipped, ran or was reused, such as `lr 0.01 -> 0.02`; for failures, what went wrong.
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
  /// For a reused step: the run whose result was reused.
  package var reusedFromRun: Int?
  /// Where it ran (executor, job id, host).
  package var placement: StepPlacement?
  /// The binding set of the run its values came from (0 unless values changed while paused).
  package var epoch: Int
  /// The command as it ran, secrets as `****`.
  package var command: String?
  /// The folder it ran in.
  package var folder: String?

  /// Creates a step record.
  package init(
    name: String, state: StepState, reason: String? = nil, exitCode: Int32? = nil,
    startedAt: Double? = nil, finishedAt: Double? = nil, fingerprint: String? = nil,
    metrics: [String: Double] = [:], attempts: Int = 0, reusedFromRun: Int? = nil, placement: StepPlacement? = nil,
    epoch: Int = 0, command: String? = nil, folder: String? = nil
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
    self.reusedFromRun = reusedFromRun
    self.placement = placement
    self.epoch = epoch
    self.command = command
    self.folder = folder
  }

  /// Seconds the step took, when it ran.
  package var duration: Double? {
    guard let startedAt, let finishedAt else { return nil }
    return finishedAt - startedAt
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
  /// The pipeline file the run used, as loaded.
  package var pipelineFile: String?
  /// Later binding sets, when values changed while the run was paused.
  package var epochs: [RunEpoch] = []
  /// The dynamic values (`${cmd:}`, `${env:}`, `${file:}`) read when the run started.
  package var dynamicValues: [DynamicValue] = []

  /// Creates a run record (the store makes these; tests and renderers may too).
  package init(
    id: Int, startedAt: Double, finishedAt: Double? = nil, status: RunStatus,
    pipelineName: String, pipelineHash: String, profile: String? = nil, command: String,
    parentRunID: Int? = nil, parameters: [ParameterRecord] = [], steps: [StepRecord] = [],
    ownerPID: Int32, pipelineFile: String? = nil
  ) {
    self.pipelineFile = pipelineFile
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

extension RunRecord {
  /// The number of the last binding set (0 unless values changed while paused).
  package var lastEpoch: Int { epochs.map(\.number).max() ?? 0 }

  /// The parameters as steps of binding set `epoch` saw them, by name.
  package func parameters(atEpoch epoch: Int) -> [String: ParameterRecord] {
    var byName = Dictionary(parameters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    for later in epochs where later.number <= epoch {
      for change in later.changes { byName[change.name] = change }
    }
    return byName
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
  /// The pipeline file, as loaded.
  package var pipelineFile: String?
  /// Every binding above the defaults, each layer as it is (see `RecordedBindings`).
  package var bindings: String?
  /// The dynamic values read when the run started.
  package var dynamicValues: [DynamicValue] = []

  /// Describes a run about to start.
  package init(
    startedAt: Double, pipelineName: String, pipelineHash: String, profile: String? = nil,
    command: String, parentRunID: Int? = nil, parameters: [ParameterRecord] = [], pipelineFile: String? = nil,
    bindings: String? = nil, dynamicValues: [DynamicValue] = []
  ) {
    self.pipelineFile = pipelineFile
    self.bindings = bindings
    self.dynamicValues = dynamicValues
    self.startedAt = startedAt
    self.pipelineName = pipelineName
    self.pipelineHash = pipelineHash
    self.profile = profile
    self.command = command
    self.parentRunID = parentRunID
    self.parameters = parameters
  }
}
