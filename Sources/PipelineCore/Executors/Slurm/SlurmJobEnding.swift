import Glibc

/// Why pipeshell itself stopped a job: the decision wins over however the job then ended.
enum SlurmStopReason: Sendable {
  case timedOut
  case interrupted
}

extension SlurmJobReport {
  /// How the step ended, from the job's final state and the batch script's wait status, unless
  /// pipeshell stopped it (`stoppedFor`).
  func outcome(stoppedFor stop: SlurmStopReason?) -> ProcessOutcome {
    switch stop {
    case .timedOut: return .timedOut
    case .interrupted: return .interrupted
    case nil: break
    }
    switch state.name {
    case "COMPLETED", "FAILED":
      return Self.decode(waitStatus)
    case "TIMEOUT", "DEADLINE":
      return .timedOut
    case "OUT_OF_MEMORY":
      return .signaled(SIGKILL)
    case "CANCELLED" where host != nil:
      let signal = waitStatus & 0x7F
      return .signaled(signal != 0 ? signal : SIGTERM)
    case "CANCELLED":
      return .failedToStart("Slurm job \(jobID) was cancelled before it started")
    default:
      let place = host.map { " on \($0)" } ?? ""
      let why = reason == "None" || reason.isEmpty ? "" : " (\(reason))"
      return .failedToStart("Slurm job \(jobID) ended \(state)\(why)\(place)")
    }
  }

  /// A `waitpid` status as an outcome: an exit code, or the signal that killed the script
  /// (SIGINT counts as an interrupt, as for a local step).
  static func decode(_ status: Int32) -> ProcessOutcome {
    let signal = status & 0x7F
    if signal == 0 { return .exited((status >> 8) & 0xFF) }
    return signal == SIGINT ? .interrupted : .signaled(signal)
  }
}
