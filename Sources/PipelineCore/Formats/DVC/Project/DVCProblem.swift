/// What can be wrong with a DVC project, as data; `diagnostic(at:)` makes the text in one place.
/// The wording follows DVC's own messages where DVC has one, so a DVC user recognizes them.
package enum DVCProblem: Error, Sendable, Hashable {
  // MARK: Schema
  case schema(String)
  case missingKey(String, in: String)
  case unknownKey(String, in: String, allowed: [String])
  case wrongType(String, expected: String, found: DVCNode)
  case stageNameWithAt(String)
  /// A stage made by `foreach` or `matrix` (`field`) whose name holds a second `@`.
  case generatedNameWithAt(name: String, field: String)
  // MARK: Templating
  /// A `${...}` DVC cannot parse; `field` is DVC's `stages.NAME.KEY`.
  case expressionSyntax(expression: String, message: String, field: String)
  /// A `${...}` that reads nothing; `suggestion` is a close name that exists.
  case notFound(expression: String, field: String, suggestion: String?)
  case cannotInterpolate(message: String, field: String)
  case interpolationNotAllowed(field: String)
  case notIterable(field: String, found: String)
  /// A `matrix` whose axes multiply to more stages than pipeshell expands.
  case matrixTooLarge(field: String, sizes: [Int], limit: Int)
  /// A `matrix` with no axes (`matrix: {}`): DVC fails with an `AssertionError` on the stage.
  case matrixWithoutAxes(field: String)
  case reservedKey(message: String, field: String)
  /// A value of a type DVC's context refuses (a date, a tuple): DVC stops with a `TypeError`.
  case unsupportedContextValue(typeName: String, at: String)
  // MARK: Vars
  case vars(message: String, field: String)
  // MARK: Stages
  case commandIsNotText(stage: String, found: String)
  case pathIsNotText(field: String, found: String)
  case paramsFileKeys(file: String, found: String)
  /// Flags of an output that are not a mapping (DVC: `Expected dict for 'x', got: 'list'`).
  case outputFlags(path: String, found: String)
  /// An output named as DVC names its own files (`*.dvc`, `dvc.yaml`).
  case outputIsDVCFile(path: String)
  /// A dependency named so (`data.csv.dvc` for the data it tracks).
  case dependencyIsDVCFile(path: String)
  /// An output the `.dvcignore` files leave out; `rule` is where the deciding line was written.
  case outputIsIgnored(path: String, stage: String, rule: String)
  // MARK: Graph
  case cycle([String])
  case duplicateOutput(path: String, stages: [String])
  case overlappingOutputs(path: String, stage: String, parent: String, parentStage: String)
  case dependencyIsOutput(path: String, stage: String)
  case specifiedTwice(path: String, stage: String)

  /// The problem as a diagnostic at `location`.
  package func diagnostic(at location: SourceLocation?) -> Diagnostic {
    switch self {
    case .schema(let message):
      return Diagnostic(message, at: location)
    case .missingKey(let key, let what):
      return Diagnostic("\(what) has no '\(key)'", at: location)
    case .unknownKey(let key, let what, let allowed):
      let base = Diagnostic("unknown key '\(key)' in \(what)", at: location)
      if key == "live" {
        return Diagnostic(
          base.message, at: location,
          notes: [
            "'live' is DVC 2's DVCLive key, which DVC 3 refuses; list DVCLive's files under 'metrics' and 'plots' "
              + "(see https://dvc.org/doc/user-guide/upgrade)"
          ])
      }
      if key == "checkpoints" || key == "checkpoint" {
        return Diagnostic(
          base.message, at: location, notes: ["DVC 3 has no checkpoint stages; 'checkpoint: true' belongs to an output"]
        )
      }
      return base.suggesting(key, from: allowed)
    case .wrongType(let what, let expected, let found):
      return Diagnostic("expected \(expected) for \(what), found \(Self.describe(found))", at: location)
    case .stageNameWithAt(let name):
      return Diagnostic(
        "stage name '\(name)' holds '@', which DVC keeps for the stages made by 'foreach' and 'matrix'", at: location,
        notes: ["DVC cannot find such a stage ('Stage '\(name)' not found')"])
    case .generatedNameWithAt(let name, let field):
      return Diagnostic(
        "the '\(field)' here makes a stage named '\(name)', which holds a second '@'", at: location,
        notes: [
          "DVC splits a stage name at its last '@' and cannot find this stage ('Stage '\(name)' not found')",
          "use values without '@' in '\(field)' (a list of mappings names its stages by position: '@0', '@1')",
        ])
    case .expressionSyntax(let expression, let message, let field):
      return Diagnostic("cannot parse '${\(expression)}': \(message)", at: location, notes: [Self.parsing(field)])
    case .notFound(let expression, let field, let suggestion):
      var notes = [Self.parsing(field)]
      if let suggestion { notes.append("did you mean '\(suggestion)'?") }
      return Diagnostic("Could not find '\(expression)'", at: location, notes: notes)
    case .cannotInterpolate(let message, let field):
      return Diagnostic(message, at: location, notes: [Self.parsing(field)])
    case .interpolationNotAllowed(let field):
      return Diagnostic(
        "interpolating is not allowed in '\(field)'", at: location, notes: ["DVC reads 'vars' before any ${...}"])
    case .notIterable(let field, let found):
      return Diagnostic("expected a list or a mapping for '\(field)', got \(found)", at: location)
    case .matrixTooLarge(let field, let sizes, let limit):
      return Diagnostic(
        "'\(field)' makes \(sizes.map(String.init).joined(separator: " x ")) stages, more than the \(limit) "
          + "pipeshell expands", at: location, notes: ["split the matrix into several stages, or use fewer values"])
    case .matrixWithoutAxes(let field):
      return Diagnostic(
        "'\(field)' has no axes: DVC fails on such a stage (an AssertionError when it resolves it)", at: location,
        notes: ["give the matrix at least one axis, or write the stage without 'matrix'"])
    case .reservedKey(let message, let field):
      return Diagnostic(message, at: location, notes: [Self.parsing(field)])
    case .unsupportedContextValue(let typeName, let at):
      let note =
        typeName == "tuple"
        ? "DVC's templating context holds lists, not tuples; write the value as a list ([1, 2])"
        : "DVC cannot put dates in its templating context; quote the value to make it text"
      return Diagnostic("Unsupported value of type '\(typeName)' in '\(at)'", at: location, notes: [note])
    case .vars(let message, let field):
      return Diagnostic(message, at: location, notes: [Self.parsing(field)])
    case .commandIsNotText(let stage, let found):
      return Diagnostic(
        "the command of stage '\(stage)' is \(found), not text", at: location,
        notes: ["a whole dict can only be unpacked inside a longer command: 'cmd: python train.py ${...}'"])
    case .pathIsNotText(let field, let found):
      return Diagnostic("expected a path in '\(field)', found \(found)", at: location)
    case .outputFlags(let path, let found):
      return Diagnostic("Expected dict for '\(path)', got: '\(found)'", at: location)
    case .outputIsDVCFile(let path):
      return Diagnostic(
        "DVC file '\(path)' cannot be an output.", at: location,
        notes: ["DVC keeps the names '*.dvc' and 'dvc.yaml' for its own files: give the output another name"])
    case .dependencyIsDVCFile(let path):
      let data = path.hasSuffix(".dvc") ? String(path.dropLast(4)) : ""
      return Diagnostic(
        "DVC file '\(path)' cannot be a dependency.", at: location,
        notes: [
          data.isEmpty || data.hasSuffix("/")
            ? "DVC refuses its own files as dependencies: remove it from 'deps'"
            : "depend on the data it tracks: '\(data)'"
        ])
    case .outputIsIgnored(let path, let stage, let rule):
      return Diagnostic(
        "output '\(path)' of stage '\(stage)' is ignored by \(rule)", at: location,
        notes: [
          "DVC refuses an output its .dvcignore files leave out ('Path ... is ignored by ...'): "
            + "remove that line, or track the output elsewhere"
        ])
    case .paramsFileKeys(let file, let found):
      return Diagnostic("Expected list of params for custom params file '\(file)', got '\(found)'.", at: location)
    case .cycle(let stages):
      return Diagnostic(
        "Same item(s) are defined as both a dependency and an output in stage\(stages.count == 1 ? "" : "s"): "
          + stages.joined(separator: ", ") + ".", at: location,
        notes: ["the stages read each other's outputs in a cycle: " + (stages + [stages[0]]).joined(separator: " -> ")])
    case .duplicateOutput(let path, let stages):
      let list = stages.map { "'\($0)'" }.joined(separator: ", ")
      return Diagnostic(
        "output '\(path)' is specified in stages: \(list)", at: location,
        notes: ["use unique outputs, or a 'foreach' that gives each stage its own"])
    case .overlappingOutputs(let path, let stage, let parent, let parentStage):
      return Diagnostic(
        "the output '\(path)' of stage '\(stage)' is inside the output '\(parent)' of stage '\(parentStage)'",
        at: location)
    case .dependencyIsOutput(let path, let stage):
      return Diagnostic(
        "file/directory '\(path)' is specified as an output and as a dependency of stage '\(stage)'", at: location)
    case .specifiedTwice(let path, let stage):
      return Diagnostic("file '\(path)' is specified more than once in stage '\(stage)'", at: location)
    }
  }

  /// DVC's preamble for a templating error: `failed to parse 'stages.train.cmd' in 'dvc.yaml'`.
  static func parsing(_ field: String) -> String {
    "in DVC's words: failed to parse '\(field)'"
  }

  static func describe(_ node: DVCNode) -> String {
    switch node.kind {
    case .null: return "nothing"
    case .bool(let b): return "\(b)"
    case .int(let i): return "the number \(i)"
    case .float(let f): return "the number \(PythonText.float(f))"
    case .string(let s): return "'\(s)'"
    case .timestamp(let t): return "the date \(t)"
    case .bigInt(let digits): return "the number \(digits)"
    case .list: return "a list"
    case .dict: return "a mapping"
    }
  }
}
