/// What to run: the bindings of every layer (one set, or several for a rerun that reproduces
/// values changed while its base run was paused), and how.
package struct RunRequest: Sendable {
  /// The binding sets; the first is the run's start. A step runs with the set `stepEpochs`
  /// names (the last set for steps not named).
  package var epochs: [ResolutionInput]
  package var stepEpochs: [String: Int] = [:]
  /// The command that starts the run, as typed (`rerun lr=0.1`).
  package var command: String
  /// Steps that may run at once.
  package var jobs: Int
  /// Reuse steps whose fingerprint matches an earlier success.
  package var useCache = true
  /// Steps that run whatever the cache says (`--from STEP`, `--force`).
  package var forced: Set<String> = []
  /// The run this one reruns.
  package var parentRunID: Int?
  /// The run reasons are given against (`lr 0.01 -> 0.02`); by default the one before.
  package var compareWith: RunRecord?
  /// Runs every step on this executor (`--executor`).
  package var executor: String?
  /// Dynamic values to use instead of reading them (a rerun's base run's).
  package var pinnedDynamicValues: [DynamicValue] = []
  /// Wait for another shell's run in this folder to end instead of refusing (`--wait`).
  package var waitForWorkspace = false
  /// Run in a copy of the pipeline's folder of its own (`--isolated`, sweep points run at once).
  package var isolated = false
  /// The sweep the run is a point of.
  package var sweep: SweepMembership?
  /// Run on after a failed step where the format would stop (`--keep-going`, `dvc repro -k`).
  package var keepGoing = false
  /// The most bytes each step's log keeps (nil: no limit).
  package var logLimit: Int? = RunRequest.defaultLogLimit

  /// Each step's log keeps at most this much unless the run says otherwise.
  package static let defaultLogLimit = 10 << 20

  /// A run of one binding set.
  package init(input: ResolutionInput, command: String, jobs: Int) {
    self.epochs = [input]
    self.command = command
    self.jobs = jobs
  }

  /// The first binding set.
  package var input: ResolutionInput { epochs[0] }
}

/// Why a run did not start.
package enum RunStartError: Error, Sendable {
  /// Values or steps have problems; nothing ran.
  case invalid([Diagnostic])
  /// Another shell is running a run in this pipeline's folder.
  case workspaceBusy(WorkspaceLock.Holder)
  /// Waiting for the folder was interrupted.
  case interrupted
  /// The run store refused.
  case store(StoreError)
  /// The run cannot be isolated: a step works or writes outside the pipeline's folder.
  case cannotIsolate(IsolationPolicy.Refusal)
  /// The isolated copy of the pipeline's folder could not be made (the run is recorded failed).
  case workspace(runID: Int, FileError)
}
