import PipelineCore
import Synchronization

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
    putBackFilesOfKilledRuns(besidePipeline: path)
    let (loaded, read) = try read(path, extraParamsFiles: extraParamsFiles)
    let (pipeline, files, warnings) = (loaded.pipeline, loaded.paramsFiles, loaded.warnings)
    install(loaded, read: read, at: path)
    if !warnings.isEmpty { context.output.writeError(context.render(warnings) + "\n") }
    let paramsNote = files.isEmpty ? "" : ", " + files.map { displayPath($0.path) }.joined(separator: ", ")
    let message =
      "loaded \(pipeline.name): \(Plural.count(pipeline.parameters.count, "parameter")), "
      + "\(Plural.count(pipeline.steps.count, "step")) (\(displayPath(path))\(paramsNote))"
    // At start-up (`pipeshell FILE -c ...`) the line goes to standard error, so what the
    // commands print on standard output (`--json`) is theirs alone.
    if context.session.origin == .commandLine {
      context.output.writeError(message + "\n")
    } else {
      context.output.line(message)
    }
  }

  /// Reloads the pipeline when its file or a params file changed since it was read, saying
  /// so; an invalid file is an error and the pipeline loaded before stays.
  package func reloadIfChanged(quietly: Bool = false) throws(CommandError) {
    let session = context.session
    guard let path = session.pipelinePath, session.pipeline != nil else { return }
    let fileSystem = context.services.fileSystem
    var changed: [String] = []
    for (file, stamp) in session.fileStamps.sorted(by: { $0.key < $1.key }) {
      let now = fileSystem.stamp(file)
      if now == stamp.stat { continue }
      // Touched, or written and put back (a DVC run shows stages its values in the params
      // files, then restores them): only a change of content counts.
      let content = FileStamp.content(of: file, in: fileSystem)
      if content == stamp.content {
        session.fileStamps[file]?.stat = now
        continue
      }
      changed.append(file)
    }
    guard !changed.isEmpty else { return }
    let extra = session.paramsFiles.filter { !$0.automatic }.map(\.path)
    let (loaded, read): (LoadedPipeline, [String: FileStamp])
    do {
      (loaded, read) = try self.read(path, extraParamsFiles: extra)
    } catch {
      let names = changed.map(displayPath).joined(separator: ", ")
      context.output.writeError("\(names) changed on disk and no longer loads; still using the pipeline read before\n")
      throw error
    }
    if !quietly {
      context.output.writeError(
        context.style.dim("\(changed.map(displayPath).joined(separator: ", ")) changed on disk; reloaded") + "\n")
    }
    install(loaded, read: read, at: path)
    if !loaded.warnings.isEmpty { context.output.writeError(context.render(loaded.warnings) + "\n") }
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
    context.session.fileStamps[path] = FileStamp(path, in: context.services.fileSystem)
    context.output.line("loaded \(Plural.count(file.bindings.count, "value")) from \(displayPath(path))")
  }

  /// Before reading a pipeline: a run of a shell that was killed may have left the run's values
  /// in its params files (DVC projects); they are put back first, so the pipeline reads the
  /// user's own values.
  private func putBackFilesOfKilledRuns(besidePipeline path: String) {
    let folder = RunStore.folder(besidePipeline: path)
    guard RestoreJournal(storeFolder: folder).hasEntries else { return }
    // The killed shell's steps may still run and read the files: they are stopped first.
    if let store = try? RunStore(folder: folder), let marked = try? store.markAbandonedRunsInterrupted(),
      !marked.isEmpty
    {
      let ids = marked.map(String.init).joined(separator: ", ")
      context.output.writeError(
        "note: run\(marked.count == 1 ? "" : "s") \(ids) ended without finishing; marked interrupted\n")
    }
    let (restored, notes) = RestoreJournal.recoverIfIdle(storeFolder: folder)
    for file in restored {
      context.output.writeError("note: put back \(displayPath(file)) as it was before a run whose shell was killed\n")
    }
    for note in notes { context.output.writeError("warning: \(note)\n") }
  }

  /// The pipeline file a typed path names: the file itself, or the pipeline file in a folder.
  private func pipelineFile(at path: String) throws(CommandError) -> String {
    let files = context.services.fileSystem
    guard files.isDirectory(path) else { return path }
    let names = PipelineFormats.folderFileNames
    let present = names.filter { files.exists(path + "/" + $0) }
    if let first = present.first {
      // pipeline.yaml comes first: a pipeshell file beside a DVC project is there on purpose.
      for other in present.dropFirst() where !other.hasPrefix("pipeline.") {
        context.output.writeError(
          "note: \(displayPath(path))/ also holds \(other); loading \(first) (load \(displayPath(path + "/" + other)) for the other)\n"
        )
      }
      return path + "/" + first
    }
    throw .failed(
      "'\(displayPath(path))' is a folder; expected a pipeline file, or a folder holding "
        + names.dropLast().joined(separator: ", ") + " or " + (names.last ?? ""))
  }

  private func read(_ path: String, extraParamsFiles: [String]) throws(CommandError) -> (
    LoadedPipeline, read: [String: FileStamp]
  ) {
    let log = ReadFiles()
    let files = ShellSourceFiles(files: context.services.fileSystem, log: log)
    do {
      var loaded = try PipelineFormats.format(for: path).load(path, shownAs: displayPath(path), files: files)
      for extra in extraParamsFiles {
        loaded.paramsFiles.append(
          try PipeshellFormat.readParamsFile(extra, pipeline: loaded.pipeline, automatic: false, files: files))
      }
      return (loaded, log.stamps())
    } catch {
      throw .invalid(error.diagnostics)
    }
  }

  /// The shell's files as a format reads them.
  private var sourceFiles: ShellSourceFiles { ShellSourceFiles(files: context.services.fileSystem) }

  /// Makes `pipeline` the session's, and says which session values it drops. `read` holds the
  /// files the load read, stamped as they were read: a file changed since shows as changed.
  private func install(_ loaded: LoadedPipeline, read: [String: FileStamp], at path: String) {
    let (pipeline, files) = (loaded.pipeline, loaded.paramsFiles)
    let session = context.session
    session.pipeline = pipeline
    session.pipelinePath = path
    session.paramsFiles = files
    session.fileStamps = [:]
    let fileSystem = context.services.fileSystem
    for file in [path, Paths.folder(of: path) + "/params.yaml"] + files.map(\.path) + loaded.watchedFiles
    where session.fileStamps[file] == nil {
      session.fileStamps[file] = read[file] ?? FileStamp(file, in: fileSystem)
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
      guard let spec = pipeline.parameter(binding.name) else {
        return (binding, "this pipeline declares no such parameter")
      }
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
/// With a log, each file read is stamped as it was read, so the session need not read it again.
struct ShellSourceFiles: SourceFiles {
  let files: any FileSystem
  var log: ReadFiles?

  func text(_ path: String, shownAs: String) throws(DiagnosticError) -> String {
    do {
      guard let log else { return try files.read(path) }
      // Stamped before it is read: a change made after the stamp shows as a change.
      let stamp = files.stamp(path)
      let text = try files.read(path)
      log.record(path, stat: stamp, text: text)
      return text
    } catch {
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

/// The files one load read, each with its stamp from just before it was read and its text.
final class ReadFiles: Sendable {
  private let files = Mutex<[String: (stat: String?, text: String)]>([:])

  func record(_ path: String, stat: String?, text: String) {
    files.withLock { files in
      if files[path] == nil { files[path] = (stat, text) }  // what the first read saw
    }
  }

  /// The stamps of the files read.
  func stamps() -> [String: FileStamp] {
    files.withLock { files in
      files.mapValues { FileStamp(stat: $0.stat, content: $0.stat == nil ? nil : ContentHasher.hash($0.text)) }
    }
  }
}
