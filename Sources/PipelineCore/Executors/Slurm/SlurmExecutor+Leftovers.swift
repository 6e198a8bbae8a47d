extension SlurmExecutor {
  /// Of the jobs `jobIDs` (recorded by a shell that was killed outright), those Slurm still
  /// queues or runs. Only pipeshell's jobs count (named `pipeshell.`): an id Slurm has since
  /// given to someone else's job is left alone.
  package func leftoverJobs(among jobIDs: [String]) throws(SlurmProblem) -> [SlurmJobReport] {
    let ids = Array(Set(jobIDs.filter { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })).sorted()
    guard !ids.isEmpty else { return [] }
    return try tools.reports(for: ids).filter { report in
      !report.state.isFinal && report.state.name != "COMPLETING" && report.name.hasPrefix("pipeshell.")
    }
  }

  /// Cancels the jobs among `jobIDs` that are still queued or running (see `leftoverJobs`),
  /// removes the output files all of them left in `.pipeshell/slurm` (unmasked output, which
  /// nobody will read now), and returns the jobs it cancelled.
  package func cancelLeftovers(_ jobIDs: [String]) throws(SlurmProblem) -> [SlurmJobReport] {
    let leftovers = try leftoverJobs(among: jobIDs)
    if !leftovers.isEmpty, let problem = tools.cancel(leftovers.map(\.jobID)) { throw problem }
    if let files = try? SlurmJobFiles.prepare(folder) {  // no folder: no files to remove
      for id in jobIDs where !id.isEmpty && id.allSatisfy({ $0.isASCII && $0.isNumber }) {
        files.removeOutputs(jobID: id)
      }
    }
    return leftovers
  }

  /// Follows a job a killed shell submitted, as `run` would have: streams its output from the
  /// start of its files (what the killed shell had shown comes again), enforces `timeout` from
  /// now if it already runs, and returns how it ends; `interruptAll` cancels it too. The job's
  /// output files are removed at the end.
  package func reattach(
    jobID: String, timeout: Double?, killGrace: Double = 2, started: @Sendable (StepPlacement) -> Void,
    output: @escaping @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome {
    let attempt = attempts.begin()
    defer { attempts.end(attempt) }
    let files: SlurmJobFiles
    do { files = try SlurmJobFiles.prepare(folder) } catch { return .failedToStart(error.description) }
    if attempt.submitted(jobID) { tools.cancel([jobID]) }
    return follow(
      jobID, attempt: attempt, files: files, timeout: timeout, killGrace: killGrace, started: started, output: output)
  }
}
