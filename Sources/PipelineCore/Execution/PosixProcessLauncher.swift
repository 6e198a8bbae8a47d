/// Runs steps as real `/bin/sh -c` children through posix_spawn (see `CProcess`).
///
/// Each child leads its own process group, so a timeout or an interrupt stops the whole group
/// (grandchildren included) and, when it takes the terminal, Ctrl-C reaches only the child.
/// `run` may be called from several threads at once; `interruptAll` from any thread.
package final class PosixProcessLauncher: ProcessLauncher {
  private let registry = ChildRegistry()
  private let environmentBlock = EnvironmentBlock()

  /// Creates a launcher with no running children.
  package init() {}

  /// Runs `request` to completion, streaming output in chunks of at most 128 KiB.
  package func run(
    _ request: ProcessRequest, started: (_ processID: Int32) -> Void, output: @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome {
    let child: SpawnedChild
    do { child = try SpawnedChild.spawn(request, environment: environmentBlock) } catch {
      return .failedToStart(error.description)
    }
    var supervisor = ChildSupervisor(child: child, request: request, registry: registry)
    started(child.pid)
    return supervisor.supervise(output: output)
  }

  /// Sends SIGINT to the process group of every child this launcher is running; each run then
  /// ends as `.interrupted` (escalating to SIGTERM and SIGKILL if the child ignores it).
  package func interruptAll() { registry.interruptAll() }
}
