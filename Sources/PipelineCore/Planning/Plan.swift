/// What a run will do: each step in order, whether it runs or is skipped and why, and its
/// command, environment and folder with every value resolved. Secrets stay typed: the command
/// and the environment reveal them only when a step is started.
package struct Plan: Sendable {
  package var steps: [PlannedStep]
  /// Problems that stop the run from starting (bad values that running steps need, secrets on
  /// command lines, missing inputs).
  package var problems: [Diagnostic]

  package init(steps: [PlannedStep], problems: [Diagnostic]) {
    self.steps = steps
    self.problems = problems
  }

  /// The planned step with this name.
  package func step(_ name: String) -> PlannedStep? { steps.first { $0.name == name } }
}

/// One step as it will run.
package struct PlannedStep: Sendable {
  /// Whether the step runs, and why not.
  package enum Decision: Sendable, Hashable {
    case runs
    case skipped(reason: String)
  }

  package var step: Step
  package var decision: Decision
  package var command: StepCommand
  /// Each command line as rendered (a DVC `cmd` may have several; `command` runs them all).
  package var commandLines: [StepCommand] = []
  /// The `env:` entries, then `PARAM_<NAME>` of each non-secret parameter the step depends on.
  package var environment: [EnvironmentVariable]
  package var workingDirectory: String
  /// Input and output paths as rendered (relative to the working directory unless absolute).
  package var inputs: [String]
  package var outputs: [String]
  /// Metrics files (JSON objects of numbers) as rendered.
  package var metricsFiles: [String]
  /// The parameters the step depends on, with their values.
  package var dependencies: [ParameterValue]
  /// Which of the run's binding sets planned the step (a set changes when values change while
  /// the run is paused).
  package var epoch = 0
  /// Where the step runs: `local`, `slurm`.
  package var executor: String
  package var resources: StepResources

  package var name: String { step.name }

  /// True when the step will run.
  package var runs: Bool { decision == .runs }

  /// The `env:` entries of the step (not the `PARAM_*` ones), values masked.
  package var declaredEnvironment: [(name: String, value: String)] {
    environment.prefix(step.env.count).map { ($0.name, $0.displayValue) }
  }
}

/// A parameter's value as a step depends on it.
package struct ParameterValue: Sendable, Hashable {
  package var name: String
  package var value: Value
  /// True for a secret, or a value derived from one.
  package var isSecret: Bool

  package init(name: String, value: Value, isSecret: Bool) {
    self.name = name
    self.value = value
    self.isSecret = isSecret
  }
}
