/// What runs of a DVC project add to a run (`PipelineRunSupport`): each stage sees the run's
/// values in the params files it reads (written in before it runs, the user's bytes put back
/// after it, see `DVCRunHooks`), a stage DVC already ran is reused, and a stage that ran is
/// recorded in `dvc.lock` and DVC's cache as `dvc repro` records it.
package struct DVCRunSupport: PipelineRunSupport {
  package let project: DVCProject
  /// The absolute folder of `dvc.yaml`.
  package let folder: String
  /// The parameters of each params file: the file (relative to `folder`), then each value's key
  /// path in it and its parameter's name.
  let files: [(file: String, values: [(path: ParameterKeyPath, parameter: String)])]
  /// How the lines of a `cmd` string join into the text `dvc.lock` records, by stage name, for
  /// the stages whose `cmd` is more than one line of text.
  let commandLayouts: [String: DVCCommandLines]

  init(project: DVCProject, folder: String, parameters: [DVCParameter], commandLayouts: [String: DVCCommandLines]) {
    self.project = project
    self.folder = folder
    self.commandLayouts = commandLayouts
    var files: [(file: String, values: [(path: ParameterKeyPath, parameter: String)])] = []
    for parameter in parameters {
      if files.last?.file != parameter.source.file { files.append((parameter.source.file, [])) }
      files[files.count - 1].values.append((parameter.source.path, parameter.name.description))
    }
    self.files = files
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

  /// A value that shapes the stages themselves (`foreach`/`matrix` data, `wdir`, a flag) cannot
  /// change for one run: the stages are expanded from the file when the project loads.
  private func structuralChanges(_ snapshot: Snapshot) -> [Diagnostic] {
    guard !project.structuralValues.isEmpty else { return [] }
    var names: [String] = []
    for source in project.structuralValues {
      guard let file = project.paramsFile(source.file) else { continue }
      for position in file.leafPositions(covering: source.path) {
        let name = project.parameterName(for: DVCValueSource(file: file.path, path: file.leaves[position].path))
          .description
        if !names.contains(name) { names.append(name) }
      }
    }
    return names.compactMap { name in
      guard let resolved = snapshot.parameters[name], let value = resolved.value, let winner = resolved.winner,
        winner.layer != .file, let original = fileValue(of: name), DVCValue(value, shapedLike: original) != original
      else { return nil }
      return Diagnostic(
        "'\(name)' shapes the stages of \(project.file) (foreach or matrix data, wdir, a flag); pipeshell expands "
          + "the stages from the file when it loads it, so the value cannot change for one run",
        at: resolved.spec.location,
        notes: ["write it into the file with 'params --write \(name)' (the project is loaded again), or edit the file"])
    }
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
