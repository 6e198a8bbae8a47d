/// What a pipeline format adds to the runs of its pipelines, beside what every run does. A DVC
/// project shows each stage the run's values in the params files it reads (and puts the files
/// back), reuses stages DVC already ran, and records what ran where DVC looks (`dvc.lock`,
/// DVC's cache). pipeshell's own pipelines need none of it.
package protocol PipelineRunSupport: Sendable {
  /// Problems that stop a run of `plan` with the values of `snapshot` (a secret that would be
  /// written into a params file, a changed value that shapes the stages themselves).
  func problems(of plan: Plan, snapshot: Snapshot) -> [Diagnostic]
  /// The hooks of one run, made before its first step.
  func hooks(for run: RunHookContext) -> any RunHooks
  /// Writes values into the files the pipeline reads them from, for good (`params --write`),
  /// changing only their text; returns the files written (absolute) with the names written in
  /// each. A secret is never written.
  func writeValues(_ values: [(name: String, value: Value)]) throws(DiagnosticError) -> [(
    file: String, names: [String]
  )]
  /// What an exporter must know of values that live outside the pipeline's text (values the
  /// steps read from files themselves, variables that hold local folders); see `ExportFacts`.
  var exportFacts: ExportFacts { get }
}

/// What a run's hooks work with.
package struct RunHookContext: Sendable {
  package var runID: Int
  /// Where the run's steps work (the pipeline's folder, or an isolated copy of it).
  package var workspace: any Workspace
  /// True when the run works in a copy of the folder: the folder's own files are not touched.
  package var isolated: Bool
  /// The run store's folder (`.pipeshell`), where files changed during the run are journaled.
  package var storeFolder: String
  /// Runs commands the format needs (`git check-ignore`), with `environment`.
  package var launcher: (any ProcessLauncher)?
  package var environment: [String: String]
  /// Steps the run must run whatever was recorded (`rerun --force`, `--from STEP`): a format
  /// reuses none of them, as `dvc repro --force` restores nothing from DVC's cache.
  package var forced: Set<String> = []
  /// True when a failed step should not end the run (`run --keep-going`, as `dvc repro -k`):
  /// the steps that do not need it still run.
  package var keepsGoing = false

  package init(
    runID: Int, workspace: any Workspace, isolated: Bool, storeFolder: String, launcher: (any ProcessLauncher)?,
    environment: [String: String]
  ) {
    self.runID = runID
    self.workspace = workspace
    self.isolated = isolated
    self.storeFolder = storeFolder
    self.launcher = launcher
    self.environment = environment
  }
}

/// A format's part in one run, called by the engine around each step (from worker threads).
package protocol RunHooks: Sendable {
  /// The values of binding set `epoch` (0 at the start; later ones after values changed while
  /// the run was paused); a step follows its own set.
  func use(_ snapshot: Snapshot, forEpoch epoch: Int)
  /// Before a step is decided (reused or run): shows it the run's values. A message fails the step.
  func prepare(_ step: PlannedStep) -> String?
  /// The result to reuse for a step the run store cannot reuse, if the format knows one.
  func reuse(_ step: PlannedStep) -> StepRecord?
  /// Just before the step's command runs (not when it is reused). A message fails the step.
  func willRun(_ step: PlannedStep) -> String?
  /// After the step's command succeeded, or the run store reused it, and before its outputs
  /// are kept: records it where the format looks. A message fails the step (the format could
  /// not record it, as its own tool would fail it then).
  func record(_ step: PlannedStep, result: StepRecord) -> String?
  /// After the step ended, whatever its state (it may have been reused): puts back what
  /// `prepare` changed.
  func finished(_ step: PlannedStep, record: StepRecord)
  /// For a step whose command never runs (`PlannedStep.Decision.verifies`, a frozen DVC stage):
  /// checks that its outputs are there and records them where the format looks.
  func verify(_ step: PlannedStep) -> Verification
  /// When the run ends (finished, failed, aborted, interrupted).
  func runEnded()
  /// True when a failed step ends the run: no other step starts (those already running finish),
  /// as `dvc repro` stops at the first stage that fails. Otherwise only the steps that need the
  /// failed one are not run.
  var stopsAtFirstFailure: Bool { get }
  /// What the user should know once the run has ended.
  var notes: [String] { get }
}

/// What verifying a step whose command never runs found.
package enum Verification: Sendable, Hashable {
  /// Its outputs are there and recorded: the step is skipped, with what was done.
  case verified(String)
  /// Something is missing: the step fails, with the message.
  case failed(String)
}
