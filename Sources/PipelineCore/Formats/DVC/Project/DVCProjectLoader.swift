/// Loads `dvc.yaml` with DVC 3's meaning: checks it against DVC's schema, loads `params.yaml`
/// and `vars`, expands `foreach` and `matrix`, resolves every `${...}`, reads the params files
/// the stages name, and orders the stages from outputs to inputs. Every problem is reported
/// with its place; loading throws when any is an error.
package struct DVCProjectLoader: Sendable {
  package var settings: DVCInterpolation.Settings

  package init(settings: DVCInterpolation.Settings = .standard) {
    self.settings = settings
  }

  /// Loads the project whose `dvc.yaml` is `dvcFile` in the folder `files` reads from.
  package func load(dvcFile: String = "dvc.yaml", files: any DVCFileAccess) throws(DiagnosticError) -> (
    DVCProject, [Diagnostic]
  ) {
    let text = try files.text(of: dvcFile, at: nil)
    return try load(text: text, dvcFile: dvcFile, files: files)
  }

  /// Loads `dvc.yaml` from its text; the other files come from `files`.
  package func load(text: String, dvcFile: String, files: any DVCFileAccess) throws(DiagnosticError) -> (
    DVCProject, [Diagnostic]
  ) {
    let (project, diagnostics, _) = try load(text: text, dvcFile: dvcFile, files: files) { _ in () }
    return (project, diagnostics)
  }

  /// Loads `dvc.yaml` from its text, and runs `beside` on the expanded stages while their graph
  /// is made (on another core for a large project): checks of the stages that need no graph.
  /// What `beside` returns is the caller's to judge, after the project loaded without error.
  package func load<Beside: Sendable>(
    text: String, dvcFile: String, files: any DVCFileAccess, beside: @Sendable ([DVCStage]) -> Beside
  ) throws(DiagnosticError) -> (DVCProject, [Diagnostic], Beside) {
    let root = try YAMLParamsReader().read(text, file: files.label(dvcFile))
    var schema = DVCSchema(file: files.label(dvcFile))
    schema.check(root)
    if !schema.diagnostics.isEmpty { throw DiagnosticError(PipelineLoader.inFileOrder(schema.diagnostics)) }
    var loading = DVCLoading(files: files, dvcFile: dvcFile, settings: settings)
    var context = DVCContext()
    let top = root.entries ?? []
    func section(_ key: String) -> DVCNode? { top.last { $0.key == key }?.value }
    try loading.loadVars(
      section("vars")?.items ?? [], into: &context, wdir: "", stage: nil, loadDefault: true, field: "vars")
    let contextFiles = context.imports
    var stages: [DVCStage] = []
    var namedAsGenerated: [(DVCNode.Entry, Int)] = []
    for stage in section("stages")?.entries ?? [] {
      if stage.key.contains("@") {
        namedAsGenerated.append((stage, stages.count))
        continue
      }
      do {
        stages += try loading.expand(stage, context: context)
      } catch {
        loading.diagnostics += error.diagnostics
      }
    }
    loading.diagnostics += Self.place(namedAsGenerated, in: &stages)
    let topLevel = loading.topLevel(section, context: context)
    loading.readStageParams(stages)
    // The graph, and DVC's check that no `.dvcignore` leaves an output out (which reads the
    // disk), are independent: a large project has both at once.
    let expanded = stages
    let folder = files.root
    let ((graph, graphProblems), (ignored, besides)) = ParallelChunks.both(
      together: stages.count >= ParallelChunks.threshold
    ) {
      var problems: [Diagnostic] = []
      return (DVCGraph.build(expanded, diagnostics: &problems), problems)
    } _: {
      let ignored =
        folder.isEmpty
        ? [] : DVCIgnoredOutputs.problems(in: expanded, folder: folder, root: DVCCache.repositoryRoot(from: folder))
      return (ignored, beside(expanded))
    }
    loading.diagnostics += graphProblems + ignored
    let diagnostics = PipelineLoader.inFileOrder(loading.diagnostics)
    if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticError(diagnostics) }
    try Self.checkLockFile(of: dvcFile, files: files)
    var seen = Set<DVCValueSource>()
    var project = DVCProject(
      file: dvcFile, stages: stages, order: graph.order, upstream: graph.upstream,
      paramsFiles: loading.paramsFileOrder.compactMap { loading.paramsFiles[$0] }, contextFiles: contextFiles,
      metrics: topLevel.metrics, params: topLevel.params, plots: topLevel.plots, artifacts: topLevel.artifacts,
      structuralValues: loading.resolver.structural.filter { seen.insert($0).inserted }, settings: settings,
      sourceHash: StableHash.hex(text))
    project.indexFiles()
    return (project, diagnostics, besides)
  }

  /// DVC reads a stage written as `x@1` as the name of the stage that group `x` makes for `1`
  /// (`split_group_name`): where the group makes it, the definition written is never used (the
  /// generated stage stands for both, at the first of their places, as in a Python dict; a
  /// warning says so); elsewhere DVC cannot find the stage. `written` holds each such stage with
  /// the number of stages expanded before it.
  private static func place(_ written: [(DVCNode.Entry, Int)], in stages: inout [DVCStage]) -> [Diagnostic] {
    guard !written.isEmpty else { return [] }
    var generated: [String: DVCStage] = [:]
    for stage in stages where stage.group != nil { generated[stage.name] = stage }
    var diagnostics: [Diagnostic] = []
    var ordered: [DVCStage] = []
    var placed = Set<String>()
    var next = 0
    func take(upTo end: Int) {
      for stage in stages[next..<end] where placed.insert(stage.name).inserted { ordered.append(stage) }
      next = end
    }
    for (entry, position) in written {
      guard let stage = generated[entry.key] else {
        diagnostics.append(DVCProblem.stageNameWithAt(entry.key).diagnostic(at: entry.keyLocation))
        continue
      }
      take(upTo: position)
      if placed.insert(stage.name).inserted { ordered.append(stage) }
      let group = entry.key[..<(entry.key.lastIndex(of: "@") ?? entry.key.endIndex)]
      diagnostics.append(
        Diagnostic(
          "the stage written as '\(entry.key)' is never used: DVC runs the stage '\(group)' makes under that name",
          at: entry.keyLocation, severity: .warning))
    }
    take(upTo: stages.count)
    stages = ordered
    return diagnostics
  }

  /// DVC refuses a project whose lock file it cannot read (`dvc stage list` reads it too); a
  /// run would otherwise go ahead and leave the record as it was.
  private static func checkLockFile(of dvcFile: String, files: any DVCFileAccess) throws(DiagnosticError) {
    let lock = DVCLockFile.name(for: dvcFile)
    guard files.kind(of: lock) == .file else { return }
    _ = try DVCLockFile.parse(try files.text(of: lock, at: nil), file: files.label(lock))
  }
}
