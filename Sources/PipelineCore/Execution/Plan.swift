/// What a run will do: each step in order, whether it runs or is skipped and why, and its
/// command, environment and folder with every value resolved.
package struct Plan: Sendable {
  package var steps: [PlannedStep]
  /// Problems that stop the run from starting (bad values, secrets on command lines).
  package var problems: [Diagnostic]

  /// The planned step with this name.
  package func step(_ name: String) -> PlannedStep? { steps.first { $0.name == name } }
}

/// One step as it will run.
package struct PlannedStep: Sendable {
  package enum Decision: Sendable, Hashable {
    case runs
    case skipped(reason: String)
  }

  package var step: Step
  package var decision: Decision
  /// The command line in clear (secrets only when the step allows them in arguments).
  package var command: String
  /// The environment entries of `env:` plus `PARAM_*`, in clear; use `displayEnvironment`.
  package var environment: [(name: String, value: String)]
  /// The names of environment entries that hold a secret.
  package var secretEnvironment: Set<String>
  package var workingDirectory: String
  package var inputs: [String]
  package var outputs: [String]
  package var metricsFile: String?
  /// The parameters the step depends on, with their values.
  package var dependencies: [(name: String, value: Value)]

  package var name: String { step.name }

  /// The `env:` entries with secrets shown as `****`.
  package var displayEnvironment: [(name: String, value: String)] {
    environment.map { ($0.name, secretEnvironment.contains($0.name) ? Secret.mask : $0.value) }
  }
}
