/// One step as an Argo DAG task and the container template it runs: `/bin/sh -c COMMAND` in the
/// step's folder on the shared volume, with the environment pipeshell gives the step. A step of
/// several commands (a DVC stage's `cmd` list) runs each in a shell of its own, stopping at the
/// first that fails, as a local run does.
struct ArgoStepTemplate {
  let pipeline: Pipeline
  let snapshot: Snapshot
  let names: ArgoNames
  let options: ArgoExportOptions
  let environment: [String: String]
  let sources: (any DynamicSources)?
  /// The values written as in their files instead of as workflow parameters.
  var fileValues = ArgoFileValues()
  /// Variables the format sets to a local folder (`DVC_ROOT`), by name: see `folderOnVolume`.
  var folderVariables: [String: String] = [:]
  /// The volume holding the pipeline's folder.
  static let volume = "workspace"

  /// The task, its template, the values resolved at export on the way and the parameters
  /// written as in their files.
  struct Output {
    var task: YAMLValue
    var template: YAMLValue
    var resolved: [(source: String, value: String)]
    var fileValues: Set<String>
  }

  func build(_ step: Step, templateName: String) throws(ArgoExportProblem) -> Output {
    guard let taskName = names.steps[step.name] else {
      throw .unusableName(what: "step", name: step.name, reason: "it has no Argo name")
    }
    var text = ArgoFieldText(
      snapshot: snapshot, names: names, environment: environment, sources: sources, folder: pipeline.folder,
      step: step.name)
    text.fileValues = fileValues
    var commands: [String] = []
    var resolved: [(source: String, value: String)] = []
    var secrets: [String] = []
    var fromFiles = Set<String>()
    for (index, field) in step.commands.enumerated() {
      let name = step.commands.count == 1 ? "run" : "run[\(index)]"
      let command = try text.translate(field, name: name, in: .commandLine(allowsSecrets: step.allowSecretInArgs))
      commands.append(command.text)
      resolved += command.resolved
      for secret in command.secrets where !secrets.contains(secret) { secrets.append(secret) }
      fromFiles.formUnion(command.fileValues)
    }
    var variables: [YAMLValue] = []
    var plain: [YAMLValue] = [
      Self.variable("PIPESHELL_RUN_ID", "{{workflow.name}}"), Self.variable("PIPESHELL_STEP", step.name),
    ]
    for name in step.parameterDependencies {
      guard let resolvedParameter = snapshot.parameters[name], !resolvedParameter.isSecret else { continue }
      let variable = ParameterName.stepVariable(name)
      if let value = fileValues.value(of: name) {
        fromFiles.insert(name)
        plain.append(Self.variable(variable, value.rendered(for: .environment).replacing("$", with: "$$")))
      } else if let argo = names.parameters[name] {
        plain.append(Self.variable(variable, "{{workflow.parameters.\(argo)}}"))
      }
    }
    for entry in step.env {
      // A value that is exactly one secret comes straight from the Secret.
      if let single = entry.value.template.singleParameter, snapshot.parameters[single]?.isSecret ?? false {
        variables.append(secretVariable(entry.name, parameter: single))
        continue
      }
      if let local = folderVariables[entry.name], entry.value.template.isLiteral(local) {
        if let folder = folderOnVolume(local) {
          plain.append(Self.variable(entry.name, folder.replacing("$", with: "$$")))
        }
        continue
      }
      let value = try text.translate(entry.value, name: "env \(entry.name)", in: .environmentValue)
      resolved += value.resolved
      for secret in value.secrets where !secrets.contains(secret) { secrets.append(secret) }
      fromFiles.formUnion(value.fileValues)
      plain.append(Self.variable(entry.name, value.text))
    }
    // Kubernetes fills `$(NAME)` only from variables listed before: the secrets come first.
    let carriers = secrets.map { secretVariable(ArgoFieldText.secretVariable($0), parameter: $0) }
    let folder = try workingFolder(step, text: text, resolved: &resolved, fileValues: &fromFiles)
    let container = YAMLValue.map([
      ("image", .string(options.image)),
      ("command", .sequence([.string("/bin/sh"), .string("-c")])),
      ("args", .sequence(Self.arguments(commands).map(YAMLValue.string))),
      ("workingDir", .string(folder)),
      ("env", .sequence(Self.lastOfEachName(carriers + variables + plain))),
      ("volumeMounts", .sequence([.map([("name", .string(Self.volume)), ("mountPath", .string(options.mountPath))])])),
    ])
    let template = YAMLValue.map([
      ("name", .string(templateName)),
      ("container", container),
      ("activeDeadlineSeconds", step.timeout.map { .integer(Int(min($0, 1e12).rounded(.up))) }),
      ("retryStrategy", step.retries > 0 ? .map([("limit", .integer(step.retries))]) : nil),
    ])
    return Output(
      task: try task(step, name: taskName, template: templateName), template: template, resolved: resolved,
      fileValues: fromFiles)
  }

