/// What Argo's JSON schema cannot check in a Workflow and Argo's own validator would refuse at
/// submission: references to templates, tasks and volumes that do not exist, dependency cycles,
/// names Argo does not take or that repeat, and parameter values outside their `enum`.
package enum ArgoManifestCheck {
  /// Every problem found in `manifest`, as one message each.
  package static func problems(in manifest: YAMLValue) -> [String] {
    var problems: [String] = []
    let spec = manifest["spec"] ?? .mapping([])
    let templates = spec["templates"]?.items ?? []
    let templateNames = templates.compactMap { $0["name"]?.text }
    problems += repeatsAndBadNames(templateNames, what: "template", valid: ArgoNames.isFieldName)
    if let entrypoint = spec["entrypoint"]?.text, !templateNames.contains(entrypoint) {
      problems.append("the entrypoint '\(entrypoint)' names no template")
    }
    let volumes = Set((spec["volumes"]?.items ?? []).compactMap { $0["name"]?.text })
    for template in templates {
      let name = template["name"]?.text ?? "?"
      if let tasks = template["dag"]?["tasks"]?.items {
        problems += taskProblems(tasks, in: name, templates: Set(templateNames))
      }
      for mount in template["container"]?["volumeMounts"]?.items ?? [] {
        if let volume = mount["name"]?.text, !volumes.contains(volume) {
          problems.append("template '\(name)' mounts volume '\(volume)', which is not defined")
        }
      }
    }
    let parameters = spec["arguments"]?["parameters"]?.items ?? []
    problems += repeatsAndBadNames(
      parameters.compactMap { $0["name"]?.text }, what: "parameter", valid: ArgoNames.isParameterName)
    for parameter in parameters {
      let choices = parameter["enum"]?.items.compactMap(\.text)
      if let choices, let value = parameter["value"]?.text, !choices.contains(value) {
        problems.append("parameter '\(parameter["name"]?.text ?? "?")' has value '\(value)', not one of its enum")
      }
    }
    return problems
  }

  /// The problems as one message, or nil when there are none.
  static func problem(in manifest: YAMLValue) -> String? {
    let found = problems(in: manifest)
    return found.isEmpty ? nil : found.joined(separator: "; ")
  }

  /// Each task names a template, depends only on tasks listed before it (so there is no cycle),
  /// and its `when` tag is closed once, at its end.
  private static func taskProblems(_ tasks: [YAMLValue], in dag: String, templates: Set<String>) -> [String] {
    var problems = repeatsAndBadNames(tasks.compactMap { $0["name"]?.text }, what: "task", valid: ArgoNames.isFieldName)
    var earlier: Set<String> = []
    for task in tasks {
      let name = task["name"]?.text ?? "?"
      if let template = task["template"]?.text, !templates.contains(template) {
        problems.append("task '\(name)' of '\(dag)' uses template '\(template)', which is not defined")
      }
      for dependency in dependencies(in: task["depends"]?.text ?? "") where !earlier.contains(dependency) {
        problems.append("task '\(name)' of '\(dag)' depends on '\(dependency)', which is not a task before it")
      }
      if let when = task["when"]?.text, when.hasPrefix("{{=") {
        let inner = when.dropFirst(3).dropLast(2)
        if !when.hasSuffix("}}") || inner.contains("}}") || inner.contains("{{") {
          problems.append("task '\(name)' has a 'when' tag that does not end where it should")
        }
      }
      earlier.insert(name)
    }
    return problems
  }

  /// The task names in a `depends` expression (`a && (b.Failed || c)` -> a, b, c).
  static func dependencies(in expression: String) -> [String] {
    let words = expression.split { " ()&|!".contains($0) }
    return words.map { word in String(word.split(separator: ".", maxSplits: 1).first ?? word) }
  }

  private static func repeatsAndBadNames(_ names: [String], what: String, valid: (String) -> Bool) -> [String] {
    var seen: Set<String> = []
    var problems: [String] = []
    for name in names {
      if !valid(name) { problems.append("\(what) name '\(name)' is not one Argo takes") }
      if !seen.insert(name).inserted { problems.append("\(what) name '\(name)' is used twice") }
    }
    return problems
  }
}
