/// What runs of a DVC project add to a run (`PipelineRunSupport`): each stage sees the run's
/// values in the params files it reads (written in before it runs, the user's bytes put back
/// after it, see `DVCRunHooks`), a stage DVC already ran is reused, and a stage that ran is
/// recorded in `dvc.lock` and DVC's cache as `dvc repro` records it.
package struct DVCRunSupport: PipelineRunSupport {
  package let project: DVCProject
  /// The absolute folder of `dvc.yaml`.
  package let folder: String
  /// The absolute folder of the DVC repository (the one holding `.dvc`): `folder` or above it.
  package let root: String
  /// The parameters of each params file: the file (relative to `folder`), then each value's key
  /// path in it and its parameter's name.
  let files: [(file: String, values: [(path: ParameterKeyPath, parameter: String)])]
  /// How the lines of a `cmd` string join into the text `dvc.lock` records, by stage name, for
  /// the stages whose `cmd` is more than one line of text.
  let commandLayouts: [String: DVCCommandLines]
  /// The params files (relative to `folder`) that are outputs of stages.
  let writtenParamsFiles: [String]

  init(
    project: DVCProject, folder: String, root: String? = nil, parameters: [DVCParameter],
    commandLayouts: [String: DVCCommandLines], writtenParamsFiles: [String]? = nil
  ) {
    self.project = project
    self.folder = folder
    self.root = root ?? folder
    self.commandLayouts = commandLayouts
    self.writtenParamsFiles = writtenParamsFiles ?? Self.writtenParamsFiles(of: project.stages)
    var files: [(file: String, values: [(path: ParameterKeyPath, parameter: String)])] = []
    for parameter in parameters {
      if files.last?.file != parameter.source.file { files.append((parameter.source.file, [])) }
      files[files.count - 1].values.append((parameter.source.path, parameter.writtenName))
    }
    self.files = files
  }

  /// The params files that stages also write. Made at every load, so a group's stages (which
  /// share their `params`) are looked at once, and only outputs with a params file's name are
  /// made project paths.
  static func writtenParamsFiles(of stages: [DVCStage]) -> [String] {
    var paramsFiles = Set<String>()
    var last: (params: [DVCParamsDependency], wdir: String) = ([], "")
    for stage in stages where !stage.params.isEmpty {
      if stage.params.sharesStorage(with: last.params), stage.wdir == last.wdir { continue }
      last = (stage.params, stage.wdir)
      for dependency in stage.params { paramsFiles.insert(stage.projectPath(dependency.file)) }
    }
    let names = Set(paramsFiles.map { $0.split(separator: "/").last.map(String.init) ?? $0 })
    var written = Set<String>()
    // Each output's path read in place: copying each output of thousands of stages cost more.
    for stage in stages {
      let outs = stage.outs
      for index in outs.indices where names.contains(where: { DVCPath.ends(outs[index].path.path, with: $0) }) {
        let path = stage.projectPath(outs[index].path.path)
        if paramsFiles.contains(path) { written.insert(path) }
      }
    }
    return written.sorted()
  }

  package func problems(of plan: Plan, snapshot: Snapshot) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    for (file, values) in files {
      for (_, name) in values {
        guard let resolved = snapshot.parameters[name], let winner = resolved.winner, winner.layer != .file else {
          continue
        }
        if resolved.isSecret {
          problems.append(
            Diagnostic(
              "'\(name)' holds a secret; pipeshell never writes a secret into \(file), where DVC stages read their "
                + "values", at: resolved.spec.location,
              notes: ["pass secrets to stages through 'env:' in pipeshell.yaml"]))
        }
      }
    }
    problems += structuralChanges(snapshot)
    return problems
  }

  /// A value the expansion of the stages read (`foreach`/`matrix` data, `wdir`, a flag) may
  /// change the stages themselves (their names, their number): the project is expanded again
  /// with the run's values, and a change to anything but what templates render again is refused
  /// (the stages are expanded from the files when the project loads).
  private func structuralChanges(_ snapshot: Snapshot) -> [Diagnostic] {
    guard !project.structuralValues.isEmpty else { return [] }
    var changed: [(name: String, file: String, path: ParameterKeyPath, value: DVCValue)] = []
    var seen = Set<String>()
    for source in project.structuralValues {
      guard let fileIndex = project.paramsFilePosition(source.file) else { continue }
      let file = project.paramsFiles[fileIndex]
      for position in file.leafPositions(covering: source.path) {
        let leaf = file.leaves[position]
        let name = project.leafName(position, inFile: fileIndex)
        // Values from the files are what the stages were expanded with: only the others are
        // looked at (and remembered, so that a value read twice is compared once).
        guard let resolved = snapshot.parameters[name], resolved.winner?.layer != .file, let value = resolved.value,
          seen.insert(name).inserted
        else { continue }
        let new = DVCValue(value, shapedLike: leaf.value)
        if new != leaf.value { changed.append((name, file.path, leaf.path, new)) }
      }
    }
    guard !changed.isEmpty else { return [] }
    let before = project.stages.map(StageShape.init)
    func shape(_ changes: [(name: String, file: String, path: ParameterKeyPath, value: DVCValue)]) -> [StageShape]? {
      expanded(with: changes).map { $0.stages.map(StageShape.init) }
    }
    guard let after = shape(changed) else {
      return [
        structuralProblem(changed.map(\.name), snapshot: snapshot, what: "the stages cannot be expanded with them")
      ]
    }
    guard before != after else { return [] }
    // Name the values that change the stages on their own (all of them when none does alone).
    let culprits = changed.count == 1 ? changed : changed.filter { shape([$0]).map { $0 != before } ?? true }
    let names = (culprits.isEmpty ? changed : culprits).map(\.name)
    let what =
      before.map(\.name) != after.map(\.name)
      ? "\(names.count == 1 ? "it changes" : "they change") the stages' names or number"
      : "\(names.count == 1 ? "it changes" : "they change") a stage's working folder or flags"
    return [structuralProblem(names, snapshot: snapshot, what: what)]
  }

  private func structuralProblem(_ names: [String], snapshot: Snapshot, what: String) -> Diagnostic {
    let list = names.map { "'\($0)'" }.joined(separator: ", ")
    return Diagnostic(
      "\(list) shape\(names.count == 1 ? "s" : "") the stages of \(project.file) (foreach or matrix data, wdir, a flag) "
        + "and \(what); pipeshell expands the stages from the files when it loads them, so "
        + "\(names.count == 1 ? "it" : "they") cannot change for one run",
      at: snapshot.parameters[names[0]]?.spec.location,
      notes: [
        "write \(names.count == 1 ? "it" : "them") into the file with 'params --write \(names.joined(separator: " "))' "
          + "(the project is loaded again), or edit the file"
      ])
  }

  /// The project expanded again with some values changed in its files (nil when it cannot be).
  private func expanded(with changes: [(name: String, file: String, path: ParameterKeyPath, value: DVCValue)])
    -> DVCProject?
  {
    let disk = LocalDVCFiles(root: folder)
    var overrides: [String: String] = [:]
    for file in Set(changes.map(\.file)) {
      guard let text = try? disk.text(of: file, at: nil),
        let rewritten = try? ParamsFileRewriter.rewrite(
          text, path: file, values: changes.filter { $0.file == file }.map { ($0.path, $0.value) })
      else { return nil }
      overrides[file] = rewritten
    }
    guard let text = try? disk.text(of: project.file, at: nil) else { return nil }
    let files = OverlaidDVCFiles(base: disk, overrides: overrides)
    return try? DVCProjectLoader(settings: project.settings).load(text: text, dvcFile: project.file, files: files).0
  }

  /// The value a parameter has in its params file as loaded.
  func fileValue(of name: String) -> DVCValue? {
    for (file, values) in files {
      guard let entry = values.first(where: { $0.parameter == name }) else { continue }
      return project.paramsFile(file)?.node(at: entry.path)?.value
    }
    return nil
  }

  package func hooks(for run: RunHookContext) -> any RunHooks {
    DVCRunHooks(support: self, context: run)
  }
}

/// What of a stage its expansion decides (the rest is rendered again from the values).
private struct StageShape: Equatable {
  var name: String
  var wdir: String
  var frozen: Bool
  var alwaysChanged: Bool
  var desc: String?
  var commandCount: Int
  var dependencyCount: Int
  var outputs: [String]

  init(_ stage: DVCStage) {
    name = stage.name
    wdir = stage.wdir
    frozen = stage.frozen
    alwaysChanged = stage.alwaysChanged
    desc = stage.desc
    commandCount = stage.commands.count
    dependencyCount = stage.deps.count
    outputs = stage.outs.map { "\($0.kind) \($0.cache) \($0.persist)" }
  }
}

/// A project's files with some of them replaced by other text.
struct OverlaidDVCFiles: DVCFileAccess {
  let base: LocalDVCFiles
  let overrides: [String: String]

  var root: String { base.root }

  func kind(of path: String) -> DVCFileKind {
    overrides[DVCPath.normalize(path)] != nil ? .file : base.kind(of: path)
  }

  func text(of path: String, at location: SourceLocation?) throws(DiagnosticError) -> String {
    if let text = overrides[DVCPath.normalize(path)] { return text }
    return try base.text(of: path, at: location)
  }
}