  /// The arguments of `/bin/sh -c`: the command; or, for several, a script that runs each (given
  /// as the script's positional arguments, so none is quoted again) in a shell of its own while
  /// they succeed. `$$` is Kubernetes' escape for `$`.
  static func arguments(_ commands: [String]) -> [String] {
    guard commands.count > 1 else { return commands }
    let script = commands.indices.map { "/bin/sh -c \"$${\($0 + 1)}\"" }.joined(separator: " && ")
    return [script, "pipeshell-step"] + commands
  }

  /// Where a local folder the format names (`DVC_ROOT`) is in the containers: the mount path for
  /// the pipeline's folder, the mount path and the rest below it. A folder above the pipeline's
  /// (a DVC repository whose root lies above the exported `dvc.yaml`) is not on the volume, which
  /// holds the pipeline's folder only: nil, and the variable is left out rather than naming a
  /// path of this machine or a folder the container does not have.
  func folderOnVolume(_ local: String) -> String? {
    let folder =
      pipeline.folder.count > 1 && pipeline.folder.hasSuffix("/") ? String(pipeline.folder.dropLast()) : pipeline.folder
    if local == folder { return options.mountPath }
    let base = folder.hasSuffix("/") ? folder : folder + "/"
    guard local.hasPrefix(base) else { return nil }
    return options.mountPath + "/" + local.dropFirst(base.count)
  }

  private func task(_ step: Step, name: String, template: String) throws(ArgoExportProblem) -> YAMLValue {
    let depends = step.needs.compactMap { names.steps[$0] }
    var condition = ArgoCondition(pipeline: pipeline, snapshot: snapshot, names: names, step: step.name)
    condition.fileValues = fileValues
    var when: YAMLValue?
    if let expression = step.when?.expression { when = .string(try condition.tag(expression)) }
    return YAMLValue.map([
      ("name", .string(name)),
      ("template", .string(template)),
      ("depends", depends.isEmpty ? nil : .string(depends.joined(separator: " && "))),
      ("when", when),
      ("continueOn", step.continueOnError ? .map([("failed", .boolean(true))]) : nil),
    ])
  }

  /// The step's folder on the volume: `cwd:` relative to the pipeline's folder (an absolute one
  /// must lie inside it, and a relative one must not leave it with `..`).
  private func workingFolder(
    _ step: Step, text: ArgoFieldText, resolved: inout [(source: String, value: String)],
    fileValues: inout Set<String>
  ) throws(ArgoExportProblem) -> String {
    guard let cwd = step.cwd else { return options.mountPath }
    let translated = try text.translate(cwd, name: "cwd", in: .path)
    resolved += translated.resolved
    fileValues.formUnion(translated.fileValues)
    var path = translated.text
    if path.hasPrefix("/") {
      let base = pipeline.folder.hasSuffix("/") ? pipeline.folder : pipeline.folder + "/"
      guard path.hasPrefix(base) || path == pipeline.folder else {
        throw .folderOutsidePipeline(step: step.name, path: path)
      }
      path = String(path.dropFirst(min(path.count, base.count)))
    }
    var parts: [Substring] = []
    for part in path.split(separator: "/") where part != "." {
      guard part == ".." else {
        parts.append(part)
        continue
      }
      guard parts.popLast() != nil else { throw .folderOutsidePipeline(step: step.name, path: translated.text) }
    }
    return parts.isEmpty ? options.mountPath : options.mountPath + "/" + parts.joined(separator: "/")
  }

  private func secretVariable(_ name: String, parameter: String) -> YAMLValue {
    let reference = YAMLValue.map([
      ("name", .string(options.secretName(for: pipeline.name))),
      ("key", .string(options.secretKeys[parameter] ?? parameter)),
    ])
    return .map([("name", .string(name)), ("valueFrom", .map([("secretKeyRef", reference)]))])
  }

  /// The variables with each name once, where it was last set (a step's own `env:` comes last
  /// and wins over `PARAM_*`, as in a local run).
  private static func lastOfEachName(_ variables: [YAMLValue]) -> [YAMLValue] {
    var seen: Set<String> = []
    var kept: [YAMLValue] = []
    for variable in variables.reversed() where seen.insert(variable["name"]?.text ?? "").inserted {
      kept.append(variable)
    }
    return kept.reversed()
  }

  private static func variable(_ name: String, _ value: String) -> YAMLValue {
    .map([("name", .string(name)), ("value", .string(value))])
  }
}

extension Template {
  /// True when the template is exactly the literal `text` (nothing to fill in).
  func isLiteral(_ text: String) -> Bool {
    guard parts.count == 1, case .literal(let literal) = parts[0] else { return false }
    return literal == text
  }
}
