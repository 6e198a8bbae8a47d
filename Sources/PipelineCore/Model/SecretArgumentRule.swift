/// A secret interpolated into a `run:` command line is an error: command lines are visible
/// to every user of the machine. Secrets reach steps through `env:` instead.
package enum SecretArgumentRule {
  /// Checks one step; `secretNames` is `derivedSecrets` of the pipeline's parameters,
  /// worked out once for all steps.
  static func check(_ step: Step, secretNames: Set<String>, diagnostics: inout [Diagnostic]) {
    guard !step.allowSecretInArgs else { return }
    for name in step.run.template.parameterNames where secretNames.contains(name) {
      diagnostics.append(secretInArguments(step: step.name, parameter: name, at: step.run.location))
    }
  }

  /// The diagnostic for a secret found in a step's command line.
  package static func secretInArguments(step: String, parameter: String, at location: SourceLocation?) -> Diagnostic {
    Diagnostic(
      "step '\(step)' puts secret '\(parameter)' on its command line, where every user of the machine can see it",
      at: location,
      notes: ["pass it through 'env:' (env: {NAME: \"${\(parameter)}\"}) or set 'allow_secret_in_args: true'"])
  }

  /// Secret parameters and those whose defaults interpolate a secret.
  static func derivedSecrets(_ specs: [String: ParameterSpec]) -> Set<String> {
    var secrets = Set(specs.values.filter(\.isSecret).map(\.name))
    var references: [String: [String]] = [:]
    for spec in specs.values {
      if case .yaml(let node)? = spec.defaultValue, case .success(let templates) = DefaultTemplates.templates(in: node) {
        references[spec.name] = templates.flatMap(\.parameterNames)
      }
    }
    var changed = true
    while changed {
      changed = false
      for (name, refs) in references where !secrets.contains(name) && refs.contains(where: secrets.contains) {
        secrets.insert(name)
        changed = true
      }
    }
    return secrets
  }
}
