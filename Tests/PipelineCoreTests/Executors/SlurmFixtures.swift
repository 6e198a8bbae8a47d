import Glibc
import Synchronization
import Testing

@testable import PipelineCore

/// The one-node Slurm cluster the Slurm tests run on, brought up once per test process by the
/// project's own `Scripts/slurm-up` (a fraction of a second when it already runs).
enum SlurmCluster {
  /// What `slurm-up` said.
  enum Status: Sendable {
    case up
    /// It cannot run here (not root, no apt-get, another cluster's configuration): the reason.
    case skipped(String)
    /// It tried and failed: its output.
    case failed(String)
  }

  static let repository: String = {
    let file = #filePath
    var path = String(file[..<file.lastIndex(of: "/")!])
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path
  }()

  static let status: Status = {
    let (outcome, output) = LauncherFixtures.run(
      "exec '\(repository)/Scripts/slurm-up' 2>&1", environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"], timeout: 300
    )
    let text = output.text(.stdout)
    if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("skipped: ") }) {
      return .skipped(String(line.dropFirst("skipped: ".count)))
    }
    return outcome == .exited(0) ? .up : .failed("slurm-up \(outcome): \(text)")
  }()

  /// Returns when the cluster is up; cancels the test with slurm-up's reason where it cannot
  /// run, and fails it where bringing the cluster up failed.
  static func require() throws {
    switch status {
    case .up: return
    case .skipped(let reason): try Test.cancel("Slurm tests skipped: \(reason)")
    case .failed(let output):
      Issue.record(Comment(rawValue: output))
      try Test.cancel("the Slurm cluster did not come up")
    }
  }

  /// Tools that run the real Slurm commands, and a launcher that remembers every command line
  /// it was asked to run (to check that no secret was ever on one).
  static func tools(_ launcher: RecordingLauncher = RecordingLauncher()) -> SlurmTools {
    SlurmTools(launcher: launcher)
  }

  /// Runs a shell command on this machine and returns its standard output.
  static func shell(_ command: String) -> String {
    LauncherFixtures.run(command, environment: ["PATH": "/usr/bin:/bin"]).output.text(.stdout)
  }

  /// The state squeue reports for a job, or "" when it no longer knows it.
  static func state(of jobID: String) -> String {
    shell("squeue -h -t all -j \(jobID) -O State:0 2>/dev/null").trimmingSpaces
  }
}

/// The real launcher, recording the command line of every process it starts.
final class RecordingLauncher: ProcessLauncher {
  private let real = PosixProcessLauncher()
  private let commands = Mutex<[String]>([])

  var commandLines: [String] { commands.withLock { $0 } }

  func run(
    _ request: ProcessRequest, started: (_ processID: Int32) -> Void, output: @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome {
    commands.withLock { $0.append(request.command) }
    return real.run(request, started: started, output: output)
  }

  func interruptAll() { real.interruptAll() }
}

/// One step attempt's collected output and where it started, from the executor's callbacks.
final class StepRecording: Sendable {
  private let chunks = Mutex<[(OutputStream, [UInt8])]>([])
  private let placements = Mutex<[StepPlacement]>([])

  func started(_ placement: StepPlacement) { placements.withLock { $0.append(placement) } }
  func output(_ stream: OutputStream, _ bytes: [UInt8]) { chunks.withLock { $0.append((stream, bytes)) } }

  /// Every byte of one stream, in order.
  func bytes(_ stream: OutputStream) -> [UInt8] { chunks.withLock { $0.filter { $0.0 == stream }.flatMap(\.1) } }
  func text(_ stream: OutputStream) -> String { String(decoding: bytes(stream), as: UTF8.self) }
  /// How many chunks one stream came in.
  func chunkCount(_ stream: OutputStream) -> Int { chunks.withLock { $0.filter { $0.0 == stream }.count } }
  var placement: [StepPlacement] { placements.withLock { $0 } }
}

extension SlurmExecutor {
  /// Runs one attempt with a fresh recording.
  func run(_ request: StepRequest) -> (outcome: ProcessOutcome, recording: StepRecording) {
    let recording = StepRecording()
    let outcome = run(request, started: { recording.started($0) }, output: { recording.output($0, $1) })
    return (outcome, recording)
  }
}

/// A request to run `command` in `folder` with `environment` (PATH always set).
func slurmRequest(
  _ command: String, in folder: String, environment: [EnvironmentVariable] = [], timeout: Double? = nil,
  resources: StepResources = StepResources(), step: String = "step"
) -> StepRequest {
  StepRequest(
    runID: 1, step: step, attempt: 1, command: StepCommand(command),
    environment: [.plain("PATH", "/usr/bin:/bin")] + environment, workingDirectory: folder, timeout: timeout,
    killGrace: 1, resources: resources)
}
