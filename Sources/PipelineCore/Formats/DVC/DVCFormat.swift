/// DVC's `dvc.yaml` as a pipeline format behind the `PipelineFormat` seam: the project is loaded
/// as DVC loads it (`DVCProjectLoader`), `pipeshell.yaml` beside it adds types, constraints,
/// secrets and profiles (`DVCOverlayReader`), and the result is today's model with the values of
/// the params files in the `file` layer (`DVCPipelineMapper`).
///
package struct DVCFormat: PipelineFormat {
  package let name = "dvc"
  package let folderFileNames = ["dvc.yaml"]

  package init() {}

  package func claims(_ path: String) -> Bool {
    (path.split(separator: "/").last.map(String.init) ?? path) == "dvc.yaml"
  }

  package func load(_ path: String, shownAs: String, files: any SourceFiles) throws(DiagnosticError) -> LoadedPipeline {
    let folder = PosixFiles.parentFolder(of: path)
    let access = SourceFilesAccess(files: files, root: folder)
    let text = try files.text(path, shownAs: shownAs)
    let settings = try Self.settings(from: folder, files: files)
    let name = String(path.split(separator: "/").last ?? "dvc.yaml")
    // The repository's checks of the stages (remotes, outputs outside it, other dvc.yaml files)
    // run while the stages' graph is made.
    let dvcFolder = Self.dvcFolder(above: folder)
    let (project, loadWarnings, repository) = try DVCProjectLoader(settings: settings).load(
      text: text, dvcFile: name, files: access
    ) { stages in
      guard let dvcFolder else { return (problems: [Diagnostic](), warnings: [Diagnostic]()) }
      let root = PosixFiles.parentFolder(of: dvcFolder)
      return (
        problems: DVCConfig.unknownRemoteProblems(of: stages, dvcFolder: dvcFolder)
          + DVCExternalOutputs.problems(of: stages, folder: folder, root: root),
        warnings: DVCOtherFiles.warnings(
          for: stages, folder: folder, root: root, exists: files.exists, shown: files.shown)
      )
    }
    if !repository.problems.isEmpty { throw DiagnosticError(repository.problems) }
    let warnings = loadWarnings + repository.warnings
    var overlay: DVCOverlay?
    var overlayWarnings: [Diagnostic] = []
    let overlayPath = folder + "/pipeshell.yaml"
    if files.exists(overlayPath) {
      let shown = files.shown(overlayPath)
      (overlay, overlayWarnings) = try DVCOverlayReader().read(
        try files.text(overlayPath, shownAs: shown), file: shown, project: project)
    }
    let root = DVCCache.repositoryRoot(from: folder)
    let mapping = DVCPipelineMapper.map(project, overlay: overlay, folder: folder, root: root)
    let paramsFiles = mapping.bindingsByFile.map {
      ParamsFileBindings(path: DVCPath.join(folder, $0.file), bindings: $0.bindings, automatic: true)
    }
    var loaded = LoadedPipeline(
      pipeline: mapping.pipeline, paramsFiles: paramsFiles, warnings: warnings + overlayWarnings + mapping.notes)
    // Every file the stages were expanded from (vars files too), the overlay, and DVC's config
    // (its `parsing` settings shape commands).
    loaded.watchedFiles =
      [path, overlayPath] + project.paramsFiles.map { DVCPath.join(folder, $0.path) }
      + (root.map { [$0 + "/.dvc/config", $0 + "/.dvc/config.local"] } ?? [])
    return loaded
  }

  /// DVC's `parsing` settings from the nearest `.dvc` folder, whose config files DVC would refuse
  /// to open if they break its schema (pipeshell refuses them too).
  static func settings(from folder: String, files: any SourceFiles) throws(DiagnosticError) -> DVCInterpolation.Settings
  {
    guard let dvcFolder = dvcFolder(above: folder) else { return .standard }
    let configFiles = DVCConfig.files(in: dvcFolder)  // read once for both
    let problems = configFiles.flatMap { DVCConfig.problems(ofText: $0.text, file: files.shown($0.path)) }
    if !problems.isEmpty { throw DiagnosticError(problems) }
    return DVCConfig.interpolationSettings(inFiles: configFiles)
  }

  /// The nearest `.dvc` folder at or above `folder`.
  static func dvcFolder(above folder: String) -> String? {
    DVCCache.repositoryRoot(from: folder).map { $0 == "/" ? "/.dvc" : $0 + "/.dvc" }
  }
}

/// The seam's `SourceFiles` as the DVC loader reads files: by path relative to the folder of
/// `dvc.yaml`.
struct SourceFilesAccess: DVCFileAccess {
  let files: any SourceFiles
  let root: String

  func kind(of path: String) -> DVCFileKind {
    let absolute = DVCPath.resolve(path, in: root)
    if PosixFiles.isFolder(absolute) { return .directory }
    return files.exists(absolute) ? .file : .missing
  }

  func label(_ path: String) -> String { files.shown(DVCPath.resolve(path, in: root)) }

  func text(of path: String, at location: SourceLocation?) throws(DiagnosticError) -> String {
    let absolute = DVCPath.resolve(path, in: root)
    do {
      return try files.text(absolute, shownAs: label(path))
    } catch {
      throw DiagnosticError(
        error.diagnostics.map { diagnostic in
          var located = diagnostic
          if located.location == nil { located.location = location }
          return located
        })
    }
  }
}
