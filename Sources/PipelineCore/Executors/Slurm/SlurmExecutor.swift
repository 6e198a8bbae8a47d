import Glibc

/// Runs each attempt of a step as a Slurm batch job: submitted with `sbatch --parsable` (never
/// `--wait`, which polls every 2 s and then every 8 s), followed with `squeue`, its output read
/// from the files Slurm writes as they grow, stopped with `scancel`.
///
/// The job runs `/bin/sh -c COMMAND` in the step's working folder, which the nodes must see at
/// the same path, as they must see the pipeline's `.pipeshell/slurm/` (a shared file system, as
/// on every Slurm cluster).
///
/// The environment reaches the job by name only: sbatch is started with exactly the step's
/// environment (plus the command, in `PIPESHELL_SLURM_COMMAND`) and `--export=ALL`, so no value
/// is ever on a command line or in the batch script, and none is split at its commas as
/// `--export=NAME=value` would. (`--export=NAME,...` would do the same but makes sbatch imply
/// `--get-user-env`: every job then waits ~1.5 s for a login shell on the node and gets the
/// user's login environment mixed in.) Slurm itself keeps each job's environment, secrets
/// included, in its state directory (`StateSaveLocation/hash.N/job.ID/environment`, readable by
/// the Slurm user and root) until it forgets the job, `MinJobAge` after it ended.
package final class SlurmExecutor: StepExecutor {
  /// `slurm`.
  package let name = "slurm"
  /// Where job scripts and output files go: the pipeline's `.pipeshell/slurm`.
  package let folder: String
  /// How Slurm's commands are run.
  package let tools: SlurmTools
  /// Told each job id as soon as sbatch returns it, before the job runs, so that the run's record
  /// holds it even when the shell is killed while the job still waits in the queue (`started`
  /// comes only once it runs); the next shell cancels or reattaches to it from there.
  package let onSubmit: (@Sendable (_ job: SubmittedJob) -> Void)?
  private let board: SlurmJobBoard
  let attempts = SlurmAttempts()

  /// An executor keeping its files in `folder`, running Slurm's commands with `tools`, telling
  /// `onSubmit` of every job it submits.
  package init(folder: String, tools: SlurmTools, onSubmit: (@Sendable (SubmittedJob) -> Void)? = nil) {
    self.folder = folder
    self.tools = tools
    self.onSubmit = onSubmit
    self.board = SlurmJobBoard(tools: tools)
  }

  /// Runs one attempt as a batch job and follows it to its end (see the type's comment);
  /// anything refused before submission ends as `.failedToStart` with the reason.
  package func run(
    _ request: StepRequest, started: @Sendable (StepPlacement) -> Void,
    output: @escaping @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome {
    let attempt = attempts.begin()
    defer { attempts.end(attempt) }
    let jobID: String
    let files: SlurmJobFiles
    do {
      files = try SlurmJobFiles.prepare(folder)
      if attempt.interruptRequested { return .interrupted }
      jobID = try submit(request, files: files)
    } catch {
      return .failedToStart(error.description)
    }
    onSubmit?(SubmittedJob(runID: request.runID, step: request.step, attempt: request.attempt, jobID: jobID))
    if attempt.submitted(jobID) { tools.cancel([jobID]) }
    return follow(
      jobID, attempt: attempt, files: files, timeout: request.timeout, killGrace: request.killGrace,
      started: started, output: output)
  }

  /// Cancels every job this executor follows, with one `scancel`; each run then ends as
  /// `.interrupted`. A job still being submitted is cancelled as soon as sbatch returns.
  package func interruptAll() {
    let ids = attempts.interruptAll()
    if !ids.isEmpty { tools.cancel(ids) }
  }

  /// Follows a job to its end, as `run` does once it has submitted one, then removes its output
  /// files.
  func follow(
    _ jobID: String, attempt: SlurmAttempt, files: SlurmJobFiles, timeout: Double?, killGrace: Double,
    started: @Sendable (StepPlacement) -> Void, output: @escaping @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome {
    board.watch(jobID, now: MonotonicClock.now())
    defer {
      board.forget(jobID)
      files.removeOutputs(jobID: jobID)
    }
    var follower = SlurmJobFollower(
      jobID: jobID, attempt: attempt, board: board, tools: tools, timeout: timeout, killGrace: killGrace, files: files)
    return follower.follow(started: started, output: output)
  }

  /// Checks the request, writes its batch script, submits it and removes the script again.
  private func submit(_ request: StepRequest, files: SlurmJobFiles) throws(SlurmProblem) -> String {
    let options = try SbatchOptions.options(
      for: request.resources, timeout: request.timeout, killGrace: request.killGrace)
    let environment = try Self.jobEnvironment(request)
    guard let folder = Self.absolutePath(request.workingDirectory), PosixFiles.isFolder(folder) else {
      throw .missingWorkingFolder(request.workingDirectory)
    }
    let script = try files.writeScript(
      runID: request.runID, step: request.step, attempt: request.attempt, workingDirectory: folder)
    defer { unlink(script) }  // sbatch has copied it; a leftover would hold no secret
    let arguments = [
      "--parsable", "--export=ALL", "--no-requeue",
      "--job-name=pipeshell.\(request.runID).\(SlurmJobFiles.safeName(request.step)).\(request.attempt)",
      "--chdir=\(folder)", "--output=\(files.pattern(.stdout))", "--error=\(files.pattern(.stderr))",
    ]
    return try tools.submit(script: script, arguments: arguments + options, environment: environment, in: folder)
  }

  /// sbatch's environment, which `--export=ALL` hands to the job whole: the step's variables,
  /// secrets revealed (this is the one place they are), and the command.
  static func jobEnvironment(_ request: StepRequest) throws(SlurmProblem) -> [String: String] {
    var environment: [String: String] = [:]
    for variable in request.environment {
      let name = variable.name
      guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_",
        name.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" })
      else { throw .environmentName(name, reason: "a name must be letters, digits and '_', not starting with a digit") }
      if name.hasPrefix("SBATCH_") {
        throw .environmentName(name, reason: "sbatch reads SBATCH_ variables as its own options")
      }
      if name == SlurmJobFiles.commandVariable {
        throw .environmentName(name, reason: "pipeshell uses it for the command")
      }
      environment[name] = variable.revealedValue()
    }
    environment[SlurmJobFiles.commandVariable] = request.command.revealed()
    return environment
  }

  /// `path` made absolute and free of symbolic links (the node resolves it the same way only
  /// if it is absolute); nil when it does not exist.
  static func absolutePath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}

extension Unicode.Scalar {
  fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// A job just submitted for one attempt of a step: what the run's record needs to find it again.
package struct SubmittedJob: Sendable, Hashable {
  package var runID: Int
  package var step: String
  package var attempt: Int
  /// Slurm's job id.
  package var jobID: String
}
