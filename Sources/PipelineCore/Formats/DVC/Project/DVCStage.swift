/// A stage of `dvc.yaml` after `foreach`/`matrix` expansion and templating, with DVC's meaning
/// for every field (`dvc/stage/loader.py`, `dvc/output.py`, `dvc/dependency/__init__.py`).
package struct DVCStage: Sendable, Hashable {
  /// The stage's fields; a stage is built as `Fields`, then shared: a copy of a stage (thousands
  /// of them are passed around for a large `matrix`) costs one reference count.
  package struct Fields: Sendable, Hashable {
    /// `train`, or for a generated stage `train@lr-0.1`, exactly as DVC names it.
    package var name: String
    /// The `foreach`/`matrix` stage this one was generated from.
    package var group: String?
    /// Where the stage's name was written.
    package var location: SourceLocation
    /// The commands: one for a `cmd` string, one per item for a `cmd` list.
    package var commands: [DVCTemplate]
    /// The commands rendered with the values the project was loaded with.
    package var commandTexts: [String]
    /// True when `cmd` was written as a list (DVC records it as a list in `dvc.lock`).
    package var commandIsList: Bool
    /// The working folder, relative to the folder of `dvc.yaml` and normalized (`.` for that folder).
    package var wdir: String
    package var deps: [DVCPathField]
    /// `params:` as DVC merges them: one entry per file, keys in the order written.
    package var params: [DVCParamsDependency]
    /// `outs`, then `metrics`, then `plots`, as DVC lists them.
    package var outs: [DVCOutput]
    package var frozen: Bool
    package var alwaysChanged: Bool
    package var desc: String?
    package var meta: DVCValue?
    /// Values of params files the stage's templates read (DVC's `tracked_vars`), in order.
    package var usedValues: [DVCValueSource]
    /// The absolute path of the folder of `dvc.yaml`, when known: paths that leave it and come
    /// back (`../experiments/x` seen from `experiments`) are then written as DVC writes them.
    package var folder: String = ""
  }

  private final class Box: Sendable {
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var box: Box

  package init(_ fields: Fields) {
    box = Box(fields)
  }

  /// All fields at once.
  package var fields: Fields {
    get { box.fields }
    set { box = Box(newValue) }
  }

  /// Stages are equal when all their fields are.
  package static func == (a: DVCStage, b: DVCStage) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
  package func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

  /// `train`, or for a generated stage `train@lr-0.1`, exactly as DVC names it.
  package var name: String {
    get { box.fields.name }
    set {
      var fields = box.fields
      fields.name = newValue
      box = Box(fields)
    }
  }
  /// The `foreach`/`matrix` stage this one was generated from.
  package var group: String? {
    get { box.fields.group }
    set {
      var fields = box.fields
      fields.group = newValue
      box = Box(fields)
    }
  }
  /// Where the stage's name was written.
  package var location: SourceLocation {
    get { box.fields.location }
    set {
      var fields = box.fields
      fields.location = newValue
      box = Box(fields)
    }
  }
  /// The commands: one for a `cmd` string, one per item for a `cmd` list.
  package var commands: [DVCTemplate] {
    get { box.fields.commands }
    set {
      var fields = box.fields
      fields.commands = newValue
      box = Box(fields)
    }
  }
  /// The commands rendered with the values the project was loaded with.
  package var commandTexts: [String] {
    get { box.fields.commandTexts }
    set {
      var fields = box.fields
      fields.commandTexts = newValue
      box = Box(fields)
    }
  }
  /// True when `cmd` was written as a list (DVC records it as a list in `dvc.lock`).
  package var commandIsList: Bool {
    get { box.fields.commandIsList }
    set {
      var fields = box.fields
      fields.commandIsList = newValue
      box = Box(fields)
    }
  }
  /// The working folder, relative to the folder of `dvc.yaml` and normalized (`.` for that folder).
  package var wdir: String {
    get { box.fields.wdir }
    set {
      var fields = box.fields
      fields.wdir = newValue
      box = Box(fields)
    }
  }
  package var deps: [DVCPathField] {
    get { box.fields.deps }
    set {
      var fields = box.fields
      fields.deps = newValue
      box = Box(fields)
    }
  }
  /// `params:` as DVC merges them: one entry per file, keys in the order written.
  package var params: [DVCParamsDependency] {
    get { box.fields.params }
    set {
      var fields = box.fields
      fields.params = newValue
      box = Box(fields)
    }
  }
  /// `outs`, then `metrics`, then `plots`, as DVC lists them.
  package var outs: [DVCOutput] {
    get { box.fields.outs }
    set {
      var fields = box.fields
      fields.outs = newValue
      box = Box(fields)
    }
  }
  package var frozen: Bool {
    get { box.fields.frozen }
    set {
      var fields = box.fields
      fields.frozen = newValue
      box = Box(fields)
    }
  }
  package var alwaysChanged: Bool {
    get { box.fields.alwaysChanged }
    set {
      var fields = box.fields
      fields.alwaysChanged = newValue
      box = Box(fields)
    }
  }
  package var desc: String? {
    get { box.fields.desc }
    set {
      var fields = box.fields
      fields.desc = newValue
      box = Box(fields)
    }
  }
  package var meta: DVCValue? {
    get { box.fields.meta }
    set {
      var fields = box.fields
      fields.meta = newValue
      box = Box(fields)
    }
  }
  /// Values of params files the stage's templates read (DVC's `tracked_vars`), in order.
  package var usedValues: [DVCValueSource] {
    get { box.fields.usedValues }
    set {
      var fields = box.fields
      fields.usedValues = newValue
      box = Box(fields)
    }
  }
  /// The absolute path of the folder of `dvc.yaml`, when known: paths that leave it and come
  /// back (`../experiments/x` seen from `experiments`) are then written as DVC writes them.
  package var folder: String {
    get { box.fields.folder }
    set {
      var fields = box.fields
      fields.folder = newValue
      box = Box(fields)
    }
  }

  /// The command lines DVC runs, one process each, stopping at the first failure: the items of
  /// a `cmd` list, or the lines of a `cmd` string (Python's `splitlines`).
  package var commandLines: [String] {
    commandIsList ? commandTexts : commandTexts.flatMap(DVCStage.splitLines)
  }

  /// Python's `str.splitlines()`.
  static func splitLines(_ text: String) -> [String] {
    // Most commands are one line: no byte that starts a line break, no work.
    if !PythonLineBreaks.contains(text) { return text.isEmpty ? [] : [text] }
    var lines: [String] = []
    var current = ""
    var pendingCR = false
    for scalar in text.unicodeScalars {
      if pendingCR {
        pendingCR = false
        if scalar == "\n" { continue }
      }
      switch scalar {
      case "\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}":
        lines.append(current)
        current = ""
      case "\r":
        lines.append(current)
        current = ""
        pendingCR = true
      default:
        current.unicodeScalars.append(scalar)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// A path relative to the stage's working folder, as a path relative to the `dvc.yaml` folder
  /// (Python's `relpath` of the absolute path, as DVC computes it).
  /// Whether DVC's run cache may restore the stage's outputs (`stage/cache.py`, `_can_hash`): a
  /// command, dependencies (files or values) and outputs, none of them `persist`, and neither a
  /// callback nor `always_changed`. DVC 3.67.1 also runs again, rather than restore, a stage
  /// with an output it does not cache (`cache: false`), as measured side by side.
  package var canBeRestoredFromRunCache: Bool {
    !commands.isEmpty && !alwaysChanged && hasDependencies && !outs.isEmpty
      && !outs.contains { $0.persist || !$0.cache } && !hasExternalDeps
  }

  /// True when a dependency is a URL (`https://…`): only the ETag `dvc.lock` records tells
  /// whether it changed, so pipeshell's own cache never reuses the stage.
  package var hasExternalDeps: Bool { deps.contains { DVCPath.isURL($0.path) } }

  /// The dependencies that are files of the project, in order: the step's inputs.
  package var localDeps: [DVCPathField] {
    hasExternalDeps ? deps.filter { !DVCPath.isURL($0.path) } : deps
  }

  /// DVC's callback stage (`Stage.is_callback`): a command with no dependency (no file, no
  /// params value, none read by its templates) and no output, which every `dvc repro` runs.
  package var isCallback: Bool {
    !commands.isEmpty && !hasDependencies && outs.isEmpty
  }

  /// Whether the stage depends on anything: a file, a params value it names, or one its
  /// templates read (DVC counts each as a dependency).
  private var hasDependencies: Bool { !deps.isEmpty || !params.isEmpty || !usedValues.isEmpty }

  package func projectPath(_ path: String) -> String {
    let lexical = DVCPath.resolve(path, in: wdir == "." ? "" : wdir)
    guard folder.utf8.first == UInt8(ascii: "/"),
      DVCPath.starts(lexical, with: "..") || lexical.utf8.first == UInt8(ascii: "/")
    else { return lexical }
    return DVCPath.relative(DVCPath.resolve(lexical, in: folder), to: folder)
  }
}

/// A path of a stage (a dependency or an output), relative to the stage's working folder.
package struct DVCPathField: Sendable, Hashable {
  /// The path as templated; references to params values stay references.
  package var template: DVCTemplate
  /// The path rendered with the values the project was loaded with, as DVC's `def_path`.
  package var path: String
  package var location: SourceLocation
}

/// One params file a stage depends on, with the keys it names.
package struct DVCParamsDependency: Sendable, Hashable {
  /// The file, relative to the stage's working folder (`params.yaml` by default).
  package var file: String
  /// The keys, as written (`train.lr`, `train`); empty when the stage depends on the whole file.
  package var keys: [String]
  package var location: SourceLocation

  /// True when the stage depends on every value of the file.
  package var isWholeFile: Bool { keys.isEmpty }
}

/// An output of a stage: `outs`, `metrics` or `plots`, with its flags.
package struct DVCOutput: Sendable, Hashable {
  package enum Kind: String, Sendable, Hashable {
    case out, metric, plot
  }

  package var kind: Kind
  package var path: DVCPathField
  /// Kept in DVC's cache (default true).
  package var cache = true
  /// Left in place before the stage runs (DVC deletes other outputs first).
  package var persist = false
  /// Uploaded by `dvc push` (default true).
  package var push = true
  package var remote: String?
  package var desc: String?
  package var type: String?
  package var labels: [String] = []
  package var meta: DVCValue?
  /// A plot's properties (`x`, `y`, `template`, ...), in the order written.
  package var plotProperties: [DVCValue.Entry] = []

  package init(kind: Kind, path: DVCPathField) {
    self.kind = kind
    self.path = path
  }
}
