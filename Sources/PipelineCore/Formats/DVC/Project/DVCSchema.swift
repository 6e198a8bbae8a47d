/// Checks `dvc.yaml` against DVC 3's schema (`dvc/schema.py`, `MULTI_STAGE_SCHEMA`) before any
/// `${...}` is resolved, as DVC does: so a templated `frozen: ${x}` is refused (it is text, not
/// a bool), and every unknown key is an error, with "did you mean" and, for keys of DVC 2
/// (`live:`), how to move on.
struct DVCSchema {
  static let topKeys = ["stages", "vars", "params", "metrics", "plots", "artifacts", "datasets"]
  static let stageKeys = [
    "cmd", "wdir", "deps", "params", "outs", "metrics", "plots", "vars", "frozen", "meta", "desc",
    "always_changed", "matrix",
  ]
  static let outputFlagKeys = ["desc", "type", "labels", "meta", "cache", "persist", "checkpoint", "remote", "push"]
  static let plotPropertyKeys = ["template", "x", "y", "x_label", "y_label", "title", "header"]
  static let topPlotKeys = ["x", "y", "x_label", "y_label", "title", "template"]
  static let artifactKeys = ["path", "desc", "type", "labels", "meta"]

  let file: String
  var diagnostics: [Diagnostic] = []

  init(file: String) {
    self.file = file
  }

  /// Checks the whole file.
  mutating func check(_ root: DVCNode) {
    guard let entries = mapping(root, "the top of dvc.yaml") else { return }
    for entry in keys(entries, allowed: Self.topKeys, in: "dvc.yaml") {
      let value = entry.value
      switch entry.key {
      case "stages":
        guard let stages = mapping(value, "'stages'") else { continue }
        for stage in stages { checkStage(stage) }
      case "vars": varsList(value, "'vars'")
      case "params", "metrics": list(value, "'\(entry.key)'") { $0.string($1, "an entry of '\(entry.key)'") }
      case "plots": list(value, "'plots'") { $0.topPlot($1) }
      case "artifacts":
        guard let artifacts = mapping(value, "'artifacts'") else { continue }
        for artifact in artifacts {
          guard let fields = mapping(artifact.value, "artifact '\(artifact.key)'") else { continue }
          let known = keys(fields, allowed: Self.artifactKeys, in: "artifact '\(artifact.key)'")
          if !fields.contains(where: { $0.key == "path" }) {
            diagnostics.append(
              DVCProblem.missingKey("path", in: "artifact '\(artifact.key)'").diagnostic(at: artifact.keyLocation))
          }
          annotations(known, "artifact '\(artifact.key)'", extra: ["path"])
        }
      default: break  // datasets: any value
      }
    }
  }

  private mutating func checkStage(_ stage: DVCNode.Entry) {
    let name = stage.key
    if !stage.keyIsString {
      diagnostics.append(
        DVCProblem.schema("a stage name must be text, found \(name)").diagnostic(at: stage.keyLocation))
    }  // a name holding `@` is checked once the groups are expanded (`DVCProjectLoader`)
    guard let fields = mapping(stage.value, "stage '\(name)'") else { return }
    if fields.contains(where: { $0.key == "foreach" || $0.key == "do" }) {
      let known = keys(
        fields, allowed: ["foreach", "do"], in: "stage '\(name)' (a 'foreach' stage holds only 'foreach' and 'do')")
      for required in ["foreach", "do"] where !fields.contains(where: { $0.key == required }) {
        diagnostics.append(DVCProblem.missingKey(required, in: "stage '\(name)'").diagnostic(at: stage.keyLocation))
      }
      for entry in known where entry.key == "do" {
        guard let body = mapping(entry.value, "'do' of stage '\(name)'") else { continue }
        stageDefinition(body, name: name, at: entry.keyLocation)
      }
      return
    }
    stageDefinition(fields, name: name, at: stage.keyLocation)
  }

  private mutating func stageDefinition(_ fields: [DVCNode.Entry], name: String, at location: SourceLocation) {
    let known = keys(fields, allowed: Self.stageKeys, in: "stage '\(name)'")
    if !fields.contains(where: { $0.key == "cmd" }) {
      diagnostics.append(DVCProblem.missingKey("cmd", in: "stage '\(name)'").diagnostic(at: location))
    }
    for entry in known {
      let value = entry.value, what = "'\(entry.key)' of stage '\(name)'"
      switch entry.key {
      case "cmd":
        if value.string == nil, value.items == nil {
          diagnostics.append(
            DVCProblem.wrongType(what, expected: "text or a list", found: value).diagnostic(at: value.location))
        }
        for item in value.items ?? [] { string(item, "a command of stage '\(name)'") }
      case "wdir", "desc": string(value, what)
      case "frozen", "always_changed": bool(value, what)
      case "deps": list(value, what) { $0.string($1, "a dependency of stage '\(name)'") }
      case "params": list(value, what) { $0.paramsEntry($1, stage: name) }
      case "vars": varsList(value, what)
      case "outs", "metrics": list(value, what) { $0.output($1, what, plot: false) }
      case "plots": list(value, what) { $0.output($1, what, plot: true) }
      case "matrix":
        guard let axes = mapping(value, what) else { continue }
        for axis in axes where axis.value.string == nil && axis.value.items == nil {
          diagnostics.append(
            DVCProblem.wrongType(
              "matrix axis '\(axis.key)'", expected: "a list or a ${...} reference", found: axis.value
            )
            .diagnostic(at: axis.value.location))
        }
      default: break  // meta: any value
      }
    }
  }
}
