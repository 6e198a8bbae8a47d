/// A stage as a step: its command lines (each run in a shell of its own, stopping at the first
/// that fails, as DVC runs them), working folder, dependencies, outputs (metrics and plots
/// included), the params it depends on, `frozen` and `always_changed`, its description, and
/// the environment DVC gives a stage (`DVC_ROOT`, `DVC_STAGE`) with the overlay's `env:`.
extension DVCPipelineMapper {
  static func step(
    _ stage: DVCStage, index: Int, layout: DVCCommandLines?, context: StepContext, shared: inout SharedNames,
    notes: inout [Diagnostic]
  ) -> Step {
    let project = context.project
    let lines =
      stage.commandIsList
      ? stage.commands : layout?.lines ?? stage.commands.flatMap { DVCCommandLines.split($0).lines }
    // Each line's text as loaded, where a line is a whole command as the loader rendered it.
    let loadedTexts = stage.commandIsList || layout?.isWholeCommand == true ? stage.commandTexts : []
    let commands = lines.indices.map { index in
      Field(
        template: template(
          lines[index], project: project, inCommand: true,
          loadedText: index < loadedTexts.count ? loadedTexts[index] : nil, references: &shared.references),
        location: stage.location)
    }
    // Paths stay relative to the stage's working folder, as the step's own paths are. The
    // stages of a group share one list of dependencies, and then their steps share one list of
    // inputs.
    let deps = stage.localDeps
    let inputs: [Field]
    if let last = shared.lastInputs, last.deps.sharesStorage(with: deps) {
      inputs = last.inputs
    } else {
      inputs = deps.map {
        Field(template: pathTemplate($0, project: project, references: &shared.references), location: $0.location)
      }
      shared.lastInputs = (deps, inputs)
    }
    // Values of a params file another stage writes are known only once that stage ran: whether
    // the step can be reused is then for `dvc.lock` to say, as for a URL dependency.
    let readsWrittenParams =
      !context.writtenParamsFiles.isEmpty
      && stage.params.contains { context.writtenParamsFiles.contains(stage.projectPath($0.file)) }
    let tracksNaN = Self.tracksNaN(stage, context: context)
    let reusedOnlyByFormat = stage.hasExternalDeps || readsWrittenParams || tracksNaN
    let outs = stage.outs
    var outputs: [Field] = []
    var metrics: [Field] = []
    outputs.reserveCapacity(outs.count)
    for index in outs.indices {
      let path = outs[index].path
      let field = Field(
        template: pathTemplate(path, project: project, references: &shared.references), location: path.location)
      outputs.append(field)
      if outs[index].kind == .metric { metrics.append(field) }
    }
    let upstream = project.upstream[index]
    let needs: [String]
    if let last = shared.lastNeeds, last.upstream == upstream {
      needs = last.names
    } else {
      needs = upstream.map { project.stages[$0].name }
      shared.lastNeeds = (upstream, needs)
    }
    // Made with all its fields at once: one box per step of thousands.
    let step = Step(
      name: stage.name, location: stage.location,
      commands: commands.isEmpty ? [Field(template: .literal(""), location: stage.location)] : commands,
      needs: needs, env: environment(for: stage, context: context),
      cwd: stage.wdir == "." ? nil : Field(template: .literal(stage.wdir), location: stage.location),
      params: shared.dependencies.names(of: stage, in: project), inputs: inputs, outputs: outputs,
      metrics: metrics, cache: !stage.alwaysChanged && !stage.isCallback && !reusedOnlyByFormat,
      description: stage.desc, verifyReason: stage.frozen ? "frozen: true (dvc.yaml)" : nil,
      noCacheReason: stage.alwaysChanged
        ? "always_changed: true"
        : stage.isCallback
          ? "no deps and no outs: DVC runs it every time"
          : stage.hasExternalDeps
            ? Self.externalReason(stage)
            : readsWrittenParams
              ? "reads params a stage writes: run unless dvc.lock holds them"
              : tracksNaN ? "tracks a NaN params value, which DVC finds changed every time" : "cache: false",
      runsRenderedLinesApart: !stage.commandIsList, skipsUnreadableMetrics: true,
      runsInUserShell: true, restoresOutputs: stage.canBeRestoredFromRunCache,
      reusedOnlyByFormat: reusedOnlyByFormat)
    if stage.commands.isEmpty {
      notes.append(
        Diagnostic(
          "stage '\(stage.name)' has no cmd; pipeshell runs nothing for it", at: stage.location, severity: .warning))
    }
    return step
  }

