import PipelineCore

/// What a command works with: the session, the output, and the outside world.
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

  /// Resolves the session's parameters with optional run overrides.
  package func snapshot(runOverrides: [Binding] = []) throws(CommandError) -> Snapshot {
    Resolver(sources: services.dynamicSources).resolve(try session.resolutionInput(runOverrides: runOverrides))
  }

  /// Plans a run of the loaded pipeline.
  package func plan(runOverrides: [Binding] = []) throws(CommandError) -> (Snapshot, Plan) {
    let snapshot = try snapshot(runOverrides: runOverrides)
    let planner = Planner(environment: session.environment, sources: services.dynamicSources)
    return (snapshot, planner.plan(try session.requirePipeline(), snapshot: snapshot))
  }

  /// A path typed by the user, made absolute against the command's base folder.
  package func path(_ typed: String) -> String { Paths.absolute(typed, base: session.baseFolder) }

  /// Renders diagnostics the way the shell shows errors, with source lines where known (never
  /// showing a secret's value in them).
  package func render(_ diagnostics: [Diagnostic]) -> String {
    let files = services.fileSystem
    let secrets = Set(session.pipeline?.parameters.filter(\.isSecret).map(\.name) ?? [])
    return DiagnosticRenderer(sourceText: { try? files.read($0) }, secretNames: secrets).render(diagnostics)
  }
}

/// The outside world the shell reaches: files, commands for `${cmd:}`, secret input.
package struct Services: Sendable {
  package var fileSystem: any FileSystem
  package var dynamicSources: any DynamicSources
  /// Reads a secret without echo; nil when input is not a terminal.
  package var secretReader: (any SecretReader)?
  /// Starts step processes.
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
