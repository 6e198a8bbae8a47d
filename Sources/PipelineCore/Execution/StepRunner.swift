/// Runs one planned step to its result: builds its environment, runs it on its executor (again
/// on failure, up to its `retries`), streams its masked output as events, checks that it wrote
/// its declared outputs, and reads its metrics.
package struct StepRunner: Sendable {
  /// Executors by name (`local`, `slurm`).
  package var executors: [String: any StepExecutor]
  /// Every secret of the run, masked in everything the step prints and in metric names.
  package var secrets: [String]
  /// The shell's environment without `PIPESHELL_*` bindings: what every step inherits.
  package let inheritedEnvironment: [EnvironmentVariable]
  package var runID: Int
  package var clock: any Clock
  package var workspace: any Workspace

  package init(
    executors: [String: any StepExecutor], secrets: [String], baseEnvironment: [String: String], runID: Int,
    workspace: any Workspace, clock: any Clock = SystemClock()
  ) {
    self.executors = executors
    self.secrets = secrets
    self.inheritedEnvironment = baseEnvironment.filter { !$0.key.hasPrefix(ResolutionInput.environmentPrefix) }
      .sorted { $0.key < $1.key }.map { EnvironmentVariable.plain($0.key, $0.value) }
    self.runID = runID
    self.workspace = workspace
    self.clock = clock
  }

  /// Runs the step, emitting `stepStarted`, `stepPlaced` and `output`; returns its record.
  package func run(_ planned: PlannedStep, emit: @escaping @Sendable (RunEvent) -> Void) -> StepRecord {
    var record = StepRecord(
      name: planned.name, state: .running, startedAt: clock.now(), epoch: planned.epoch,
      command: StreamMasker.mask(planned.command.masked, secrets: secrets), folder: planned.workingDirectory)
    guard let executor = executors[planned.executor] else {
      record.state = .failed
      record.reason = "no executor '\(planned.executor)' is available here"
      record.finishedAt = clock.now()
      return record
    }
    for attempt in 1...(planned.step.retries + 1) {
      record.attempts = attempt
      emit(.stepStarted(record, attempt: attempt))
      let processor = StepOutputProcessor(step: planned.name, secrets: secrets, emit: emit)
      let outcome = executor.run(request(for: planned, attempt: attempt)) { placement in
        emit(.stepPlaced(step: planned.name, placement))
      } output: { stream, bytes in
        processor.take(stream, bytes)
      }
      processor.finish()
      record.metrics = processor.metrics
      apply(outcome, to: &record, planned: planned)
      if record.state == .ok || record.state == .interrupted { break }
    }
    if record.state == .ok { checkOutputs(planned, into: &record) }
    if record.state == .ok { readMetricsFiles(planned, into: &record) }
    record.finishedAt = clock.now()
    return record
  }

  /// One attempt's request: the inherited environment, the step's own, and pipeshell's.
  package func request(for planned: PlannedStep, attempt: Int) -> StepRequest {
    var environment = inheritedEnvironment
    environment += planned.environment
    environment.append(.plain("PIPESHELL_RUN_ID", String(runID)))
    environment.append(.plain("PIPESHELL_STEP", planned.name))
    var request = StepRequest(
      runID: runID, step: planned.name, attempt: attempt, command: planned.command, environment: environment,
      workingDirectory: workspace.location(of: planned.workingDirectory), timeout: planned.step.timeout,
      resources: planned.resources)
    if planned.step.runsInUserShell {
      request.shell = UserShell.invocation(of: inheritedEnvironment.last { $0.name == "SHELL" }?.revealedValue())
    }
    return request
  }

  private func apply(_ outcome: ProcessOutcome, to record: inout StepRecord, planned: PlannedStep) {
    record.reason = nil
    switch outcome {
    case .exited(0):
      record.state = .ok
      record.exitCode = 0
    case .exited(let code):
      record.state = .failed
      record.exitCode = code
      record.reason = "exit status \(code)"
    case .signaled(let signal):
      record.state = .failed
      record.reason = "killed by signal \(signal)"
    case .timedOut:
      record.state = .timedOut
      record.reason = "timed out after \(Duration.text(planned.step.timeout ?? 0))"
    case .interrupted:
      record.state = .interrupted
      record.reason = "interrupted"
    case .failedToStart(let why):
      record.state = .failed
      record.reason = "could not start: \(why)"
    }
  }

  /// A step that succeeds without writing a declared output fails, naming what is missing.
  private func checkOutputs(_ planned: PlannedStep, into record: inout StepRecord) {
    let missing = planned.outputs.filter { !workspace.exists(Fingerprint.absolute($0, in: planned.workingDirectory)) }
    guard !missing.isEmpty else { return }
    record.state = .failed
    let names = missing.map { "'\($0)'" }.joined(separator: ", ")
    record.reason = "exited 0 but did not write its declared output\(missing.count == 1 ? "" : "s") \(names)"
  }

  private func readMetricsFiles(_ planned: PlannedStep, into record: inout StepRecord) {
    for file in planned.metricsFiles {
      switch workspace.readMetrics(Fingerprint.absolute(file, in: planned.workingDirectory)) {
      case .success(let numbers):
        for (name, value) in numbers { record.metrics[maskedName(name)] = value }
      case .failure where planned.step.skipsUnreadableMetrics:
        continue
      case .failure(let problem):
        record.state = .failed
        record.reason = problem.message(for: file)
        return
      }
    }
  }

  /// A metric's name as recorded: a key that holds a secret is masked like output.
  private func maskedName(_ name: String) -> String {
    secrets.isEmpty ? name : StreamMasker.mask(name, secrets: secrets)
  }
}

extension Duration {
  /// `1.5 s`, `10 m`, for messages.
  package static func text(_ seconds: Double) -> String {
    if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) m" }
    return Value.format(seconds).trimmedZero + " s"
  }
}
