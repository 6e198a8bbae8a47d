import Glibc
import PipelineCore
import PipelineShell

// The composition root: the only place that reads the process's arguments and environment.
AllocatorTuning.growHeapsInLargeSteps()
let status = ShellMain.run(
  arguments: Array(CommandLine.arguments.dropFirst()),
  environment: ProcessEnvironment.current())
exit(status)
