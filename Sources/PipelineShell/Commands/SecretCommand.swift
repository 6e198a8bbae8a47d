import PipelineCore

/// `secret NAME [--from-env V | --from-file P | --from-cmd C]`: binds a secret without it
/// ever passing through the command line or the history.
struct SecretCommand: ShellCommand {
  let name = "secret"
  let group = CommandGroup.parameters
  let usage = "secret NAME [--from-env VAR | --from-file PATH | --from-cmd \"COMMAND\"]"
  let abstract = "bind a secret: asks without echo, or reads it from a source at run time"
  let example = "secret api_key --from-env API_KEY"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    switch argumentIndex {
    case 0: return .parameters
    case 1: return .words(["--from-env", "--from-file", "--from-cmd"])
    default: return previous.last == "--from-file" ? .paths : .none
    }
  }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard let typed = arguments.first else { throw .usage("usage: \(usage)") }
    try SecretCommandLine.check(arguments, usage: usage)
    let spec = try BindingParser(context: context).requireParameter(typed)
    let name = spec.name
    guard spec.isSecret else {
      throw .usage("'\(name)' is not a secret parameter (it is \(spec.type.name))", notes: ["use 'set \(name) VALUE'"])
    }
    let raw: RawValue
    if arguments.count == 3 {
      raw = .secretSource(try source(arguments[1], arguments[2], context: context))
    } else {
      raw = .secret(try prompt(name, context: context))
    }
    context.session.bind(
      Binding(
        name: name, raw: raw, layer: .session,
        source: .command(context.session.commandText, context.session.origin)))
  }

  @MainActor
  private func source(_ flag: String, _ value: String, context: CommandContext) throws(CommandError) -> SecretSource {
    switch flag {
    case "--from-env": return .environment(value)
    case "--from-file": return .file(context.path(value))
    case "--from-cmd": return .command(value)
    default:
      throw SecretCommandLine.unknownOption(flag, usage: usage)
    }
  }

  @MainActor
  private func prompt(_ name: String, context: CommandContext) throws(CommandError) -> Secret {
    guard let reader = context.services.secretReader else {
      throw .usage(
        "cannot ask for secret '\(name)': input is not a terminal",
        notes: [
          "bind it from a source instead: 'secret \(name) --from-env VAR' (or --from-file PATH, --from-cmd \"COMMAND\")"
        ])
    }
    guard let text = reader.readSecret(prompt: "\(name) (input hidden): ") else {
      throw .failed("cancelled; '\(name)' is unchanged")
    }
    let secret = Secret(text)
    if text.count < Secret.minimumLength {
      throw .rejected("invalid value for '\(name)': \(ValueProblem.secretTooShort)")
    }
    return secret
  }
}