  /// DVC compares each params value with `dvc.lock` by Python's `!=`, and `nan != nan`: a stage
  /// tracking a NaN is changed for DVC every time, so only DVC's own records (its run cache) may
  /// spare it a run, never pipeshell's.
  static func tracksNaN(_ stage: DVCStage, context: StepContext) -> Bool {
    guard !context.paramsFilesHoldingNaN.isEmpty else { return false }
    return stage.params.contains { params in
      let path = stage.projectPath(params.file)
      guard context.paramsFilesHoldingNaN.contains(path), let file = context.project.paramsFile(path) else {
        return false
      }
      return DVCParamsValues.values(for: params, in: file).contains {
        $0.value.differsFromItsRecord(readFrom: file.format)
      }
    }
  }

  /// Why a stage with a URL dependency runs every time.
  static func externalReason(_ stage: DVCStage) -> String {
    let url = stage.deps.first { DVCPath.isURL($0.path) }?.path ?? ""
    return "depends on \(url): run unless dvc.lock holds the ETag the server sends now"
  }

  /// `DVC_ROOT` and `DVC_STAGE` as DVC sets them (`dvc/stage/run.py`), then the overlay's `env:`.
  static func environment(for stage: DVCStage, context: StepContext) -> [EnvironmentEntry] {
    let address = context.dvcFile == "dvc.yaml" ? stage.name : context.dvcFile + ":" + stage.name
    var entries = [
      EnvironmentEntry(name: "DVC_ROOT", value: Field(template: context.rootTemplate, location: stage.location)),
      EnvironmentEntry(name: "DVC_STAGE", value: Field(template: .literal(address), location: stage.location)),
    ]
    if let overlay = context.overlay { entries += overlay.environment(for: stage) }
    return entries
  }
}

/// What the stages of a run mapped on one core look up once: the names of the parameters they
/// depend on, those each of their references reads, and what the last stage shares with the
/// next (a group's stages share their dependencies and their upstream stages).
struct SharedNames {
  var dependencies = DependencyNames()
  var references = ValueReferences()
  /// The last stage's dependencies and its step's inputs made from them.
  var lastInputs: (deps: [DVCPathField], inputs: [Field])?
  /// The last stage's upstream stages and their names.
  var lastNeeds: (upstream: [Int], names: [String])?
}

/// The parameters stages depend on, found again only when what decides them changes from one
/// stage to the next: the stages one `foreach` or `matrix` makes mostly share their `params`
/// and the values they read. (A dictionary of every set seen cost more than it saved: hashing
/// the values each stage reads, which differ from item to item in a `foreach` over a params
/// section.)
struct DependencyNames {
  private struct Key: Equatable {
    var params: [DVCParamsDependency]
    var wdir: String
    var used: [DVCValueSource]
  }
  private var last: (key: Key, names: [String])?
  /// The last stage's `params` and the leaves they name: a `foreach` over a params section
  /// gives stages that read different values but name the same `params`.
  private var lastParams: (params: [DVCParamsDependency], wdir: String, leaves: [DVCLeafPosition])?

