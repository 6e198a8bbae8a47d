/// Starts step processes and streams their output; the one seam between the engine and the OS.
package protocol ProcessLauncher: Sendable {
  /// Runs one process to completion: calls `started` with its process id once it runs (not at
  /// all when it cannot be started), then `output` with each chunk as it arrives (on the calling
  /// thread or any thread, serially per process).
  func run(
    _ request: ProcessRequest, started: (_ processID: Int32) -> Void, output: @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome

  /// Interrupts every process this launcher is running (SIGINT to each process group), e.g.
  /// when the shell gets SIGINT while not on a terminal.
  func interruptAll()
}

extension ProcessLauncher {
  /// Runs one process to completion, calling `output` with each chunk as it arrives.
  package func run(_ request: ProcessRequest, output: @Sendable (OutputStream, [UInt8]) -> Void) -> ProcessOutcome {
    run(request, started: { _ in }, output: output)
  }

  /// Runs one process to completion and keeps what it prints (each stream up to 1 MiB): for
  /// the short commands a format asks (`git`, `curl`), whose output is read only when they end.
  package func outputs(of request: ProcessRequest) -> (outcome: ProcessOutcome, stdout: String, stderr: String) {
    let collected = OutputCollector()
    let outcome = run(request) { stream, bytes in collected.append(stream, bytes) }
    let (stdout, stderr) = collected.texts
    return (outcome, stdout, stderr)
  }
}
