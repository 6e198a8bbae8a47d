/// One job as `squeue` reports it: its id, state, raw exit status, nodes and pending reason.
///
/// Read from `squeue -h -t all -j IDS -O JobID:0|,State:0|,exit_code:0|,NodeList:0|,Reason:0|,Name:0`:
/// without a size each field is printed whole, and `|` (which never occurs in a job id, state,
/// node list or reason) separates them; the name comes last so a `|` inside it does no harm.
/// `exit_code` is the wait status of the batch script, as `waitpid` gives it (7 << 8 for
/// `exit 7`, 9 for SIGKILL), which tells an exit from a signal exactly.
package struct SlurmJobReport: Sendable, Hashable {
  package var jobID: String
  package var state: SlurmJobState
  /// The batch script's wait status, once the job has ended.
  package var waitStatus: Int32
  /// The node (or nodes) the job runs on; empty while it waits.
  package var nodes: String
  /// Why the job waits or ended (`Resources`, `NonZeroExitCode`), `None` otherwise.
  package var reason: String
  /// The job's name (`pipeshell.RUN.STEP.ATTEMPT` for pipeshell's jobs).
  package var name: String

  /// The `-O` format the reports are read from.
  static let squeueFormat = "JobID:0|,State:0|,exit_code:0|,NodeList:0|,Reason:0|,Name:0"

  /// Reads every line of squeue's output that is a well-formed report; others are skipped.
  static func parse(_ text: String) -> [SlurmJobReport] {
    text.split(whereSeparator: \.isNewline).compactMap { parseLine(String($0)) }
  }

  static func parseLine(_ line: String) -> SlurmJobReport? {
    let fields = line.split(separator: "|", maxSplits: 5, omittingEmptySubsequences: false)
    guard fields.count == 6 else { return nil }
    let id = String(fields[0]).trimmingSpaces
    guard !id.isEmpty, id.count <= 40, id.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }) else { return nil }
    // A wait status fits in 16 bits; anything else is not one.
    guard let status = Int32(String(fields[2]).trimmingSpaces), (0...0xFFFF).contains(status) else { return nil }
    return SlurmJobReport(
      jobID: id, state: SlurmJobState(String(fields[1]).trimmingSpaces), waitStatus: status,
      nodes: String(fields[3]).trimmingSpaces, reason: String(fields[4]).trimmingSpaces,
      name: String(fields[5]).trimmingSpaces)
  }

  /// The node to show, or nil while the job has none.
  var host: String? { nodes.isEmpty || nodes == "(null)" ? nil : nodes }
}

/// A Slurm job state as squeue names it (`PENDING`, `RUNNING`, `COMPLETED`, ...).
package struct SlurmJobState: Sendable, Hashable, CustomStringConvertible {
  package var name: String

  package init(_ name: String) { self.name = name.uppercased() }

  /// States after which the job will not run again (pipeshell submits with `--no-requeue`).
  static let finalStates: Set<String> = [
    "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE",
    "OUT_OF_MEMORY", "REVOKED", "SPECIAL_EXIT",
  ]

  /// True once the job has ended for good; a job still `COMPLETING` has not.
  package var isFinal: Bool { Self.finalStates.contains(name) }
  /// True while the job waits for resources (or is held).
  package var isWaiting: Bool {
    ["PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD"].contains(name)
  }
  /// True once the job was given a node and its script may run.
  package var hasStarted: Bool { !isWaiting && name != "CONFIGURING" }

  package var description: String { name }
}
