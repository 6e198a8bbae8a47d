/// Runs steps on this machine: `/bin/sh -c` (or the request's shell) through posix_spawn, each leading a session of its
/// own with no controlling terminal, so a timeout or Ctrl-C stops its whole process group and
/// nothing it writes to `/dev/tty` escapes masking.
package struct LocalStepExecutor: StepExecutor {
  package let name = "local"
  package let launcher: any ProcessLauncher

  package init(launcher: any ProcessLauncher) { self.launcher = launcher }

  package func run(
    _ request: StepRequest, started: @Sendable (StepPlacement) -> Void,
    output: @escaping @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome {
    // The only place a local step's secrets are revealed: into the child's environment.
    var process = ProcessRequest(
      command: request.command.revealed(), environment: request.revealedEnvironment(),
      workingDirectory: request.workingDirectory, timeout: request.timeout, killGrace: request.killGrace)
    process.shell = request.shell
    return launcher.run(
      process, started: { pid in started(StepPlacement(executor: name, processID: pid)) }, output: output)
  }

  package func interruptAll() { launcher.interruptAll() }
}
