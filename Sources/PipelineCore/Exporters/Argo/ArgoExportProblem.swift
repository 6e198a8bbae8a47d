/// Everything that stops a pipeline from being exported as an Argo Workflow, as data; `message`
/// is the one place that turns a problem into text. None of them holds a secret's value.
package enum ArgoExportProblem: Error, Sendable, Hashable {
  /// A name that Argo cannot take even after mapping (`what` is `parameter`, `step`, ...).
  case unusableName(what: String, name: String, reason: String)
  /// Two pipeshell names that become the same Argo name.
  case sameArgoName(what: String, argoName: String, first: String, second: String)
  /// A `when:` that Argo's expressions cannot say the same way; `reason` says what.
  case untranslatableCondition(step: String, reason: String)
  /// A `${cmd:}`, `${file:}` or `${env:}` in a step field whose value was not resolved.
  case unresolvedDynamicValue(step: String, field: String, source: String)
  /// A `${cmd:}` or `${file:}` in a step field that failed when read at export.
  case dynamicValueFailed(step: String, field: String, source: String, message: String)
  /// A secret on a step's command line without `allow_secret_in_args`.
  case secretInCommand(step: String, parameter: String)
  /// A secret in a field where Kubernetes has no way to put one (the working folder).
  case secretInField(step: String, field: String, parameter: String)
  /// A `cwd:` outside the pipeline's folder, which is all the shared volume holds.
  case folderOutsidePipeline(step: String, path: String)
  /// Text holding `{{`, which Argo would read as the start of a template tag.
  case templateTag(step: String, field: String)
  /// A parameter with no value at all referenced where a value is needed.
  case missingValue(step: String, parameter: String)
  /// A value the steps read from a file themselves whose session value (from `layer`) is not
  /// the file's: the workflow would run with the file's.
  case valueDiffersFromFile(parameter: String, value: String, layer: String, fileValue: String, file: String)
  /// An export option out of bounds (`--image`, `--secret-name`, ...).
  case option(name: String, value: String, expected: String)
  /// The manifest failed pipeshell's own check of what Argo's schema cannot catch.
  case inconsistentManifest(String)

  /// The problem as one sentence.
  package var message: String {
    switch self {
    case .unusableName(let what, let name, let reason):
      return "\(what) '\(name)' cannot be an Argo name: \(reason)"
    case .sameArgoName(let what, let argoName, let first, let second):
      return "\(what)s '\(first)' and '\(second)' both become '\(argoName)' in Argo; rename one"
    case .untranslatableCondition(let step, let reason):
      return "step '\(step)': its 'when:' cannot be translated to Argo: \(reason)"
    case .unresolvedDynamicValue(let step, let field, let source):
      return "step '\(step)' '\(field)': ${\(source)} has no value resolved at export; "
        + "bind it to a parameter (default: \"${\(source)}\") so that it is resolved once"
    case .dynamicValueFailed(let step, let field, let source, let message):
      return "step '\(step)' '\(field)': ${\(source)} failed: \(message)"
    case .secretInCommand(let step, let parameter):
      return "step '\(step)': secret '\(parameter)' is on its command line; pass it through 'env:' "
        + "(or allow it with allow_secret_in_args: true)"
    case .secretInField(let step, let field, let parameter):
      return "step '\(step)' '\(field)': secret '\(parameter)' cannot be put there in Kubernetes; use 'env:'"
    case .folderOutsidePipeline(let step, let path):
      return "step '\(step)': cwd '\(path)' is outside the pipeline's folder, which is all the shared volume holds"
    case .templateTag(let step, let field):
      return "step '\(step)' '\(field)': '{{' would be read by Argo as the start of a template tag"
    case .missingValue(let step, let parameter):
      return "step '\(step)': parameter '\(parameter)' has no value"
    case .valueDiffersFromFile(let parameter, let value, let layer, let fileValue, let file):
      return "'\(parameter)' is \(value) (\(layer) layer) but \(fileValue) in \(file), which the steps read "
        + "themselves, so the workflow would run with \(fileValue); write the value into the file first with "
        + "'params --write \(parameter)' (or 'unset \(parameter)' to export the file's)"
    case .option(let name, let value, let expected):
      return "\(name) '\(value)': expected \(expected)"
    case .inconsistentManifest(let what):
      return "the exported manifest is inconsistent: \(what)"
    }
  }
}

/// An export that failed: every problem found, each with where it is in the pipeline file when
/// it is tied to one.
package struct ArgoExportError: Error, Sendable {
  package var problems: [(problem: ArgoExportProblem, location: SourceLocation?)]

  /// The problems as diagnostics, for the shell's error rendering.
  package var diagnostics: [Diagnostic] { problems.map { Diagnostic($0.problem.message, at: $0.location) } }
}
