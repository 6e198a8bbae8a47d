import Synchronization

/// How pipeshell runs Slurm's own commands (`sbatch`, `squeue`, `scontrol`, `scancel`): by
/// absolute path from `binFolder`, through a `ProcessLauncher`, with their output captured.
///
/// Each is started as `exec TOOL ARGS` by `/bin/sh -c` with every argument in single quotes;
/// the arguments only ever hold names, paths and options (never a secret), so the command line
/// that other users of the machine can see shows nothing private.
package struct SlurmTools: Sendable {
  /// The folder holding `sbatch`, `squeue`, `scontrol` and `scancel`.
  package var binFolder: String
  /// What the tools themselves need (`SLURM_CONF` on a cluster that keeps its configuration
  /// elsewhere); it also reaches jobs, beneath the step's own variables. Never a secret.
  package var environment: [String: String]
  /// Runs the tools.
  package var launcher: any ProcessLauncher

  /// The most a tool's output is kept (a queue of many thousand jobs fits).
  static let outputLimit = 8 << 20

  /// Tools from `binFolder` (Debian puts them in /usr/bin), run by `launcher`.
  package init(binFolder: String = "/usr/bin", environment: [String: String] = [:], launcher: any ProcessLauncher) {
    self.binFolder = binFolder
    self.environment = environment
    self.launcher = launcher
  }

  /// What one tool run printed and how it ended.
  struct Result: Sendable {
    var outcome: ProcessOutcome
    var stdout: [UInt8]
    var stderr: [UInt8]

    /// Standard output as text (Slurm prints ASCII; anything else is replaced, not trusted).
    var output: String { String(decoding: stdout, as: UTF8.self) }
    /// Slurm's message: standard error, trimmed, its `sbatch: error: ` prefixes removed.
    var message: String {
      let text = String(decoding: stderr, as: UTF8.self)
      let lines = text.split(whereSeparator: \.isNewline).map { line -> Substring in
        var line = line
        for prefix in ["sbatch: error: ", "squeue: error: ", "scancel: error: ", "scontrol: error: "]
        where line.hasPrefix(prefix) {
          line = line.dropFirst(prefix.count)
        }
        return line
      }
      let joined = lines.joined(separator: "; ")
      return joined.isEmpty ? "no message" : joined
    }
  }

  /// Runs `tool` with `arguments` in `folder`, its environment being `environment` over the
  /// tools' own; waits at most `timeout` seconds.
  func run(
    _ tool: String, _ arguments: [String], environment extra: [String: String] = [:], in folder: String = "/",
    timeout: Double = 60
  ) -> Result {
    let command = "exec " + ([binFolder + "/" + tool] + arguments).map(Self.quoted).joined(separator: " ")
    let request = ProcessRequest(
      command: command, environment: environment.merging(extra) { _, step in step }, workingDirectory: folder,
      timeout: timeout, killGrace: 1)
    let captured = CapturedOutput()
    let outcome = launcher.run(request) { stream, chunk in captured.append(chunk, to: stream) }
    let (stdout, stderr) = captured.contents
    return Result(outcome: outcome, stdout: stdout, stderr: stderr)
  }

  /// `text` in single quotes for `/bin/sh` (a `'` inside written `'\''`).
  static func quoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }
}

/// A tool's two output streams, filled from the launcher's thread, each kept to `outputLimit`.
private final class CapturedOutput: Sendable {
  private let buffers = Mutex<(stdout: [UInt8], stderr: [UInt8])>(([], []))

  func append(_ chunk: [UInt8], to stream: OutputStream) {
    buffers.withLock { buffers in
      switch stream {
      case .stdout:
        buffers.stdout.append(contentsOf: chunk.prefix(max(0, SlurmTools.outputLimit - buffers.stdout.count)))
      case .stderr:
        buffers.stderr.append(contentsOf: chunk.prefix(max(0, SlurmTools.outputLimit - buffers.stderr.count)))
      }
    }
  }

  var contents: (stdout: [UInt8], stderr: [UInt8]) { buffers.withLock { $0 } }
}
