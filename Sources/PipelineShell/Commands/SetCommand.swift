import PipelineCore

/// `set NAME VALUE` / `set N1=V1 N2=V2`: session bindings.
struct SetCommand: ShellCommand {
  let name = "set"
  let group = CommandGroup.parameters
  let usage = "set NAME VALUE | set N1=V1 N2=V2 ..."
  let abstract = "bind parameters in this session (wins over defaults, files, profile and env)"
  let example = "set epochs 20"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    if argumentIndex == 0 { return .parameters }
    if argumentIndex == 1, let first = previous.first, !first.contains("=") { return .parameterValues }
    return .overrides
  }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard let first = arguments.first else { throw .usage("usage: \(usage)") }
    let parser = BindingParser(context: context)
    let bindings: [Binding]
    if first.contains("="), !first.hasPrefix("=") {
      let (parsed, rest) = try parser.overrides(invocation.words, layer: .session)
      guard rest.isEmpty else { throw .usage("expected NAME=VALUE, found '\(rest[0])'", notes: ["usage: \(usage)"]) }
      bindings = parsed
    } else {
      guard arguments.count >= 2 else {
        _ = try? parser.binding(name: first, text: "", layer: .session)
        throw .usage("usage: \(usage)", notes: ["'set \(first)' needs a value; 'unset \(first)' removes one"])
      }
      bindings = [try parser.binding(name: first, text: arguments.dropFirst().joined(separator: " "), layer: .session)]
    }
    try checkResolves(bindings, context: context)
    bindings.forEach(context.session.bind)
  }

  /// Values with templates are checked after interpolation; the old bindings stay on failure.
  @MainActor
  private func checkResolves(_ bindings: [Binding], context: CommandContext) throws(CommandError) {
    guard bindings.contains(where: { if case .text(let t) = $0.raw { t.contains("${") } else { false } }) else {
      return
    }
    let snapshot = try context.snapshot(runOverrides: bindings)
    let problems = bindings.compactMap { snapshot.parameters[$0.name]?.problem }
    if !problems.isEmpty { throw .invalid(problems) }
  }
}

/// `unset NAME`: removes a session binding.
struct UnsetCommand: ShellCommand {
  let name = "unset"
  let group = CommandGroup.parameters
  let usage = "unset NAME ..."
  let abstract = "remove session bindings (the next layer down wins again)"
  let example = "unset epochs"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { .parameters }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard !arguments.isEmpty else { throw .usage("usage: \(usage)") }
    let parser = BindingParser(context: context)
    var names: [String] = []
    for typed in arguments { names.append(try parser.requireParameter(typed).name) }
    for name in names where !context.session.unbind(name) {
      context.output.writeError("note: '\(name)' had no session value\n")
    }
  }
}
