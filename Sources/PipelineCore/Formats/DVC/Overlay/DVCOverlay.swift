/// `pipeshell.yaml` beside `dvc.yaml`: what pipeshell adds to a DVC project without touching
/// DVC's files, in pipeshell's own syntax: types and constraints for the project's parameters,
/// secrets (new parameters whose values never reach a file), profiles, and per-stage `env:`,
/// the only way a secret reaches a DVC stage.
///
/// ```yaml
/// params:
///   train.lr: {type: float, min: 0, max: 1, description: Learning rate}
///   train:
///     optimizer: {type: choice, choices: [adam, sgd]}
///   api_key: {type: secret}
/// profiles:
///   fast: {train.epochs: 1}
/// stages:
///   train:                       # a stage, or a foreach/matrix group (all its stages)
///     env: {API_KEY: "${api_key}"}
/// ```
package struct DVCOverlay: Sendable {
  /// The overlay's path, as named in messages.
  package var file: String
  /// Declared parameters: constraints for existing ones, and new secrets.
  package var parameters: [ParameterSpec]
  package var profiles: [Profile]
  /// `env:` entries by stage name (as written: a stage or a group).
  package var environment: [(stage: String, entries: [EnvironmentEntry])]

  /// The `env:` entries that apply to a stage: those of its group, then its own.
  package func environment(for stage: DVCStage) -> [EnvironmentEntry] {
    var entries: [EnvironmentEntry] = []
    for (name, list) in environment where name == stage.group { entries += list }
    for (name, list) in environment where name == stage.name { entries += list }
    return entries
  }
}
