import Glibc

/// Follows one submitted job to its end: streams its output files, reports where it started,
/// enforces pipeshell's timeout, cancels it on an interrupt, and decodes how it ended.
///
/// The timeout counts from when the job was seen running (time spent queued is not the step's).
/// A job is stopped with `scancel`, which Slurm answers with SIGTERM to every process of the job
/// and SIGKILL after its `KillWait`; pipeshell cannot kill sooner (a second `scancel --signal=KILL`
/// is refused once a job is cancelled), so after the kill grace it stops waiting for a job that
/// is `COMPLETING` after being cancelled, and leaves the rest to Slurm.
struct SlurmJobFollower {
  /// How long to wait for a cancelled job to be reported ended before giving up on it.
  static let cancelPatience = 60.0
  /// How often a cancel is sent again while the job has not ended (the controller may have
  /// been unreachable).
  static let cancelRepeat = 5.0

  let jobID: String
  let attempt: SlurmAttempt
  let board: SlurmJobBoard
  let tools: SlurmTools
  let timeout: Double?
  let killGrace: Double
  let tails: [SlurmOutputTail]

  private var startedAt: Double?
  private var reason: SlurmStopReason?
  private var stoppedAt = 0.0
  private var lastCancel = 0.0
  private var last: SlurmJobReport?

  init(
    jobID: String, attempt: SlurmAttempt, board: SlurmJobBoard, tools: SlurmTools, timeout: Double?,
    killGrace: Double, files: SlurmJobFiles
  ) {
    self.jobID = jobID
    self.attempt = attempt
    self.board = board
    self.tools = tools
    self.timeout = timeout
    self.killGrace = max(0, killGrace)
    self.tails = [
      SlurmOutputTail(path: files.path(.stdout, jobID: jobID), stream: .stdout),
      SlurmOutputTail(path: files.path(.stderr, jobID: jobID), stream: .stderr),
    ]
  }

  /// Runs until the job has ended (or, once pipeshell stopped it, until waiting longer is
  /// pointless) and returns how it ended.
  mutating func follow(
    started: @Sendable (StepPlacement) -> Void, output: @escaping @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome {
    let since = MonotonicClock.now()
    while true {
      let now = MonotonicClock.now()
      for tail in tails { tail.drain(output) }
      decideToStop(now: now)
      switch board.sighting(of: jobID, now: now) {
      case .seen(let report):
        last = report
        if startedAt == nil, report.state.hasStarted, report.host != nil {
          startedAt = now
          started(placement(report))
        }
        if report.state.isFinal { return finish(report.outcome(stoppedFor: finalReason), output) }
      case .vanished:
        return finish(vanished(), output)
      case .unknown:
        break
      }
      if let outcome = gaveUpWaiting(now: now) { return finish(outcome, output) }
      // At least 2 ms: while another follower's poll is under way the next one is "due now".
      let pause = max(0.002, min(board.nextPoll(now: MonotonicClock.now()), Self.tick(age: now - since)))
      usleep(UInt32(pause * 1_000_000))
    }
  }

  /// Why pipeshell stopped the job, looked at again once it has ended: an interrupt can cancel
  /// it (`interruptAll` runs scancel itself) between this loop's look at the flag and the poll
  /// that sees the job cancelled.
  private var finalReason: SlurmStopReason? {
    reason ?? (attempt.interruptRequested ? .interrupted : nil)
  }

  /// Seconds between looks at the output files: 5 ms at first, at most 100 ms.
  static func tick(age: Double) -> Double { min(0.1, max(0.005, age / 50)) }

  private mutating func decideToStop(now: Double) {
    if reason == nil {
      if attempt.interruptRequested {
        reason = .interrupted
      } else if let startedAt, let timeout, now - startedAt >= timeout {
        reason = .timedOut
      } else {
        return
      }
      stoppedAt = now
      // interruptAll cancels the jobs it knows of itself, in one scancel.
      if attempt.markCancelled() { cancel(now: now) }
    } else if now - lastCancel >= Self.cancelRepeat, !(last?.state.isFinal ?? false), last?.state.name != "COMPLETING" {
      cancel(now: now)
    }
  }

  private mutating func cancel(now: Double) {
    lastCancel = now
    _ = tools.cancel([jobID])  // a failure is retried every `cancelRepeat` seconds
  }

  /// The outcome to return without waiting for the job's final state: after the kill grace for
  /// a cancelled job Slurm is already killing, after `cancelPatience` for one it does not report.
  private func gaveUpWaiting(now: Double) -> ProcessOutcome? {
    guard let reason else { return nil }
    let waited = now - stoppedAt
    let killing = last?.state.name == "COMPLETING" || last?.state.name == "CANCELLED"
    guard (killing && waited >= killGrace) || waited >= Self.cancelPatience else { return nil }
    return reason == .timedOut ? .timedOut : .interrupted
  }

  /// How a job that the controller no longer lists ended: from Slurm's job completion log when
  /// it keeps one, else unknown.
  private func vanished() -> ProcessOutcome {
    if let reason = finalReason { return reason == .timedOut ? .timedOut : .interrupted }
    if let report = SlurmCompletionLog.report(for: jobID, tools: tools) { return report.outcome(stoppedFor: nil) }
    return .failedToStart(
      "Slurm no longer lists job \(jobID) and its end is not in a job completion log; see the cluster's accounting")
  }

  private func finish(_ outcome: ProcessOutcome, _ output: @escaping @Sendable (OutputStream, [UInt8]) -> Void)
    -> ProcessOutcome
  {
    for tail in tails { tail.finish(output) }
    return outcome
  }

  private func placement(_ report: SlurmJobReport) -> StepPlacement {
    StepPlacement(executor: "slurm", jobID: jobID, host: report.host)
  }
}
