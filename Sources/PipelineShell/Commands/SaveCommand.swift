import PipelineCore

/// `save FILE`: writes this session as a script that `source` replays to the same resolved
/// state. A secret's value is never written: its source is, or a note to bind it again.
struct SaveCommand: ShellCommand {
  let name = "save"
  let group = CommandGroup.session
  let usage = "save FILE"
  let abstract = "write this session (pipeline, files, profile, values) as a replayable script"
  let example = "save session.psh"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .paths : .none }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard arguments.count == 1 else { throw .usage("usage: \(usage)") }
    let path = context.path(arguments[0])
    let script = SessionScript.text(for: context.session, relativeTo: Paths.folder(of: path))
    try context.services.fileSystem.write(script, to: path)
    context.output.line("saved \(PipelineLoading(context: context).displayPath(path))")
  }
}

/// Writes a session as script text.
@MainActor
enum SessionScript {
  static func text(for session: ShellSession, relativeTo folder: String) -> String {
    var lines = ["# pipeshell session script: replay with 'source FILE' or 'pipeshell -f FILE'"]
    if let path = session.pipelinePath { lines.append("load " + Lexer.quote(Paths.relative(path, to: folder))) }
    for file in session.paramsFiles where !file.automatic {
      lines.append("load --params " + Lexer.quote(Paths.relative(file.path, to: folder)))
    }
    if let profile = session.profile { lines.append("profile " + Lexer.quote(profile)) }
    for binding in session.sessionBindings {
      switch binding.raw {
      case .text(let text): lines.append("set \(binding.name) " + Lexer.quote(text))
      case .yaml(let node): lines.append("set \(binding.name) " + Lexer.quote(YAMLText.render(node)))
      case .value(let value): lines.append("set \(binding.name) " + Lexer.quote(value.literal))
      case .secretSource(let source):
        let shown: String
        switch source {
        case .file(let p): shown = "--from-file " + Lexer.quote(Paths.relative(p, to: folder))
        case .environment(let v): shown = "--from-env " + Lexer.quote(v)
        case .command(let c): shown = "--from-cmd " + Lexer.quote(c)
        }
        lines.append("secret \(binding.name) \(shown)")
      case .secret:
        lines.append("# secret \(binding.name) was typed at the prompt; its value is never saved. Bind it again with:")
        lines.append("# secret \(binding.name)")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
