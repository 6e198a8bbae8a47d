/// Every parameter resolved once: its value, the layer that won, what it shadowed, and the
/// parameters it was interpolated from. Immutable; plans and runs read only this.
package struct Snapshot: Sendable {
  package var parameters: [String: ResolvedParameter]
  /// Parameter names in declaration order.
  package var order: [String]
  /// The outputs of dynamic sources (`${cmd:...}` etc.), recorded with the run.
  package var dynamicValues: [DynamicValue]
  /// Problems that make the snapshot unfit to run (missing required values, bad values).
  /// A value that fails only because an input failed is not reported again.
  package var problems: [Diagnostic] {
    order.compactMap { name in parameters[name].flatMap { $0.followsFromOtherProblem ? nil : $0.problem } }
  }
  /// Warnings, such as undeclared `PIPESHELL_` variables.
  package var warnings: [Diagnostic]

  /// The resolved value of a parameter.
  package func value(_ name: String) -> Value? { parameters[name]?.value }

  /// Every secret's clear text, for the masker.
  package var secretValues: [String] {
    order.compactMap { name -> String? in
      guard let value = parameters[name]?.value, case .secret(let secret) = value else { return nil }
      return secret.revealed()
    }
  }
}

/// One parameter's resolution.
package struct ResolvedParameter: Sendable {
  package var spec: ParameterSpec
  /// The final value, or nil when it has none or it is invalid (see `problem`).
  package var value: Value?
  /// Every binding for the parameter, highest layer first; the first is the winner.
  package var bindings: [Binding]
  /// The parameters interpolated into the value.
  package var inputs: [String]
  package var problem: Diagnostic?
  /// True when the problem is only that an interpolated parameter has a problem.
  package var followsFromOtherProblem = false

  /// The binding whose value won.
  package var winner: Binding? { bindings.first }

  /// True when the value is a secret or derived from one.
  package var isSecret: Bool { spec.isSecret || (value?.containsSecret ?? false) }
}

/// A dynamic source's value as it was read at resolution time.
package struct DynamicValue: Sendable, Hashable {
  /// `cmd:git rev-parse HEAD`, `env:USER`, `file:VERSION`.
  package var source: String
  /// The value read (never a secret: those stay out of this list).
  package var value: String
}
