/// Everything that can stop a step from being submitted to Slurm or followed there, as data;
/// `description` is the one place that turns a problem into text. None of them ever holds a
/// secret: only names, paths, options and Slurm's own messages about them.
package enum SlurmProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// A `resources:` value out of its bounds or in a form sbatch does not take.
  case resource(key: String, value: String, expected: String)
  /// A free-form `sbatch` option that pipeshell sets itself or that would take a job out of
  /// its control; `instead` says what to write instead, when there is something.
  case reservedOption(String, instead: String?)
  /// A free-form `sbatch` entry that is not one `--name` or `--name=value` word.
  case malformedOption(String)
  /// An environment variable that cannot reach a job by name (or would change sbatch's options).
  case environmentName(String, reason: String)
  /// A path that sbatch would read as a pattern (`%`, `\`) or that cannot be used.
  case unusablePath(String, reason: String)
  /// The step's working folder does not exist here (Slurm would run the job in /tmp instead).
  case missingWorkingFolder(String)
  /// Preparing `.pipeshell/slurm` or the job script failed.
  case file(FileError)
  /// A Slurm command could not be run or did not finish.
  case toolFailed(tool: String, outcome: ProcessOutcome)
  /// sbatch refused the job; its own message.
  case submissionRefused(String)
  /// sbatch succeeded but printed something that is not a job id.
  case unreadableJobID(String)
  /// squeue, scontrol or scancel failed; its own message.
  case query(tool: String, message: String)

  package var description: String {
    switch self {
    case .resource(let key, let value, let expected):
      return "resources: '\(key)' is '\(value)'; expected \(expected)"
    case .reservedOption(let option, let instead):
      let base = "sbatch option '\(option)' is set by pipeshell and cannot be given in 'sbatch'"
      return instead.map { base + "; use \($0)" } ?? base
    case .malformedOption(let option):
      return "sbatch option '\(option)' must be one word of the form --name or --name=value"
    case .environmentName(let name, let reason):
      return "environment variable '\(name)' cannot be passed to a Slurm job: \(reason)"
    case .unusablePath(let path, let reason):
      return "cannot use '\(path)' for a Slurm job: \(reason)"
    case .missingWorkingFolder(let path):
      return "working folder '\(path)' does not exist (Slurm would run the job in /tmp instead)"
    case .file(let error):
      return error.description
    case .toolFailed(let tool, let outcome):
      return "\(tool) \(Self.describe(outcome))"
    case .submissionRefused(let message):
      return "sbatch refused the job: \(message)"
    case .unreadableJobID(let text):
      return "sbatch printed '\(text)' where a job id was expected"
    case .query(let tool, let message):
      return "\(tool) failed: \(message)"
    }
  }

  private static func describe(_ outcome: ProcessOutcome) -> String {
    switch outcome {
    case .exited(let code): return "exited with status \(code)"
    case .signaled(let signal): return "was killed by signal \(signal)"
    case .timedOut: return "did not answer in time"
    case .interrupted: return "was interrupted"
    case .failedToStart(let why): return "could not be started: \(why)"
    }
  }
}
