import Glibc
import PipelineCore

/// `params [GLOB] [--json]`: every parameter with its value, type and winning layer;
/// `params --write [NAME ...]`: the current values into the params files for good.
struct ParamsCommand: ShellCommand {
  let name = "params"
  let group = CommandGroup.parameters
  let usage = "params [GLOB] [--json] | params --write [NAME ...]"
  let abstract = "list parameters: name, value, type, winning layer; --write puts current values into the params files"
  let example = "params train.*"
  static let write = Flag("--write")
  var flagNames: [String] { [Flag.json, Self.write].map(\.name) }

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    previous.contains(Self.write.name) || argumentIndex == 0 ? .parameters : .none
  }

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse {
    invocation.words.contains { !$0.quoted && $0.text == Self.write.name } ? .replaces : .none
  }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [.json, Self.write], usage: usage)
    if flags.has(Self.write) {
      guard !flags.has(.json) else { throw .usage("--write and --json do not go together", notes: ["usage: \(usage)"]) }
      return try ParamsWriting(context: context).write(names: flags.rest.map(\.text))
    }
    let arguments = flags.rest.map(\.text)
    guard arguments.count <= 1 else { throw .usage("usage: \(usage)") }
    let pipeline = try context.session.requirePipeline()
    let snapshot = try context.snapshot()
    // A name is itself (`data[a.b]` would read as a glob's character class); anything else is a glob.
    let exact = arguments.first.flatMap(ParameterName.canonical).flatMap { pipeline.parameter($0)?.name }
    let names =
      exact.map { [$0] }
      ?? pipeline.parameterNames.filter { name in arguments.first.map { fnmatch($0, name, 0) == 0 } ?? true }
    if names.isEmpty, let glob = arguments.first {
      throw .failed("no parameter matches '\(glob)'")
    }
    if flags.has(.json) {
      context.printJSON(.array(names.compactMap { snapshot.parameters[$0].map(Self.json) }))
      return
    }
    let style = context.style
    var table = TextTable(columns: [
      .init("NAME"), .init("VALUE"), .init("TYPE"), .init("LAYER", style: { LayerStyle.apply($0, style) }),
    ])
    for name in names {
      guard let resolved = snapshot.parameters[name] else { continue }
      let value =
        resolved.value?.display
        ?? (resolved.winner == nil ? (resolved.spec.required ? "<required>" : "<unset>") : "<invalid>")
      table.append([
        name, ParameterDisplay.truncated(value), resolved.spec.type.name, resolved.winner?.layer.description ?? "-",
      ])
    }
    context.output.lines(table.render())
    let problems = names.compactMap {
      snapshot.parameters[$0].flatMap { $0.followsFromOtherProblem ? nil : $0.problem }
    }
    if !problems.isEmpty { context.output.writeError(context.render(problems) + "\n") }
    if !snapshot.warnings.isEmpty { context.output.writeError(context.render(snapshot.warnings) + "\n") }
  }

  /// One parameter for `params --json`.
  static func json(_ p: ResolvedParameter) -> JSONValue {
    .object([
      ("name", .string(p.spec.name)), ("value", p.value?.plainJSON ?? .null), ("type", .string(p.spec.type.name)),
      ("layer", .optional(p.winner?.layer.description)), ("source", .optional(p.winner?.source.description)),
      ("secret", .bool(p.isSecret)), ("problem", .optional(p.problem?.message)),
    ])
  }
}

/// `get NAME [--json]`: the resolved value alone, for scripts.
struct GetCommand: ShellCommand {
  let name = "get"
  let group = CommandGroup.parameters
  let usage = "get NAME [--json]"
  let abstract = "print one resolved value alone (secrets as ****)"
  let example = "get run_name"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .parameters : .none }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [.json], usage: usage)
    let arguments = flags.rest.map(\.text)
    guard arguments.count == 1 else { throw .usage("usage: \(usage)") }
    let name = try BindingParser(context: context).requireParameter(arguments[0]).name
    let resolved = try context.snapshot().parameters[name]
    if let problem = resolved?.problem { throw .invalid([problem]) }
    guard let value = resolved?.value else { throw .failed("'\(name)' has no value") }
    if flags.has(.json) {
      context.printJSON(.object([("name", .string(name)), ("value", value.plainJSON)]))
    } else if context.services.interactive {
      // At a terminal the value is shown, not obeyed: an escape sequence in it is not run.
      context.output.line(TerminalText.showingControls(value.text))
    } else {
      context.output.line(value.text)  // piped: the value as it is, for scripts
    }
  }
}

/// Colours of layer names: the higher the layer, the warmer.
enum LayerStyle {
  static func apply(_ layer: String, _ style: Style) -> String {
    switch layer {
    case "run": return style.magenta(layer)
    case "session": return style.green(layer)
    case "env": return style.yellow(layer)
    case "profile", "file": return style.cyan(layer)
    default: return style.dim(layer)
    }
  }
}

/// Shared display rules for parameter values.
enum ParameterDisplay {
  /// Cuts long values for tables.
  static func truncated(_ text: String, limit: Int = 60) -> String { TerminalText.truncated(text, to: limit) }
}
