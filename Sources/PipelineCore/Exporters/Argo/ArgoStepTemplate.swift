/// One step as an Argo DAG task and the container template it runs: `/bin/sh -c COMMAND` in the
/// step's folder on the shared volume, with the environment pipeshell gives the step.
struct ArgoStepTemplate {
  let pipeline: Pipeline
  let snapshot: Snapshot
  let names: ArgoNames
  let options: ArgoExportOptions
  let environment: [String: String]
  let sources: (any DynamicSources)?
  /// The volume holding the pipeline's folder.
  static let volume = "workspace"

  /// The task, its template, and the values resolved at export on the way.
  struct Output {
    var task: YAMLValue
    var template: YAMLValue
    var resolved: [(source: String, value: String)]
  }

  func build(_ step: Step, templateName: String) throws(ArgoExportProblem) -> Output {
    guard let taskName = names.steps[step.name] else {
      throw .unusableName(what: "step", name: step.name, reason: "it has no Argo name")
    }
    let text = ArgoFieldText(
      snapshot: snapshot, names: names, environment: environment, sources: sources, folder: pipeline.folder,
      step: step.name)
    let command = try text.translate(step.run, name: "run", in: .commandLine(allowsSecrets: step.allowSecretInArgs))
    var resolved = command.resolved
    var variables: [YAMLValue] = []
    var secrets = command.secrets
    var plain: [YAMLValue] = [
      Self.variable("PIPESHELL_RUN_ID", "{{workflow.name}}"), Self.variable("PIPESHELL_STEP", step.name),
    ]
    for name in step.parameterDependencies {
      guard let resolvedParameter = snapshot.parameters[name], !resolvedParameter.isSecret,
        let argo = names.parameters[name]
      else { continue }
      plain.append(Self.variable("PARAM_" + ParameterName.environmentSuffix(name), "{{workflow.parameters.\(argo)}}"))
    }
    for entry in step.env {
      // A value that is exactly one secret comes straight from the Secret.
      if let single = entry.value.template.singleParameter, snapshot.parameters[single]?.isSecret ?? false {
        variables.append(secretVariable(entry.name, parameter: single))
        continue
      }
      let value = try text.translate(entry.value, name: "env \(entry.name)", in: .environmentValue)
      resolved += value.resolved
      for secret in value.secrets where !secrets.contains(secret) { secrets.append(secret) }
      plain.append(Self.variable(entry.name, value.text))
    }
    // Kubernetes fills `$(NAME)` only from variables listed before: the secrets come first.
    let carriers = secrets.map { secretVariable(ArgoFieldText.secretVariable($0), parameter: $0) }
    let folder = try workingFolder(step, text: text, resolved: &resolved)
    let container = YAMLValue.map([
      ("image", .string(options.image)),
      ("command", .sequence([.string("/bin/sh"), .string("-c")])),
      ("args", .sequence([.string(command.text)])),
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
    return Output(task: try task(step, name: taskName, template: templateName), template: template, resolved: resolved)
  }

  private func task(_ step: Step, name: String, template: String) throws(ArgoExportProblem) -> YAMLValue {
    let depends = step.needs.compactMap { names.steps[$0] }
    let condition = ArgoCondition(pipeline: pipeline, snapshot: snapshot, names: names, step: step.name)
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
  /// must lie inside it).
  private func workingFolder(_ step: Step, text: ArgoFieldText, resolved: inout [(source: String, value: String)])
    throws(ArgoExportProblem) -> String
  {
    guard let cwd = step.cwd else { return options.mountPath }
    let translated = try text.translate(cwd, name: "cwd", in: .path)
    resolved += translated.resolved
    var path = translated.text
    if path.hasPrefix("/") {
      let base = pipeline.folder.hasSuffix("/") ? pipeline.folder : pipeline.folder + "/"
      guard path.hasPrefix(base) || path == pipeline.folder else {
        throw .folderOutsidePipeline(step: step.name, path: path)
      }
      path = String(path.dropFirst(min(path.count, base.count)))
    }
    return path.isEmpty || path == "." ? options.mountPath : options.mountPath + "/" + path
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
