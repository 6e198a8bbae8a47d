import PipelineCore

/// `load PATH` / `load --params PATH`.
struct LoadCommand: ShellCommand {
  let name = "load"
  let group = CommandGroup.pipeline
  let usage = "load PATH | load --params PATH"
  let abstract = "load a pipeline, or add a params file to the file layer"
  let example = "load pipeline.yaml"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind {
    argumentIndex == 0 ? .paths : (previous.first == "--params" ? .paths : .none)
  }

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse {
    invocation.arguments.first == "--params" ? .none : .replaces
  }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    let loading = PipelineLoading(context: context)
    switch arguments.count {
    case 1 where !arguments[0].hasPrefix("-"):
      try loading.loadPipeline(at: context.path(arguments[0]))
    case 2 where arguments[0] == "--params":
      try loading.addParamsFile(at: context.path(arguments[1]))
    default:
      throw .usage("usage: \(usage)")
    }
  }
}

/// `reload`: reads the pipeline and its params files again, keeping session bindings.
struct ReloadCommand: ShellCommand {
  let name = "reload"
  let group = CommandGroup.pipeline
  let usage = "reload"
  let abstract = "reload the pipeline and params files after edits, keeping session values"
  let example = "reload"

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .replaces }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard arguments.isEmpty else { throw .usage("usage: \(usage)") }
    _ = try context.session.requirePipeline()
    guard let path = context.session.pipelinePath else { throw .failed("the pipeline has no file to reload") }
    let extra = context.session.paramsFiles.filter { !$0.automatic }.map(\.path)
    try PipelineLoading(context: context).loadPipeline(at: path, extraParamsFiles: extra)
  }
}
