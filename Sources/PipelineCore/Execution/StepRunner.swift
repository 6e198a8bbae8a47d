/// Runs one planned step to its result: builds its environment, launches it (again on
/// failure, up to its `retries`), streams its masked output as events, and reads its metrics.
package struct StepRunner: Sendable {
  package var launcher: any ProcessLauncher
  /// Every secret of the run, masked in everything the step prints.
  package var secrets: [String]
  /// The shell's environment; `PIPESHELL_*` bindings are not passed on.
  package var baseEnvironment: [String: String] {
    didSet { inheritedEnvironment = Self.inherited(from: baseEnvironment) }
  }
  /// `baseEnvironment` without the `PIPESHELL_*` bindings, worked out once, not per step.
  private var inheritedEnvironment: [String: String]
  package var runID: Int
  /// Gives the terminal to the step (interactive, one step at a time) so Ctrl-C reaches it.
  package var takesTerminal: Bool
  package var clock: any Clock

  package init(
    launcher: any ProcessLauncher, secrets: [String], baseEnvironment: [String: String], runID: Int,
    takesTerminal: Bool, clock: any Clock = SystemClock()
  ) {
    self.launcher = launcher
    self.secrets = secrets
    self.baseEnvironment = baseEnvironment
    self.inheritedEnvironment = Self.inherited(from: baseEnvironment)
    self.runID = runID
    self.takesTerminal = takesTerminal
    self.clock = clock
  }

  /// Runs the step, emitting `stepStarted`, `output` and nothing else; returns its result.
  package func run(_ planned: PlannedStep, emit: @escaping @Sendable (RunEvent) -> Void) -> StepResult {
    var result = StepResult(step: planned.name, state: .running)
    result.startedAt = clock.now()
    let attempts = planned.step.retries + 1
    let masked = StreamMasker.mask(planned.command, secrets: secrets)
    for attempt in 1...attempts {
      result.attempts = attempt
      emit(.stepStarted(step: planned.name, attempt: attempt, command: masked))
      let processor = StepOutputProcessor(step: planned.name, secrets: secrets, emit: emit)
      let outcome = launcher.run(request(for: planned), started: { emit(.stepProcessStarted(step: planned.name)) }) {
        stream, bytes in processor.take(stream, bytes)
      }
      processor.finish()
      result.metrics = processor.metrics
      apply(outcome, to: &result, planned: planned)
      if result.state == .ok || result.state == .interrupted { break }
    }
    if result.state == .ok { readMetricsFile(planned, into: &result) }
    result.finishedAt = clock.now()
    return result
  }

  /// The process request: `/bin/sh -c` in the step's folder with its environment.
  package func request(for planned: PlannedStep) -> ProcessRequest {
    var environment = inheritedEnvironment
    for (name, value) in planned.environment { environment[name] = value }
    environment["PIPESHELL_RUN_ID"] = String(runID)
    environment["PIPESHELL_STEP"] = planned.name
    return ProcessRequest(
      command: planned.command, environment: environment, workingDirectory: planned.workingDirectory,
      timeout: planned.step.timeout, takesTerminal: takesTerminal)
  }

  private static func inherited(from environment: [String: String]) -> [String: String] {
    environment.filter { !$0.key.hasPrefix(ResolutionInput.environmentPrefix) }
  }

  private func apply(_ outcome: ProcessOutcome, to result: inout StepResult, planned: PlannedStep) {
    result.reason = nil
    switch outcome {
    case .exited(0):
      result.state = .ok
      result.exitCode = 0
    case .exited(let code):
      result.state = .failed
      result.exitCode = code
      result.reason = "exit status \(code)"
    case .signaled(let signal):
      result.state = .failed
      result.reason = "killed by signal \(signal)"
    case .timedOut:
      result.state = .timedOut
      result.reason = "timed out after \(Duration.text(planned.step.timeout ?? 0))"
    case .interrupted:
      result.state = .interrupted
      result.reason = "interrupted"
    case .failedToStart(let why):
      result.state = .failed
      result.reason = "could not start: \(why)"
    }
  }

  private func readMetricsFile(_ planned: PlannedStep, into result: inout StepResult) {
    guard let file = planned.metricsFile else { return }
    let path = file.hasPrefix("/") ? file : planned.workingDirectory + "/" + file
    guard let text = FileText.read(path) else {
      result.reason = "metrics file \(file) was not written"
      return
    }
    guard let numbers = MetricsReader.metrics(inJSON: text) else {
      result.reason = "metrics file \(file) is not a JSON object of numbers"
      return
    }
    result.metrics.merge(numbers) { _, file in file }
  }
}

extension Duration {
  /// `1.5 s`, `10 m`, for messages.
  package static func text(_ seconds: Double) -> String {
    if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60)) m" }
    return Value.format(seconds).trimmedZero + " s"
  }
}
