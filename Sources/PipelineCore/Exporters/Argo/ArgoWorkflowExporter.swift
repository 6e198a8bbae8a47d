/// Writes a loaded pipeline as an Argo Workflow (`argoproj.io/v1alpha1`): its parameters as
/// `spec.arguments.parameters`, its steps as the tasks of one DAG template with `depends` and
/// `when`, each running `/bin/sh -c` in a container on a volume that holds the pipeline's folder,
/// and each secret as a `secretKeyRef` (never its value). Pure: it reads only its arguments.
///
/// Parameter values are the snapshot's, as a run would use them now (session, profile and
/// params-file layers included); a value that pipeshell derived (`${model}-e${epochs}`) or read
/// from its machine (`${cmd:git rev-parse HEAD}`, `${env:USER}`) is resolved at export and
/// recorded in the annotation `pipeshell.dev/resolved-at-export` with what it was written as:
/// Argo has no way to run the command where pipeshell would, and one run must see one value.
/// A parameter given at submission (`argo submit -p epochs=5`) reaches every step that uses it;
/// a derived value does not follow it. `${cmd:}` and `${file:}` in step fields are read at export
/// too (through `sources`) and recorded the same way.
package struct ArgoWorkflowExporter: Sendable {
  package var options: ArgoExportOptions
  /// The environment `${env:VAR}` in step fields reads (the shell's, as for a run).
  package var environment: [String: String]
  /// What reads a step field's `${cmd:}` and `${file:}` that the snapshot did not record (as
  /// planning a run reads them); nil refuses them instead.
  package var sources: (any DynamicSources)?

  package init(
    options: ArgoExportOptions = ArgoExportOptions(), environment: [String: String] = [:],
    sources: (any DynamicSources)? = nil
  ) {
    self.options = options
    self.environment = environment
    self.sources = sources
  }

  /// The manifest as YAML text.
  package func yaml(_ pipeline: Pipeline, snapshot: Snapshot) throws(ArgoExportError) -> String {
    let manifest = try export(pipeline, snapshot: snapshot)
    do { return try YAMLEmitter.emit(manifest) } catch {
      throw ArgoExportError(problems: [(.inconsistentManifest(error.description), nil)])
    }
  }

  /// The manifest; every problem found is reported at once.
  package func export(_ pipeline: Pipeline, snapshot: Snapshot) throws(ArgoExportError) -> YAMLValue {
    var problems: [(problem: ArgoExportProblem, location: SourceLocation?)] = []
    problems += options.problems().map { ($0, nil) }
    let fileValues = ArgoFileValues(pipeline, snapshot: snapshot, problems: &problems)
    let names = ArgoNames(pipeline, excluding: fileValues.names, problems: &problems)
    let dagName = Self.unusedName("pipeline", taken: Set(names.steps.values))
    let builder = ArgoStepTemplate(
      pipeline: pipeline, snapshot: snapshot, names: names, options: options, environment: environment,
      sources: sources,
      fileValues: fileValues, folderVariables: pipeline.runSupport?.exportFacts.folderVariables ?? [:]
    )
    var tasks: [YAMLValue] = []
    var templates: [YAMLValue] = []
    var resolved: [String: String] = [:]
    var fixed: Set<String> = []
    for step in pipeline.steps where names.steps[step.name] != nil {
      do {
        let output = try builder.build(step, templateName: names.steps[step.name] ?? step.name)
        tasks.append(output.task)
        templates.append(output.template)
        for (source, value) in output.resolved { resolved["${\(source)}"] = value }
        fixed.formUnion(output.fileValues)
      } catch {
        problems.append((error, error.isAboutCondition ? step.when?.location ?? step.location : step.location))
      }
    }
    problems += secretKeyProblems(pipeline, snapshot: snapshot)
    guard problems.isEmpty else { throw ArgoExportError(problems: problems) }
    let spec = YAMLValue.map([
      ("entrypoint", .string(dagName)),
      ("arguments", .map([("parameters", .sequence(parameters(pipeline, snapshot: snapshot, names: names)))])),
      ("volumes", .sequence([volume(pipeline)])),
      (
        "templates",
        .sequence([.map([("name", .string(dagName)), ("dag", .map([("tasks", .sequence(tasks))]))])] + templates)
      ),
    ])
    let manifest = YAMLValue.map([
      ("apiVersion", .string("argoproj.io/v1alpha1")),
      ("kind", .string("Workflow")),
      (
        "metadata",
        metadata(
          pipeline, snapshot: snapshot, names: names, resolvedInSteps: resolved,
          fromFiles: fixed.sorted().compactMap { name in fileValues.values[name].map { (name, $0) } })
      ),
      ("spec", spec),
    ])
    if let problem = ArgoManifestCheck.problem(in: manifest) {
      throw ArgoExportError(problems: [(.inconsistentManifest(problem), nil)])
    }
    return manifest
  }

  /// `pipeline`, or `pipeline-2`, ... when a step already has that name.
  static func unusedName(_ base: String, taken: Set<String>) -> String {
    var name = base
    var counter = 2
    while taken.contains(name) {
      name = "\(base)-\(counter)"
      counter += 1
    }
    return name
  }

  private func volume(_ pipeline: Pipeline) -> YAMLValue {
    .map([
      ("name", .string(ArgoStepTemplate.volume)),
      ("persistentVolumeClaim", .map([("claimName", .string(options.claimName(for: pipeline.name)))])),
    ])
  }

  /// Every secret a step reads must have a key a Kubernetes Secret can hold.
  private func secretKeyProblems(_ pipeline: Pipeline, snapshot: Snapshot) -> [(ArgoExportProblem, SourceLocation?)] {
    pipeline.parameters.compactMap { spec in
      guard snapshot.parameters[spec.name]?.isSecret ?? spec.isSecret else { return nil }
      let key = options.secretKeys[spec.name] ?? spec.name
      guard !ArgoNames.isSecretKey(key) else { return nil }
      return (
        .option(
          name: "secret key for '\(spec.name)'", value: key,
          expected: "letters, digits, '-', '_', '.'; "
            + "give one with --secret-key \(spec.name)=KEY"), spec.location
      )
    }
  }
}

extension ArgoExportProblem {
  /// True for problems found in a step's `when:`.
  var isAboutCondition: Bool {
    if case .untranslatableCondition = self { return true }
    return false
  }
}