  /// The names of the parameters `stage` depends on (`DVCProject.parameterDependencyNames`).
  mutating func names(of stage: DVCStage, in project: DVCProject) -> [String] {
    let key = Key(params: stage.params, wdir: stage.wdir, used: stage.usedValues)
    if let last, last.key == key { return last.names }
    let paramsLeaves: [DVCLeafPosition]
    if let lastParams, lastParams.params == stage.params, lastParams.wdir == stage.wdir {
      paramsLeaves = lastParams.leaves
    } else {
      paramsLeaves = project.paramsLeaves(of: stage)
      lastParams = (stage.params, stage.wdir, paramsLeaves)
    }
    let names = project.parameterDependencyNames(of: stage, paramsLeaves: paramsLeaves)
    last = (key, names)
    return names
  }
}

/// A `cmd` string as DVC runs it: its lines (Python's `splitlines` of the rendered text), each in
/// a shell of its own, with the text around them, so that the string `dvc.lock` records can be
/// put together again from the lines as run: `prefix`, then each line followed by its separator.
struct DVCCommandLines: Sendable, Hashable {
  /// The non-empty lines.
  var lines: [DVCTemplate]
  /// The line breaks before the first line (of empty lines).
  var prefix = ""
  /// After each line, the line breaks up to the next one (those of empty lines included).
  var separators: [String]

  /// The command as `dvc.lock` records it, from its lines as rendered.
  func joined(_ rendered: [String]) -> String {
    var text = prefix
    for (index, line) in rendered.enumerated() { text += line + (index < separators.count ? separators[index] : "") }
    return text
  }

  /// True when the one line is the whole command (no line breaks around it).
  var isWholeCommand: Bool { lines.count == 1 && prefix.isEmpty && separators == [""] }

  static func split(_ template: DVCTemplate) -> DVCCommandLines {
    if isOneLine(template) { return DVCCommandLines(lines: [template], separators: [""]) }
    var out = DVCCommandLines(lines: [], separators: [])
    var current: [DVCTemplate.Part] = []
    var buffer = ""
    func flush() {
      if !buffer.isEmpty { current.append(.literal(buffer)) }
      buffer = ""
    }
    func lineBreak(_ newline: String) {
      flush()
      if !current.isEmpty {
        out.lines.append(DVCTemplate(parts: current))
        out.separators.append(newline)
        current = []
      } else if out.lines.isEmpty {
        out.prefix += newline
      } else {
        out.separators[out.separators.count - 1] += newline
      }
    }
    for part in template.parts {
      guard case .literal(let text) = part else {
        flush()
        current.append(part)
        continue
      }
      guard PythonLineBreaks.contains(text) else {
        buffer += text
        continue
      }
      var pendingCR = false
      for scalar in text.unicodeScalars {
        if pendingCR {
          pendingCR = false
          if scalar == "\n" {
            if out.lines.isEmpty, current.isEmpty {
              out.prefix += "\n"
            } else {
              out.separators[out.separators.count - 1] += "\n"
            }
            continue
          }
        }
        switch scalar {
        case "\r":
          lineBreak("\r")
          pendingCR = true
        case _ where PythonLineBreaks.isBreak(scalar):
          lineBreak(String(scalar))
        default:
          buffer.unicodeScalars.append(scalar)
        }
      }
    }
    flush()
    if !current.isEmpty {
      out.lines.append(DVCTemplate(parts: current, isExact: template.isExact && out.lines.isEmpty))
      out.separators.append("")
    }
    return out
  }

  /// True for a command of one line whose parts are already as `split` would join them (no
  /// empty literal, no two literals in a row): nearly every command, split without copying
  /// its parts for each of thousands of stages.
  private static func isOneLine(_ template: DVCTemplate) -> Bool {
    guard !template.parts.isEmpty else { return false }
    var lastWasLiteral = false
    for part in template.parts {
      guard case .literal(let text) = part else {
        lastWasLiteral = false
        continue
      }
      if lastWasLiteral || text.isEmpty || PythonLineBreaks.contains(text) { return false }
      lastWasLiteral = true
    }
    return true
  }
}
