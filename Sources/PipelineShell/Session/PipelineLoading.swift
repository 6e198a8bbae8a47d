import PipelineCore

/// Loads pipelines and params files into the session: `load`, `load --params`, `reload`, and
/// a reload before a plan or run when a file changed on disk.
@MainActor
package struct PipelineLoading {
  let context: CommandContext

  /// The files `load FOLDER` looks for, in order.
  static let pipelineFileNames = ["pipeline.yaml", "pipeline.yml"]

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
    let (pipeline, files, warnings): (Pipeline, [ShellSession.ParamsFile], [Diagnostic])
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
    let file = try readParamsFile(path, pipeline: pipeline, automatic: false)
    context.session.paramsFiles.removeAll { $0.path == path }
    context.session.paramsFiles.append(file)
    context.session.fileStamps[path] = context.services.fileSystem.stamp(path)
    context.output.line("loaded \(Plural.count(file.bindings.count, "value")) from \(displayPath(path))")
  }

  /// The pipeline file a typed path names: the file itself, or the pipeline file in a folder.
  private func pipelineFile(at path: String) throws(CommandError) -> String {
    let files = context.services.fileSystem
    guard files.isDirectory(path) else { return path }
    for name in Self.pipelineFileNames where files.exists(path + "/" + name) { return path + "/" + name }
    throw .failed(
      "'\(displayPath(path))' is a folder; expected a pipeline file, or a folder holding "
        + Self.pipelineFileNames.joined(separator: " or "))
  }

  private func read(
    _ path: String, extraParamsFiles: [String]
  ) throws(CommandError) -> (Pipeline, [ShellSession.ParamsFile], [Diagnostic]) {
    let text = try context.services.fileSystem.read(path)
    let pipeline: Pipeline
    let warnings: [Diagnostic]
    do {
      (pipeline, warnings) = try PipelineLoader().load(text: text, file: displayPath(path), folder: Paths.folder(of: path))
    } catch {
      throw .invalid(error.diagnostics)
    }
    var files: [ShellSession.ParamsFile] = []
    let beside = Paths.folder(of: path) + "/params.yaml"
    if context.services.fileSystem.exists(beside) {
      files.append(try readParamsFile(beside, pipeline: pipeline, automatic: true))
    }
    for extra in extraParamsFiles { files.append(try readParamsFile(extra, pipeline: pipeline, automatic: false)) }
    return (pipeline, files, warnings)
  }

  /// Makes `pipeline` the session's, and says which session values it drops.
  private func install(_ pipeline: Pipeline, at path: String, files: [ShellSession.ParamsFile]) {
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

  private func readParamsFile(_ path: String, pipeline: Pipeline, automatic: Bool) throws(CommandError) -> ShellSession.ParamsFile {
    let shown = displayPath(path)
    let text = try context.services.fileSystem.read(path)
    var diagnostics: [Diagnostic] = []
    let node: YAMLNode
    do { node = try YAMLReader().read(text, file: shown) } catch { throw .invalid(error.diagnostics) }
    let bindings = BindingFileReader.bindings(
      in: node, known: Set(pipeline.parameterNames), context: shown, diagnostics: &diagnostics)
    if !diagnostics.isEmpty { throw .invalid(diagnostics) }
    let layerBindings = bindings.map { b -> Binding in
      Binding(name: b.name, raw: .yaml(b.node), layer: .file, source: .paramsFile(b.node.location))
    }
    let secrets = layerBindings.filter { pipeline.parameter($0.name)?.isSecret ?? false }
    if let first = secrets.first, case .paramsFile(let at) = first.source {
      throw .invalid([Diagnostic("secret '\(first.name)' cannot be given in a params file", at: at,
                                 notes: ["bind it with 'secret \(first.name) --from-file PATH' instead"])])
    }
    return ShellSession.ParamsFile(path: path, bindings: layerBindings, automatic: automatic)
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
