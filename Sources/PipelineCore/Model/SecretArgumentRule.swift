/// A secret interpolated into a `run:` command line is an error: command lines are visible
/// to every user of the machine. Secrets reach steps through `env:` instead.
package enum SecretArgumentRule {
  /// Checks one step; `secretNames` is `derivedSecrets` of the pipeline's parameters,
  /// worked out once for all steps.
  static func check(_ step: Step, secretNames: Set<String>, diagnostics: inout [Diagnostic]) {
    if !step.allowSecretInArgs {
      for command in step.commands {
        for name in command.template.parameterNames where secretNames.contains(name) {
          diagnostics.append(secretInArguments(step: step.name, parameter: name, at: command.location))
        }
      }
    }
    let paths = (step.cwd.map { [$0] } ?? []) + step.inputs + step.outputs + step.metrics
    for field in paths where field.template.parameterNames.contains(where: secretNames.contains) {
      diagnostics.append(secretInPath(step: step.name, at: field.location))
    }
  }

  /// The diagnostic for a secret found in a step's command line.
  package static func secretInArguments(step: String, parameter: String, at location: SourceLocation?) -> Diagnostic {
    Diagnostic(
      "step '\(step)' puts secret '\(parameter)' on its command line, where every user of the machine can see it",
      at: location,
      notes: ["pass it through 'env:' (env: {NAME: \"${\(parameter)}\"}) or set 'allow_secret_in_args: true'"])
  }

  /// The diagnostic for a secret found in a step's working folder, inputs, outputs or metrics.
  package static func secretInPath(step: String, at location: SourceLocation?) -> Diagnostic {
    Diagnostic(
      "step '\(step)' puts a secret into a file path (cwd, inputs, outputs or metrics), where every user of the machine can see it",
      at: location, notes: ["pass secrets to steps only through 'env:'"])
  }

  /// Secret parameters and those whose defaults interpolate a secret. `references[i]` names
  /// the parameters that the default of `parameters[i]` interpolates.
  static func derivedSecrets(_ parameters: [ParameterSpec], references: [[String]]) -> Set<String> {
    // With no secret parameter, nothing derives from one: the usual case, and no walk.
    guard parameters.contains(where: { $0.isSecret }) else { return [] }
    var secrets = Set<String>()
    var referencesByName: [String: [String]] = [:]
    var seen = Set<String>()
    // A name declared twice counts as its first declaration.
    for (spec, refs) in zip(parameters, references) where seen.insert(spec.name).inserted {
      if spec.isSecret { secrets.insert(spec.name) }
      referencesByName[spec.name] = refs
    }
    var changed = true
    while changed {
      changed = false
      for (name, refs) in referencesByName where !secrets.contains(name) && refs.contains(where: secrets.contains) {
        secrets.insert(name)
        changed = true
      }
    }
    return secrets
  }
}
