/// Turns a loaded DVC project (and its `pipeshell.yaml`) into the neutral model: one parameter
/// per value of the params files, typed from its value (or as the overlay declares it) and bound
/// as it is in the `file` layer; one step per stage, its strings rendered at plan time by the one
/// template engine under DVC's rules; and the run support that shows stages the run's values in
/// their params files and records runs where DVC looks (`DVCRunSupport`).
package enum DVCPipelineMapper {
  /// The pipeline, the `file` layer's bindings, and notes on what pipeshell does differently.
  package struct Mapping: Sendable {
    package var pipeline: Pipeline
    package var fileBindings: [Binding]
    /// The same bindings by params file (path relative to the folder of `dvc.yaml`), in the
    /// order the files were read.
    package var bindingsByFile: [(file: String, bindings: [Binding])]
    package var notes: [Diagnostic]
  }

  /// Maps `project`, whose `dvc.yaml` is in `folder` (absolute) inside the DVC repository at
  /// `root` (the folder holding `.dvc`).
  package static func map(_ project: DVCProject, overlay: DVCOverlay?, folder: String, root: String? = nil) -> Mapping {
    var notes: [Diagnostic] = []
    let parameters = project.parameters
    let declared = Dictionary(
      (overlay?.parameters ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    var specs: [ParameterSpec] = []
    specs.reserveCapacity(parameters.count)
    var bindings: [Binding] = []
    bindings.reserveCapacity(parameters.count)
    var byFile: [(file: String, bindings: [Binding])] = []
    for parameter in parameters {
      let name = parameter.writtenName
      var spec =
        declared[name]
        ?? ParameterSpec(name: name, type: DVCValueTypes.type(of: parameter.value), location: parameter.location)
      let value = Value(parameter.value)
      spec.location = parameter.location
      spec.loadedValue = value
      specs.append(spec)
      let binding = Binding(name: name, raw: .value(value), layer: .file, source: .paramsFile(parameter.location))
      bindings.append(binding)
      if byFile.last?.file != parameter.source.file { byFile.append((parameter.source.file, [])) }
      byFile[byFile.count - 1].bindings.append(binding)
    }
    if overlay?.parameters.isEmpty == false {
      let names = Set(specs.map(\.name))
      specs += (overlay?.parameters ?? []).filter { !names.contains($0.name) }
    }
    let context = StepContext(
      project: project, overlay: overlay, root: DVCPath.normalize(root ?? folder), folder: folder)
    var steps: [Step] = []
    steps.reserveCapacity(project.stages.count)
    var layouts: [String: DVCCommandLines] = [:]
    for chunk in mapStages(inOrder: project.order, context: context) {
      steps += chunk.steps
      notes += chunk.notes
      layouts.merge(chunk.layouts) { first, _ in first }
    }
    let name = folder.split(separator: "/").last.map(String.init) ?? "dvc"
    var pipeline = Pipeline(
      name: name, description: nil, file: project.file, folder: folder, parameters: specs,
      profiles: overlay?.profiles ?? [], steps: steps, sourceHash: project.sourceHash)
    pipeline.runSupport = DVCRunSupport(
      project: project, folder: folder, root: context.root, parameters: parameters, commandLayouts: layouts,
      writtenParamsFiles: context.writtenParamsFiles)
    return Mapping(pipeline: pipeline, fileBindings: bindings, bindingsByFile: byFile, notes: notes)
  }

  /// The steps of a run of stages, with the notes on them and their command layouts.
  struct StepChunk: Sendable {
    var steps: [Step] = []
    var notes: [Diagnostic] = []
    var layouts: [String: DVCCommandLines] = [:]
  }

  /// The stages at `order` as steps, in that order; a large project's stages are mapped on every
  /// core in runs of consecutive stages, joined in order (the same steps and notes as one by one).
  static func mapStages(inOrder order: [Int], context: StepContext) -> [StepChunk] {
    @Sendable func map(_ range: Range<Int>) -> StepChunk {
      var chunk = StepChunk()
      chunk.steps.reserveCapacity(range.count)
      var shared = SharedNames()
      for index in order[range] {
        let stage = context.project.stages[index]
        let layout = stage.commandIsList || stage.commands.count != 1 ? nil : DVCCommandLines.split(stage.commands[0])
        chunk.steps.append(
          step(stage, index: index, layout: layout, context: context, shared: &shared, notes: &chunk.notes))
        if let layout,
          layout.lines.count > 1 || !layout.prefix.isEmpty || layout.separators.contains(where: { !$0.isEmpty })
        {
          chunk.layouts[stage.name] = layout
        }
      }
      return chunk
    }
    return ParallelChunks.map(order.count, map)
  }

  /// What mapping a stage reads besides the stage.
  struct StepContext: Sendable {
    let project: DVCProject
    let overlay: DVCOverlay?
    /// The DVC repository's root (`DVC_ROOT`).
    let root: String
    /// The root as the template of every step's `DVC_ROOT` (one, not one per step).
    let rootTemplate: Template
    let folder: String
    /// `dvc.yaml` relative to `root`, as `DVC_STAGE` names a stage (`dvc.yaml` when at the root).
    let dvcFile: String
    /// The params files (relative to `folder`) that stages write.
    let writtenParamsFiles: [String]
    /// The params files (as `ParamsFile.path`) holding a NaN somewhere.
    let paramsFilesHoldingNaN: [String]

    init(project: DVCProject, overlay: DVCOverlay?, root: String, folder: String) {
      self.project = project
      self.overlay = overlay
      self.root = root
      rootTemplate = .literal(root)
      self.folder = folder
      dvcFile = DVCPath.relative(DVCPath.normalize(folder + "/" + project.file), to: root)
      writtenParamsFiles = DVCRunSupport.writtenParamsFiles(of: project.stages)
      paramsFilesHoldingNaN = project.paramsFiles.filter { $0.leaves.contains { $0.value.holdsNaN } }.map(\.path)
    }
  }
}

/// The type pipeshell gives a params value: its own (int, float, bool, string, list, dict); text
/// for a date and for an integer beyond 64 bits (its digits); `any` for a null and for the items
/// of a list whose items differ in type (so the value stays exactly as written, `[1, 2.5]`
/// included).
enum DVCValueTypes {
  static func type(of value: DVCValue) -> ParameterType {
    switch value {
    case .null: return .any
    case .bool: return .bool
    case .int: return .int
    case .float: return .float
    case .string, .timestamp, .bigInt: return .string
    case .dict: return .dict
    case .list(let items):
      guard let first = items.first else { return .list(items: .any) }
      let itemType = type(of: first)
      return .list(items: items.dropFirst().allSatisfy { type(of: $0) == itemType } ? itemType : .any)
    }
  }
}
