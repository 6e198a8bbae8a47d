/// Turns a loaded DVC project (and its `pipeshell.yaml`) into today's `Pipeline`, `Step` and
/// `ParameterSpec`, as far as they can hold it, with the file layer's bindings and a note for
/// everything they cannot hold (see the notes of the `dvc` branch for what the neutral model
/// must gain).
package enum DVCPipelineMapper {
  /// Today's pipeline, the `file` layer's bindings, and notes on what was lost.
  package struct Mapping: Sendable {
    package var pipeline: Pipeline
    package var fileBindings: [Binding]
    /// The same bindings by params file (path relative to the folder of `dvc.yaml`), in the
    /// order the files were read.
    package var bindingsByFile: [(file: String, bindings: [Binding])]
    package var notes: [Diagnostic]
  }

  package static func map(_ project: DVCProject, overlay: DVCOverlay?, folder: String) -> Mapping {
    var notes: [Diagnostic] = []
    let parameters = project.parameters
    let declared = Dictionary(
      (overlay?.parameters ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var specs: [ParameterSpec] = []
    var bindings: [Binding] = []
    var byFile: [(file: String, bindings: [Binding])] = []
    for parameter in parameters {
      let name = parameter.name.description
      var spec =
        declared[name]
        ?? ParameterSpec(name: name, type: DVCValueNodes.type(of: parameter.value), location: parameter.location)
      spec.location = parameter.location
      specs.append(spec)
      if case .null = parameter.value { continue }
      let binding = Binding(
        name: name, raw: .yaml(DVCValueNodes.node(parameter.value, at: parameter.location)), layer: .file,
        source: .paramsFile(parameter.location))
      bindings.append(binding)
      if byFile.last?.file != parameter.source.file { byFile.append((parameter.source.file, [])) }
      byFile[byFile.count - 1].bindings.append(binding)
    }
    specs += (overlay?.parameters ?? []).filter { spec in !parameters.contains { $0.name.description == spec.name } }
    var steps: [Step] = []
    for index in project.order {
      steps.append(step(project.stages[index], index: index, project: project, overlay: overlay, notes: &notes))
    }
    let name = folder.split(separator: "/").last.map(String.init) ?? "dvc"
    let pipeline = Pipeline(
      name: name, description: nil, file: project.file, folder: folder, parameters: specs,
      profiles: overlay?.profiles ?? [],
      steps: steps, sourceHash: project.sourceHash)
    return Mapping(pipeline: pipeline, fileBindings: bindings, bindingsByFile: byFile, notes: notes)
  }

  static func step(_ stage: DVCStage, index: Int, project: DVCProject, overlay: DVCOverlay?, notes: inout [Diagnostic])
    -> Step
  {
    // DVC runs each command (each line of a `cmd` string) in its own shell, stopping at the
    // first failure, as a step's `commands` run.
    let lines = stage.commandIsList ? stage.commands : stage.commands.flatMap(DVCPipelineMapper.lines)
    let commands = lines.map {
      Field(
        template: template([$0], in: stage, project: project, inCommand: true, notes: &notes), location: stage.location)
    }
    var step = Step(
      name: stage.name, location: stage.location,
      run: commands.first ?? Field(template: .literal(""), location: stage.location))
    step.commands = commands.isEmpty ? step.commands : commands
    step.description = stage.desc
    step.needs = project.upstream[index].map { project.stages[$0].name }
    if stage.wdir != "." { step.cwd = Field(template: .literal(stage.wdir), location: stage.location) }
    step.inputs = stage.deps.map {
      Field(template: pathTemplate($0, stage, project: project, notes: &notes), location: $0.location)
    }
    step.outputs = stage.outs.map {
      Field(template: pathTemplate($0.path, stage, project: project, notes: &notes), location: $0.path.location)
    }
    step.params = project.parameterDependencies(of: stage).map { project.parameterName(for: $0).description }
    step.metrics = stage.outs.filter { $0.kind == .metric }.map {
      Field(template: pathTemplate($0.path, stage, project: project, notes: &notes), location: $0.path.location)
    }
    step.cache = !stage.alwaysChanged
    step.env = overlay?.environment(for: stage) ?? []
    if stage.frozen {
      do {
        step.when = Condition(
          expression: try ExpressionParser.parse("false", location: stage.location), location: stage.location)
      } catch {
        notes += error.diagnostics
      }
    }
    lost(stage, notes: &notes)
    return step
  }

  /// What today's step cannot hold, as notes.
  static func lost(_ stage: DVCStage, notes: inout [Diagnostic]) {
    var missing: [String] = []
    if stage.meta != nil { missing.append("meta") }
    if stage.outs.contains(where: { $0.kind == .metric && !$0.path.path.hasSuffix(".json") }) {
      missing.append("YAML or TOML metrics (today's metrics files are JSON)")
    }
    if stage.outs.contains(where: { !$0.cache || $0.persist || !$0.push || $0.remote != nil }) {
      missing.append("output flags")
    }
    if stage.outs.contains(where: { $0.kind == .plot }) { missing.append("plots (kept as outputs)") }
    if !missing.isEmpty {
      notes.append(
        Diagnostic(
          "stage '\(stage.name)': today's model keeps no \(missing.joined(separator: ", "))", at: stage.location,
          severity: .warning))
    }
  }
}
