/// The state of one load of a DVC project: the files read so far (each params file is read
/// once, whatever the number of stages that name it), the resolver, and the problems found.
struct DVCLoading {
  let files: any DVCFileAccess
  /// `dvc.yaml` as DVC names it in messages.
  let dvcFile: String
  var resolver: DVCResolver
  var paramsFiles: [String: ParamsFile] = [:]
  /// Params files in the order they were first read.
  var paramsFileOrder: [String] = []
  var diagnostics: [Diagnostic] = []
  /// Fields of the stages of one `foreach`/`matrix` group that do not read `item` or `key`:
  /// resolved for the first stage, the same for every other (see `DVCLoading+Invariant`).
  var invariant = InvariantFields()

  init(files: any DVCFileAccess, dvcFile: String, settings: DVCInterpolation.Settings) {
    self.files = files
    self.dvcFile = dvcFile
    self.resolver = DVCResolver(settings: settings)
  }

  /// A params file, read (and parsed) once; `what` says in DVC's words what needs it.
  mutating func paramsFile(_ path: String, at location: SourceLocation?, field: String) throws(DiagnosticError)
    -> ParamsFile
  {
    if let file = paramsFiles[path] { return file }
    switch files.kind(of: path) {
    case .missing:
      throw DiagnosticError(DVCProblem.vars(message: "'\(path)' does not exist", field: field).diagnostic(at: location))
    case .directory:
      throw DiagnosticError(DVCProblem.vars(message: "'\(path)' is a directory", field: field).diagnostic(at: location))
    case .file:
      break
    }
    let text = try files.text(of: path, at: location)
    let file = try ParamsFileReader.parse(text, path: path, label: files.label(path))
    paramsFiles[path] = file
    paramsFileOrder.append(path)
    return file
  }
}
