/// pipeshell's own YAML format: the pipeline file, with `params.yaml` beside it read into the
/// `file` layer (secrets refused there).
package struct PipeshellFormat: PipelineFormat {
  package let name = "pipeshell"
  package let folderFileNames = ["pipeline.yaml", "pipeline.yml"]

  package init() {}

  package func claims(_ path: String) -> Bool {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return file != "dvc.yaml"
  }

  package func load(_ path: String, shownAs: String, files: any SourceFiles) throws(DiagnosticError) -> LoadedPipeline {
    let text = try files.text(path, shownAs: shownAs)
    let folder = PosixFiles.parentFolder(of: path)
    let (pipeline, warnings) = try PipelineLoader().load(text: text, file: shownAs, folder: folder)
    var paramsFiles: [ParamsFileBindings] = []
    let beside = folder + "/params.yaml"
    if files.exists(beside) {
      paramsFiles.append(try Self.readParamsFile(beside, pipeline: pipeline, automatic: true, files: files))
    }
    return LoadedPipeline(pipeline: pipeline, paramsFiles: paramsFiles, warnings: warnings)
  }

  /// Reads a params file (`params.yaml`, `load --params FILE`) into `file`-layer bindings of
  /// `pipeline`'s parameters; an undeclared name or a secret is an error.
  package static func readParamsFile(
    _ path: String, pipeline: Pipeline, automatic: Bool, files: any SourceFiles
  ) throws(DiagnosticError) -> ParamsFileBindings {
    let shown = files.shown(path)
    // Excerpts of this file must hide the pipeline's secrets (the file does not declare them).
    let secretNames = pipeline.parameters.filter(\.isSecret).map(\.name)
    let node: YAMLNode
    do { node = try YAMLReader().read(try files.text(path, shownAs: shown), file: shown) } catch {
      throw DiagnosticError(error.diagnostics.map { $0.hidingValues(of: secretNames) })
    }
    var diagnostics: [Diagnostic] = []
    let bindings = BindingFileReader.bindings(
      in: node, known: Set(pipeline.parameterNames), context: shown, diagnostics: &diagnostics)
    if !diagnostics.isEmpty { throw DiagnosticError(diagnostics.map { $0.hidingValues(of: secretNames) }) }
    let layerBindings = bindings.map { b -> Binding in
      Binding(name: b.name, raw: .yaml(b.node), layer: .file, source: .paramsFile(b.node.location))
    }
    if let first = layerBindings.first(where: { pipeline.parameter($0.name)?.isSecret ?? false }),
      case .paramsFile(let at) = first.source
    {
      throw DiagnosticError(
        Diagnostic(
          "secret '\(first.name)' cannot be given in a params file", at: at,
          notes: ["bind it with 'secret \(first.name) --from-file PATH' instead"]
        ).hidingValues(of: secretNames))
    }
    return ParamsFileBindings(path: path, bindings: layerBindings, automatic: automatic)
  }
}
