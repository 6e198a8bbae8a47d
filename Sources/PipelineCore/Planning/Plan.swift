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
