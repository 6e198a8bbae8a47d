/// One step as it will run.
///
/// The fields live in one shared box (`SharedFields`): a planned step holds dozens of references
/// (the step, its rendered command, paths and values), and a plan's steps are copied through
/// the run path, the table and the run record, thousands for a DVC `matrix`. Only the planner
/// and the run's binding sets set a field.
package struct PlannedStep: Sendable {
  /// Whether the step runs, and why not.
  package enum Decision: Sendable, Hashable {
    case runs
    case skipped(reason: String)
    /// The command does not run, but the step's outputs are checked and recorded by its format
    /// (a frozen DVC stage, which `dvc repro` verifies); the reason says why.
    case verifies(reason: String)
  }

  private struct Fields: Sendable {
    var step: Step
    var decision: Decision
    var command: StepCommand
    var commandLines: [StepCommand]
    var environment: [EnvironmentVariable]
    var workingDirectory: String
    var inputs: [String]
    var outputs: [String]
    var metricsFiles: [String]
    var dependencies: [ParameterValue]
    var epoch: Int
    var executor: String
    var resources: StepResources
  }

  private var box: SharedFields<Fields>

  package init(
    step: Step, decision: Decision, command: StepCommand, commandLines: [StepCommand] = [],
    environment: [EnvironmentVariable], workingDirectory: String, inputs: [String], outputs: [String],
    metricsFiles: [String], dependencies: [ParameterValue], epoch: Int = 0, executor: String,
    resources: StepResources
  ) {
    box = SharedFields(
      Fields(
        step: step, decision: decision, command: command, commandLines: commandLines, environment: environment,
        workingDirectory: workingDirectory, inputs: inputs, outputs: outputs, metricsFiles: metricsFiles,
        dependencies: dependencies, epoch: epoch, executor: executor, resources: resources))
  }

  package var step: Step {
    get { box.fields.step }
    set { box.set(\.step, newValue) }
  }
  package var decision: Decision {
    get { box.fields.decision }
    set { box.set(\.decision, newValue) }
  }
  package var command: StepCommand {
    get { box.fields.command }
    set { box.set(\.command, newValue) }
  }
  /// Each command line as rendered (a DVC `cmd` may have several; `command` runs them all).
  package var commandLines: [StepCommand] {
    get { box.fields.commandLines }
    set { box.set(\.commandLines, newValue) }
  }
  /// The `env:` entries, then `PARAM_<NAME>` of each non-secret parameter the step depends on.
  package var environment: [EnvironmentVariable] {
    get { box.fields.environment }
    set { box.set(\.environment, newValue) }
  }
  package var workingDirectory: String {
    get { box.fields.workingDirectory }
    set { box.set(\.workingDirectory, newValue) }
  }
  /// Input and output paths as rendered (relative to the working directory unless absolute).
  package var inputs: [String] {
    get { box.fields.inputs }
    set { box.set(\.inputs, newValue) }
  }
  package var outputs: [String] {
    get { box.fields.outputs }
    set { box.set(\.outputs, newValue) }
  }
  /// Metrics files (JSON objects of numbers) as rendered.
  package var metricsFiles: [String] {
    get { box.fields.metricsFiles }
    set { box.set(\.metricsFiles, newValue) }
  }
  /// The parameters the step depends on, with their values.
  package var dependencies: [ParameterValue] {
    get { box.fields.dependencies }
    set { box.set(\.dependencies, newValue) }
  }
  /// Which of the run's binding sets planned the step (a set changes when values change while
  /// the run is paused).
  package var epoch: Int {
    get { box.fields.epoch }
    set { box.set(\.epoch, newValue) }
  }
  /// Where the step runs: `local`, `slurm`.
  package var executor: String {
    get { box.fields.executor }
    set { box.set(\.executor, newValue) }
  }
  package var resources: StepResources {
    get { box.fields.resources }
    set { box.set(\.resources, newValue) }
  }

  package var name: String { box.fields.step.name }

  /// True when the step will run.
  package var runs: Bool { box.fields.decision == .runs }

  /// The `env:` entries of the step (not the `PARAM_*` ones), values masked.
  package var declaredEnvironment: [(name: String, value: String)] {
    environment.prefix(step.env.count).map { ($0.name, $0.displayValue) }
  }

  /// Those of the `env:` entries that show as a secret (`****`): `plan` lists them beside the
  /// command.
  package var declaredSecrets: [(name: String, value: String)] {
    environment.prefix(step.env.count).compactMap { $0.displayValue == Secret.mask ? ($0.name, $0.displayValue) : nil }
  }
}
