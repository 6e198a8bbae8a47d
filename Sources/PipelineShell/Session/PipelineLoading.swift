import PipelineCore

/// Loads pipelines and params files into the session: `load`, `load --params`, `reload`, and
/// a reload before a plan or run when a file changed on disk.
@MainActor
package struct PipelineLoading {
  let context: CommandContext

  package init(context: CommandContext) { self.context = context }

  /// Loads (or reloads) the pipeline at an absolute path (a file, or a folder holding one),
  /// with `params.yaml` beside it. Session values of parameters that still exist and still fit
  /// are kept; the others are dropped, and each is named.
  package func loadPipeline(at typedPath: String, extraParamsFiles: [String] = []) throws(CommandError) {
    let path = try pipelineFile(at: typedPath)
    let (pipeline, files, warnings) = try read(path, extraParamsFiles: extraParamsFiles)
    install(pipeline, at: path, files: files)
    if !warnings.isEmpty { context.output.writeError(context.render(warnings) + "\n") }
    let paramsNote = files.isEmpty ? "" : ", " + files.map { displayPath($0.path) }.joined(separator: ", ")
    let message =
      "loaded \(pipeline.name): \(Plural.count(pipeline.parameters.count, "parameter")), "
      + "\(Plural.count(pipeline.steps.count, "step")) (\(displayPath(path))\(paramsNote))"
    // At start-up (`pipeshell FILE -c ...`) the line goes to standard error, so what the
    // commands print on standard output (`--json`) is theirs alone.
    if context.session.origin == .commandLine { context.output.writeError(message + "\n") } else { context.output.line(message) }
  }

  /// Reloads the pipeline when its file or a params file changed since it was read, saying
  /// so; an invalid file is an error and the pipeline loaded before stays.
  package func reloadIfChanged() throws(CommandError) {
    let session = context.session
    guard let path = session.pipelinePath, session.pipeline != nil else { return }
    let changed = session.fileStamps.filter { context.services.fileSystem.stamp($0.key) != $0.value }.keys.sorted()
    guard !changed.isEmpty else { return }
    let extra = session.paramsFiles.filter { !$0.automatic }.map(\.path)
    let (pipeline, files, warnings): (Pipeline, [ParamsFileBindings], [Diagnostic])
    do {
      (pipeline, files, warnings) = try read(path, extraParamsFiles: extra)
    } catch {
      let names = changed.map(displayPath).joined(separator: ", ")
      context.output.writeError("\(names) changed on disk and no longer loads; still using the pipeline read before\n")
      throw error
    }
    context.output.writeError(context.style.dim("\(changed.map(displayPath).joined(separator: ", ")) changed on disk; reloaded") + "\n")
    install(pipeline, at: path, files: files)
    if !warnings.isEmpty { context.output.writeError(context.render(warnings) + "\n") }
  }

  /// Adds a params file to the `file` layer, after those already loaded.
  package func addParamsFile(at path: String) throws(CommandError) {
    let pipeline = try context.session.requirePipeline()
    let file: ParamsFileBindings
    do {
      file = try PipeshellFormat.readParamsFile(path, pipeline: pipeline, automatic: false, files: sourceFiles)
    } catch {
      throw .invalid(error.diagnostics)
    }
    context.session.paramsFiles.removeAll { $0.path == path }
    context.session.paramsFiles.append(file)
    context.session.fileStamps[path] = context.services.fileSystem.stamp(path)
    context.output.line("loaded \(Plural.count(file.bindings.count, "value")) from \(displayPath(path))")
  }

  /// The pipeline file a typed path names: the file itself, or the pipeline file in a folder.
  private func pipelineFile(at path: String) throws(CommandError) -> String {
    let files = context.services.fileSystem
    guard files.isDirectory(path) else { return path }
    let names = PipelineFormats.folderFileNames
    for name in names where files.exists(path + "/" + name) { return path + "/" + name }
    throw .failed(
      "'\(displayPath(path))' is a folder; expected a pipeline file, or a folder holding "
        + names.dropLast().joined(separator: ", ") + " or " + (names.last ?? ""))
  }

  private func read(
    _ path: String, extraParamsFiles: [String]
  ) throws(CommandError) -> (Pipeline, [ParamsFileBindings], [Diagnostic]) {
    do {
      let loaded = try PipelineFormats.format(for: path).load(path, shownAs: displayPath(path), files: sourceFiles)
      var files = loaded.paramsFiles
      for extra in extraParamsFiles {
        files.append(try PipeshellFormat.readParamsFile(extra, pipeline: loaded.pipeline, automatic: false, files: sourceFiles))
      }
      return (loaded.pipeline, files, loaded.warnings)
    } catch {
      throw .invalid(error.diagnostics)
    }
  }

  /// The shell's files as a format reads them.
  private var sourceFiles: ShellSourceFiles { ShellSourceFiles(files: context.services.fileSystem) }

  /// Makes `pipeline` the session's, and says which session values it drops.
  private func install(_ pipeline: Pipeline, at path: String, files: [ParamsFileBindings]) {
    let session = context.session
    session.pipeline = pipeline
    session.pipelinePath = path
    session.paramsFiles = files
    session.fileStamps = [:]
    let fileSystem = context.services.fileSystem
    for file in [path, Paths.folder(of: path) + "/params.yaml"] + files.map(\.path) {
      session.fileStamps[file] = fileSystem.stamp(file)
    }
    if let profile = session.profile, pipeline.profile(profile) == nil {
      context.output.writeError("warning: profile '\(profile)' no longer exists; no profile is active\n")
      session.profile = nil
    }
    for (binding, why) in SessionFit.unfit(session.sessionBindings, in: pipeline) {
      session.unbind(binding.name)
      context.output.writeError("warning: dropped the session value of '\(binding.name)': \(why)\n")
    }
  }

  /// A path as shown in messages: relative to the current folder when inside it.
  package func displayPath(_ path: String) -> String {
    Paths.relative(path, to: context.services.fileSystem.currentDirectory)
  }
}

/// Which session values a newly loaded pipeline cannot take, and why.
@MainActor
enum SessionFit {
  static func unfit(_ bindings: [Binding], in pipeline: Pipeline) -> [(Binding, String)] {
    bindings.compactMap { binding in
      guard let spec = pipeline.parameter(binding.name) else { return (binding, "this pipeline declares no such parameter") }
      switch binding.raw {
      case .secret, .secretSource:
        return spec.isSecret ? nil : (binding, "it is no longer a secret parameter")
      case .text(let text) where !text.contains("${"):
        if spec.isSecret { return (binding, "it is now a secret parameter") }
        switch ValueParser.parse(text, as: spec.type) {
        case .failure(let problem): return (binding, problem.description)
        case .success(let value):
          return ConstraintChecker.check(value, against: spec).map { (binding, $0.description) }
        }
      default:
        return nil
      }
    }
  }
}

/// The shell's file system as pipeline formats read it: an unreadable file is a diagnostic.
struct ShellSourceFiles: SourceFiles {
  let files: any FileSystem

  func text(_ path: String, shownAs: String) throws(DiagnosticError) -> String {
    do { return try files.read(path) } catch {
      let message: String
      switch error {
      case .failed(let text), .usage(let text, _): message = text
      default: message = "cannot read '\(shownAs)'"
      }
      throw DiagnosticError(Diagnostic(message))
    }
  }

  func exists(_ path: String) -> Bool { files.exists(path) }

  func shown(_ path: String) -> String { Paths.relative(path, to: files.currentDirectory) }
}
