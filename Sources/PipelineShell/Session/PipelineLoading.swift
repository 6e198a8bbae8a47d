import PipelineCore

/// Loads pipelines and params files into the session: `load`, `load --params`, `reload`.
package struct PipelineLoading {
  let context: CommandContext

  package init(context: CommandContext) { self.context = context }

  /// Loads (or reloads) the pipeline at an absolute path, with `params.yaml` beside it.
  /// Session bindings of parameters that still exist are kept.
  package func loadPipeline(at path: String, extraParamsFiles: [String] = []) throws(CommandError) {
    let session = context.session
    let shown = displayPath(path)
    let text = try context.services.fileSystem.read(path)
    let pipeline: Pipeline
    let warnings: [Diagnostic]
    do {
      (pipeline, warnings) = try PipelineLoader().load(text: text, file: shown, folder: Paths.folder(of: path))
    } catch {
      throw .invalid(error.diagnostics)
    }
    var files: [ShellSession.ParamsFile] = []
    let beside = Paths.folder(of: path) + "/params.yaml"
    if context.services.fileSystem.exists(beside) {
      files.append(try readParamsFile(beside, pipeline: pipeline, automatic: true))
    }
    for extra in extraParamsFiles { files.append(try readParamsFile(extra, pipeline: pipeline, automatic: false)) }
    session.pipeline = pipeline
    session.pipelinePath = path
    session.paramsFiles = files
    if let profile = session.profile, pipeline.profile(profile) == nil {
      context.output.writeError("warning: profile '\(profile)' no longer exists; no profile is active\n")
      session.profile = nil
    }
    let dropped = session.dropUndeclaredBindings()
    if !dropped.isEmpty {
      context.output.writeError("warning: dropped session values of parameters no longer declared: \(dropped.joined(separator: ", "))\n")
    }
    if !warnings.isEmpty { context.output.writeError(context.render(warnings) + "\n") }
    let paramsNote = files.isEmpty ? "" : ", " + files.map { displayPath($0.path) }.joined(separator: ", ")
    context.output.line(
      "loaded \(pipeline.name): \(pipeline.parameters.count) parameters, \(pipeline.steps.count) steps (\(shown)\(paramsNote))")
  }

  /// Adds a params file to the `file` layer, after those already loaded.
  package func addParamsFile(at path: String) throws(CommandError) {
    let pipeline = try context.session.requirePipeline()
    let file = try readParamsFile(path, pipeline: pipeline, automatic: false)
    context.session.paramsFiles.removeAll { $0.path == path }
    context.session.paramsFiles.append(file)
    context.output.line("loaded \(file.bindings.count) values from \(displayPath(path))")
  }

  private func readParamsFile(_ path: String, pipeline: Pipeline, automatic: Bool) throws(CommandError) -> ShellSession.ParamsFile {
    let shown = displayPath(path)
    let text = try context.services.fileSystem.read(path)
    var diagnostics: [Diagnostic] = []
    // Excerpts of this file must hide the pipeline's secrets even if the pipeline does not load.
    let secretNames = pipeline.parameters.filter(\.isSecret).map(\.name)
    let node: YAMLNode
    do {
      node = try YAMLReader().read(text, file: shown)
    } catch {
      throw .invalid(error.diagnostics.map { $0.hidingValues(of: secretNames) })
    }
    let bindings = BindingFileReader.bindings(
      in: node, known: Set(pipeline.parameterNames), context: shown, diagnostics: &diagnostics)
    if !diagnostics.isEmpty { throw .invalid(diagnostics.map { $0.hidingValues(of: secretNames) }) }
    let layerBindings = bindings.map { b -> Binding in
      Binding(name: b.name, raw: .yaml(b.node), layer: .file, source: .paramsFile(b.node.location))
    }
    let secrets = layerBindings.filter { pipeline.parameter($0.name)?.isSecret ?? false }
    if let first = secrets.first, case .paramsFile(let at) = first.source {
      throw .invalid([Diagnostic("secret '\(first.name)' cannot be given in a params file", at: at,
                                 notes: ["bind it with 'secret \(first.name) --from-file PATH' instead"]).hidingValues(of: secretNames)])
    }
    return ShellSession.ParamsFile(path: path, bindings: layerBindings, automatic: automatic)
  }

  /// A path as shown in messages: relative to the current folder when inside it.
  package func displayPath(_ path: String) -> String {
    Paths.relative(path, to: context.services.fileSystem.currentDirectory)
  }
}
