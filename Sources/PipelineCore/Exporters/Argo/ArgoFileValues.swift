/// The values the steps read from files themselves (`ExportFacts.valuesReadFromFiles`, a DVC
/// project's params files). They are not workflow parameters: the file on the shared volume is
/// what a step reads, so `argo submit -p train-lr=0.5` would put 0.5 on the command line while
/// the step's script read the file's 0.1. The manifest writes each as it is in its file instead
/// (as a derived value is resolved at export), and an export whose session value differs from
/// the file is refused: the workflow would run with the file's value, not the one shown.
/// Secrets are left out: they reach a step through `secretKeyRef` as always.
struct ArgoFileValues {
  /// By parameter name: the value as in its file, and the file.
  private(set) var values: [String: ExportFacts.FileValue] = [:]

  /// None: every parameter is a workflow parameter.
  init() {}

  /// The file values of `pipeline`; each one whose session value differs from its file is a
  /// problem located where the value is written.
  init(
    _ pipeline: Pipeline, snapshot: Snapshot, problems: inout [(problem: ArgoExportProblem, location: SourceLocation?)]
  ) {
    guard let facts = pipeline.runSupport?.exportFacts.valuesReadFromFiles, !facts.isEmpty else { return }
    for spec in pipeline.parameters {
      guard let fileValue = facts[spec.name], let resolved = snapshot.parameters[spec.name], !resolved.isSecret
      else { continue }
      values[spec.name] = fileValue
      guard resolved.value != fileValue.value else { continue }
      let layer = resolved.winner.map { "\($0.layer)" } ?? "no layer"
      problems.append(
        (
          .valueDiffersFromFile(
            parameter: spec.name, value: resolved.value?.text ?? "no value", layer: layer,
            fileValue: fileValue.value.text, file: fileValue.file), spec.location
        ))
    }
  }

  /// The value `name` has in its file, when the steps read it from one.
  func value(of name: String) -> Value? { values[name]?.value }

  /// The names that have a file value.
  var names: Set<String> { Set(values.keys) }
}
