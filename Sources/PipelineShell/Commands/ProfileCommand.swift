import PipelineCore

/// `profile [NAME | none]`: shows or chooses the active profile.
struct ProfileCommand: ShellCommand {
  let name = "profile"
  let group = CommandGroup.parameters
  let usage = "profile [NAME | none]"
  let abstract = "show the profiles, or choose the active one"
  let example = "profile prod"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .profiles : .none }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    let pipeline = try context.session.requirePipeline()
    guard let choice = arguments.first else {
      show(pipeline, context: context)
      return
    }
    guard arguments.count == 1 else { throw .usage("usage: \(usage)") }
    if choice == "none" {
      context.session.profile = nil
      return
    }
    guard pipeline.profile(choice) != nil else {
      var notes: [String] = []
      if let match = Suggestion.closest(to: choice, in: pipeline.profiles.map(\.name)) {
        notes.append("did you mean '\(match)'?")
      }
      notes.append(
        pipeline.profiles.isEmpty
          ? "this pipeline has no profiles"
          : "profiles: " + pipeline.profiles.map(\.name).joined(separator: ", "))
      throw .rejected("unknown profile '\(choice)'", notes: notes)
    }
    context.session.profile = choice
  }

  @MainActor
  private func show(_ pipeline: Pipeline, context: CommandContext) {
    if pipeline.profiles.isEmpty {
      context.output.line("this pipeline has no profiles")
      return
    }
    let rows = pipeline.profiles.map { profile -> [String] in
      let marker = profile.name == context.session.profile ? "*" : " "
      let values = profile.bindings.map { "\($0.name)=\(YAMLText.render($0.node))" }.joined(separator: " ")
      return [marker, profile.name, values]
    }
    context.output.lines(TextTable.plain(rows, gap: " "))
    if context.session.profile == nil { context.output.line("(no profile active)") }
  }
}
