extension SlurmTools {
  /// The most job ids one `squeue` or `scancel` call names (their command lines stay short).
  static let idsPerCall = 500

  /// Submits the batch script at `script` with `arguments` before it; sbatch's environment is
  /// `environment` (the job's, `--export=ALL`) and it runs in `folder`. Returns the job id.
  func submit(script: String, arguments: [String], environment: [String: String], in folder: String)
    throws(SlurmProblem) -> String
  {
    let result = run("sbatch", arguments + [script], environment: environment, in: folder, timeout: 120)
    switch result.outcome {
    case .exited(0): break
    case .exited: throw .submissionRefused(result.message)
    default: throw .toolFailed(tool: "sbatch", outcome: result.outcome)
    }
    // `--parsable` prints `ID` or `ID;CLUSTER`.
    let text = result.output.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
    let id = String(text.prefix { $0 != ";" }).trimmingSpaces
    guard !id.isEmpty, id.count <= 20, id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw .unreadableJobID(String(text.prefix(80)))
    }
    return id
  }

  /// Cancels jobs with `scancel` (SIGTERM to every process of each, SIGKILL after Slurm's
  /// `KillWait`). A job that already ended is not an error.
  @discardableResult
  func cancel(_ jobIDs: [String]) -> SlurmProblem? {
    var problem: SlurmProblem?
    for start in stride(from: 0, to: jobIDs.count, by: Self.idsPerCall) {
      let ids = Array(jobIDs[start..<min(jobIDs.count, start + Self.idsPerCall)])
      let result = run("scancel", ids, timeout: 30)
      if result.outcome != .exited(0), !result.message.contains("already completing or completed") {
        problem = .query(tool: "scancel", message: result.message)
      }
    }
    return problem
  }

  /// What squeue reports for `jobIDs`; ids it no longer knows are missing from the answer.
  func reports(for jobIDs: [String]) throws(SlurmProblem) -> [SlurmJobReport] {
    var reports: [SlurmJobReport] = []
    for start in stride(from: 0, to: jobIDs.count, by: Self.idsPerCall) {
      let ids = jobIDs[start..<min(jobIDs.count, start + Self.idsPerCall)]
      let result = run(
        "squeue", ["-h", "-t", "all", "-j", ids.joined(separator: ","), "-O", SlurmJobReport.squeueFormat])
      // One unknown id alone makes squeue fail with this message; several are left out silently.
      if result.outcome == .exited(1), result.message.contains("Invalid job id") { continue }
      guard result.outcome == .exited(0) else {
        if case .exited = result.outcome { throw .query(tool: "squeue", message: result.message) }
        throw .toolFailed(tool: "squeue", outcome: result.outcome)
      }
      reports += SlurmJobReport.parse(result.output)
    }
    return reports
  }
}
