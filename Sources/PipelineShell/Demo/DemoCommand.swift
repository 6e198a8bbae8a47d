import Glibc
import PipelineCore

/// `demo [FOLDER]`: writes the built-in example project into a folder (once) and loads it.
struct DemoCommand: ShellCommand {
  let name = "demo"
  let group = CommandGroup.pipeline
  let usage = "demo [FOLDER]"
  let abstract = "write the built-in example project into FOLDER (default pipeshell-demo) and load it"
  let example = "demo ~/pipeshell-demo"

  func completion(argumentIndex: Int, previous: [String]) -> CompletionKind { argumentIndex == 0 ? .paths : .none }

  func pipelineUse(_ invocation: CommandInvocation) -> PipelineUse { .replaces }

  func execute(_ invocation: CommandInvocation, in context: CommandContext) throws(CommandError) {
    let arguments = invocation.arguments
    guard arguments.count <= 1 else { throw .usage("usage: \(usage)") }
    let folder = context.path(arguments.first ?? "pipeshell-demo")
    let files = context.services.fileSystem
    let pipeline = folder + "/pipeline.yaml"
    if files.exists(pipeline) {
      context.output.line("using the demo project already in \(PipelineLoading(context: context).displayPath(folder))")
    } else {
      if files.exists(folder), !files.isDirectory(folder) { throw .failed("'\(folder)' exists and is not a folder") }
      for file in DemoFiles.files {
        let path = folder + "/" + file.name
        try files.write(file.text + "\n", to: path)
        if file.executable { chmod(path, 0o755) }
      }
      context.output.line("wrote the demo project to \(PipelineLoading(context: context).displayPath(folder))")
    }
    try PipelineLoading(context: context).loadPipeline(at: pipeline)
    context.output.line(
      "try: params, explain run_name, plan, run, rerun lr=0.02, sweep lr=0.005,0.01,0.02,0.05, plot loss by lr")
  }
}
