import PipelineCore

/// `explain NAME [--json]`: every layer for one parameter, its source, the winner, and the
/// inputs the final value was interpolated from.
struct ExplainCommand: ShellCommand {
  let name = "explain"
  let group = CommandGroup.parameters
  let usage = "explain NAME [--json]"
  let abstract = "show a parameter's precedence chain: each layer, where it was written, the winner"
  let example = "explain epochs"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .parameters : .none }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let flags = try ParsedFlags(invocation.words, flags: [.json], usage: usage)
    let arguments = flags.rest.map(\.text)
    guard arguments.count == 1 else { throw .usage("usage: \(usage)") }
    let pipeline = try context.session.requirePipeline()
    let name = try BindingParser(context: context).requireParameter(arguments[0]).name
    let snapshot = try context.snapshot()
    guard let resolved = snapshot.parameters[name] else { return }
    let renderer = ExplainRenderer(
      style: context.style, pipeline: pipeline, snapshot: snapshot, session: context.session)
    if flags.has(.json) {
      context.printJSON(renderer.json(resolved))
    } else {
      context.output.lines(renderer.render(resolved))
    }
  }
}

/// Lays out `explain` text; pure, so tests can check it directly.
@MainActor
struct ExplainRenderer {
  var style = Style.plain
  let pipeline: Pipeline
  let snapshot: Snapshot
  let session: ShellSession

  func render(_ resolved: ResolvedParameter) -> [String] {
    let spec = resolved.spec
    let valueText = resolved.value?.display ?? (resolved.problem == nil ? "<unset>" : "<invalid>")
    let winner =
      resolved.winner.map { "winner: " + LayerStyle.apply($0.layer.description, style) } ?? "no layer binds it"
    var lines = ["\(spec.name) = \(valueText)   \(spec.constraintSummary)   \(winner)"]
    var rows: [[String]] = []
    for layer in Layer.highestFirst {
      let bindings = resolved.bindings.filter { $0.layer == layer }
      if bindings.isEmpty {
        rows.append(["  " + layer.description, "-", emptyNote(layer, spec: spec), ""])
        continue
      }
      for binding in bindings {
        let wins = binding == resolved.winner ? style.bold("<- wins") : ""
        rows.append([
          "  " + layer.description,
          ParameterDisplay.truncated(TerminalText.showingControls(written(binding, spec)), limit: 40),
          binding.source.description, wins,
        ])
      }
    }
    lines += TextTable.plain(rows)
    // The rows below the table start their text where the table's second column does.
    let labelWidth = rows.map { TerminalText.width($0[0]) }.max() ?? 0
    func label(_ text: String) -> String { TerminalText.padded("  " + text, to: labelWidth) + "  " }
    if let from = inputsLine(resolved) { lines.append(label("from") + from) }
    if let dynamic = dynamicLine(resolved) { lines.append(label("read") + dynamic) }
    if let description = spec.description { lines.append(label("about") + description) }
    if let problem = resolved.problem { lines.append(label("error") + problem.message) }
    return lines
  }

  /// A binding's value as written; any binding of a secret parameter shows as `****`.
  private func written(_ binding: Binding, _ spec: ParameterSpec) -> String {
    guard spec.isSecret else { return binding.writtenText }
    return binding.isSecretSource ? binding.writtenText : Secret.mask
  }

  /// `explain --json`: the value, its type, the winning layer, every binding and the inputs.
  func json(_ resolved: ResolvedParameter) -> JSONValue {
    let spec = resolved.spec
    return .object([
      ("name", .string(spec.name)), ("value", resolved.value?.plainJSON ?? .null), ("type", .string(spec.type.name)),
      ("constraints", .string(spec.constraintSummary)), ("winner", .optional(resolved.winner?.layer.description)),
      ("secret", .bool(resolved.isSecret)),
      (
        "layers",
        .array(
          resolved.bindings.map { binding in
            .object([
              ("layer", .string(binding.layer.description)), ("value", .string(written(binding, spec))),
              ("source", .string(binding.source.description)), ("wins", .bool(binding == resolved.winner)),
            ])
          })
      ),
      (
        "from",
        .array(
          resolved.inputs.map { name in
            let input = snapshot.parameters[name]
            return .object([
              ("name", .string(name)), ("value", input?.value?.plainJSON ?? .null),
              ("layer", .optional(input?.winner?.layer.description)),
            ])
          })
      ),
      ("description", .optional(spec.description)), ("problem", .optional(resolved.problem?.message)),
    ])
  }

  private func emptyNote(_ layer: Layer, spec: ParameterSpec) -> String {
    switch layer {
    case .environment:
      return ResolutionInput.environmentPrefix + ParameterName.environmentSuffix(spec.name) + " not set"
    case .profile:
      let binders = pipeline.profiles.filter { $0.bindings.contains { $0.name == spec.name } }.map(\.name)
      if let active = session.profile { return "profile \(active) does not bind it" }
      return binders.isEmpty
        ? "no profile active" : "no profile active (\(binders.joined(separator: ", ")) would bind it)"
    case .session: return spec.isSecret ? "bind with 'secret \(spec.name)'" : ""
    case .default: return spec.required ? "required, no default" : ""
    default: return ""
    }
  }

  private func inputsLine(_ resolved: ResolvedParameter) -> String? {
    guard !resolved.inputs.isEmpty else { return nil }
    return resolved.inputs.map { name in
      let input = snapshot.parameters[name]
      let value = input?.value?.display ?? "<unset>"
      return "\(name) = \(value) (\(input?.winner?.layer.description ?? "-"))"
    }.joined(separator: ", ")
  }

  private func dynamicLine(_ resolved: ResolvedParameter) -> String? {
    guard let winner = resolved.winner, !resolved.isSecret else { return nil }
    let text: String
    switch winner.raw {
    case .text(let t): text = t
    case .yaml(let node): text = node.scalar ?? ""
    default: return nil
    }
    guard case .success(let template) = TemplateParser.parse(text), template.isDynamic else { return nil }
    var parts: [String] = []
    for part in template.parts {
      switch part {
      case .command(let c):
        let got = snapshot.dynamicValues.first { $0.source == "cmd:" + c }?.value ?? "?"
        parts.append("${cmd:\(c)} -> \(Value.quoted(got))")
      case .file(let p):
        let got = snapshot.dynamicValues.first { $0.source == "file:" + p }?.value ?? "?"
        parts.append("${file:\(p)} -> \(Value.quoted(got))")
      case .environment(let v, let fallback):
        let got = session.environment[v]
        parts.append(
          "${env:\(v)} -> "
            + (got.map { Value.quoted($0) } ?? "not set, fallback \(Value.quoted(fallback?.text ?? ""))"))
      default: break
      }
    }
    return parts.joined(separator: ", ")
  }
}
