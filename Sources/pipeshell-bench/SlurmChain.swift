import PipelineCore
import Synchronization

/// `slurm-chain N DIR`: N `true` steps run one after another by the Slurm executor, in process
/// (until `run --executor slurm` exists), with DIR as the pipeline folder. Reports the total,
/// the time per step, and how many `squeue` calls the polling made per step.
struct SlurmChain {
  var count: Int
  var folder: String

  func run() throws {
    let launcher = CountingLauncher()
    let executor = SlurmExecutor(folder: folder + "/.pipeshell/slurm", tools: SlurmTools(launcher: launcher))
    let (_, milliseconds) = try Measure.time {
      for index in 0..<count {
        let request = StepRequest(
          runID: 1, step: "s\(index)", attempt: 1, command: StepCommand("true"),
          environment: [.plain("PATH", "/usr/bin:/bin"), .plain("PIPESHELL_STEP", "s\(index)")],
          workingDirectory: folder)
        let outcome = executor.run(request, started: { _ in }, output: { _, _ in })
        guard outcome == .exited(0) else { throw BenchFailure("step s\(index) ended \(outcome)") }
      }
    }
    Measure.report("slurm-chain.total", milliseconds, "ms")
    Measure.report("slurm-chain.per-step", milliseconds / Double(count), "ms")
    Measure.report("slurm-chain.squeue-per-step", Double(launcher.count("squeue")) / Double(count), "calls")
  }
}

/// The real launcher, counting the Slurm commands it starts.
private final class CountingLauncher: ProcessLauncher {
  private let real = PosixProcessLauncher()
  private let counts = Mutex<[String: Int]>([:])

  func count(_ tool: String) -> Int { counts.withLock { $0[tool] ?? 0 } }

  func run(
    _ request: ProcessRequest, started: (_ processID: Int32) -> Void, output: @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome {
    // `exec '/usr/bin/squeue' ...`: the tool is the last part of the second word.
    let word = request.command.split(separator: " ").dropFirst().first ?? ""
    let tool = String(word.split(separator: "/").last?.filter { $0 != "'" } ?? "")
    counts.withLock { $0[tool, default: 0] += 1 }
    return real.run(request, started: started, output: output)
  }

  func interruptAll() { real.interruptAll() }
}
