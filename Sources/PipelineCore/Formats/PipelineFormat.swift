/// A way of writing pipelines, in front of the neutral `Pipeline` model: pipeshell's own YAML
/// (`pipeline.yaml`), DVC's `dvc.yaml`. A format reads its file and the params files it names,
/// and hands back the model and the `file`-layer bindings; everything after that (resolution,
/// plans, runs, the store) is the same whatever the format.
package protocol PipelineFormat: Sendable {
  /// `pipeshell`, `dvc`.
  var name: String { get }
  /// The file names `load FOLDER` looks for, in order.
  var folderFileNames: [String] { get }
  /// True when `path` names a file of this format.
  func claims(_ path: String) -> Bool
  /// Reads the pipeline at `path` (shown in messages as `shownAs`) and the params files it
  /// names, through `files`.
  func load(_ path: String, shownAs: String, files: any SourceFiles) throws(DiagnosticError) -> LoadedPipeline
}

/// What a format reads files through (the shell's file system, a test's fixtures).
package protocol SourceFiles: Sendable {
  /// The file's text; a file that cannot be read is a diagnostic.
  func text(_ path: String, shownAs: String) throws(DiagnosticError) -> String
  func exists(_ path: String) -> Bool
  /// `path` as shown in messages.
  func shown(_ path: String) -> String
}

/// A loaded pipeline with its params files and warnings.
package struct LoadedPipeline: Sendable {
  package var pipeline: Pipeline
  /// Params files read with the pipeline (`params.yaml` beside it, DVC's params files).
  package var paramsFiles: [ParamsFileBindings]
  package var warnings: [Diagnostic]
  /// Every file the pipeline was read from, and those whose appearance would change it (an
  /// overlay not written yet): a change to any of them reloads the pipeline before the next plan
  /// or run. The pipeline file and its params files are always watched.
  package var watchedFiles: [String] = []

  package init(pipeline: Pipeline, paramsFiles: [ParamsFileBindings], warnings: [Diagnostic]) {
    self.pipeline = pipeline
    self.paramsFiles = paramsFiles
    self.warnings = warnings
  }
}

/// One params file and the `file`-layer bindings read from it.
package struct ParamsFileBindings: Sendable, Hashable {
  package var path: String
  package var bindings: [Binding]
  /// True when the format read it with the pipeline (not `load --params`).
  package var automatic: Bool

  package init(path: String, bindings: [Binding], automatic: Bool) {
    self.path = path
    self.bindings = bindings
    self.automatic = automatic
  }
}

/// The formats pipeshell reads.
package enum PipelineFormats {
  /// In the order `load FOLDER` looks for their files: a folder holding both a `pipeline.yaml`
  /// and a `dvc.yaml` loads `pipeline.yaml` (a pipeshell file beside a DVC project is there on
  /// purpose; the shell says so and names `dvc.yaml`).
  package static let all: [any PipelineFormat] = [PipeshellFormat(), DVCFormat()]

  /// The format of the file at `path` (pipeshell's own unless another claims it).
  package static func format(for path: String) -> any PipelineFormat {
    all.first { $0.claims(path) } ?? PipeshellFormat()
  }

  /// Every file name `load FOLDER` looks for, in order.
  package static var folderFileNames: [String] { all.flatMap(\.folderFileNames) }
}
