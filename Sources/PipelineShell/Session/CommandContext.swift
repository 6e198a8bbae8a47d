import PipelineCore

/// What a command works with: the session, the output, and the outside world.
@MainActor
package struct CommandContext: Sendable {
  package var session: ShellSession
  package var output: any OutputSink
  package var services: Services
  package var registry: CommandRegistry
  /// Colours for output (plain unless on a terminal).
  package var style: Style

  package init(
    session: ShellSession, output: any OutputSink, services: Services, registry: CommandRegistry, style: Style = .plain
  ) {
    self.style = style
    self.session = session
    self.output = output
    self.services = services
    self.registry = registry
  }

  /// Resolves the session's parameters with optional run overrides (dynamic values read
  /// afresh, as a run starting now would read them).
  package func snapshot(runOverrides: [Binding] = []) throws(CommandError) -> Snapshot {
    let input = try session.resolutionInput(runOverrides: runOverrides)
    return Resolver(sources: services.dynamicSources, input: input).resolve(input)
  }

  /// Plans a run of the loaded pipeline: one resolution, whose dynamic values the plan's step
  /// fields read too.
  package func plan(runOverrides: [Binding] = [], executor: String? = nil) throws(CommandError) -> (Snapshot, Plan) {
    try plan(try session.resolutionInput(runOverrides: runOverrides), executor: executor)
  }

  /// Plans `input` (a session's, or a run's).
  package func plan(_ input: ResolutionInput, executor: String? = nil) throws(CommandError) -> (Snapshot, Plan) {
    let dynamic = DynamicValues(sources: services.dynamicSources, environment: input.environment, folder: input.pipeline.folder)
    let planning = RunPlanning(dynamic: dynamic, executor: executor)
    let (snapshots, plan) = planning.plan([input], stepEpochs: [:])
    return (snapshots[0], plan)
  }

  /// A path typed by the user, made absolute against the command's base folder.
  package func path(_ typed: String) -> String { Paths.absolute(typed, base: session.baseFolder) }

  /// The most diagnostics shown at once; the rest are counted.
  static let maximumShown = 100

  /// Renders diagnostics the way the shell shows errors, with source lines where known (never
  /// showing a secret's value in them). Each file is read once however many diagnostics point
  /// into it, and beyond the first hundred diagnostics only their number is shown.
  package func render(_ diagnostics: [Diagnostic]) -> String {
    let files = services.fileSystem
    let secrets = Set(session.pipeline?.parameters.filter(\.isSecret).map(\.name) ?? [])
    let renderer = DiagnosticRenderer(sourceText: { try? files.read($0) }, secretNames: secrets)
    var text = renderer.render(Array(diagnostics.prefix(Self.maximumShown)))
    if diagnostics.count > Self.maximumShown {
      text += "\n... and \(diagnostics.count - Self.maximumShown) more problems"
    }
    return text
  }
}

/// The outside world the shell reaches: files, commands for `${cmd:}`, secret input.
package struct Services: Sendable {
  package var fileSystem: any FileSystem
  package var dynamicSources: any DynamicSources
  /// Reads a secret without echo; nil when input is not a terminal.
  package var secretReader: (any SecretReader)?
  /// Starts processes (steps on this machine, `shell`, `${cmd:}`, Slurm's commands).
  package var launcher: any ProcessLauncher
  package var clock: any Clock
  /// True when the shell runs at a terminal (steps get the terminal; colour may be on).
  package var interactive: Bool

  package init(
    fileSystem: any FileSystem, dynamicSources: any DynamicSources, secretReader: (any SecretReader)?,
    launcher: any ProcessLauncher, clock: any Clock = SystemClock(), interactive: Bool = false
  ) {
    self.fileSystem = fileSystem
    self.dynamicSources = dynamicSources
    self.secretReader = secretReader
    self.launcher = launcher
    self.clock = clock
    self.interactive = interactive
  }
}

/// Reads a secret value from the terminal without echo.
package protocol SecretReader: Sendable {
  /// Returns the typed value, or nil when cancelled (Ctrl-C, Ctrl-D).
  func readSecret(prompt: String) -> String?
}
