/// One step as it will run.
///
/// The fields live in one shared, immutable box, as `ParameterSpec`'s do: a planned step holds
/// dozens of references (the step, its rendered command, paths and values), and a plan's steps
/// are copied through the run path, the table and the run record, thousands for a DVC
/// `matrix`; a copy then costs one reference count instead of one per reference. Setting a field
/// makes a new box; only the planner and the run's binding sets set any.
package struct PlannedStep: Sendable {
  /// Whether the step runs, and why not.
  package enum Decision: Sendable, Hashable {
    case runs
    case skipped(reason: String)
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

  private final class Box: Sendable {
    let fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var box: Box

  package init(
    step: Step, decision: Decision, command: StepCommand, commandLines: [StepCommand] = [],
    environment: [EnvironmentVariable], workingDirectory: String, inputs: [String], outputs: [String],
    metricsFiles: [String], dependencies: [ParameterValue], epoch: Int = 0, executor: String,
    resources: StepResources
  ) {
    box = Box(
      Fields(
        step: step, decision: decision, command: command, commandLines: commandLines, environment: environment,
        workingDirectory: workingDirectory, inputs: inputs, outputs: outputs, metricsFiles: metricsFiles,
        dependencies: dependencies, epoch: epoch, executor: executor, resources: resources))
  }

  private mutating func set<T>(_ field: WritableKeyPath<Fields, T>, _ value: T) {
    var fields = box.fields
    fields[keyPath: field] = value
    box = Box(fields)
  }

  package var step: Step {
    get { box.fields.step }
    set { set(\.step, newValue) }
  }
  package var decision: Decision {
    get { box.fields.decision }
    set { set(\.decision, newValue) }
  }
  package var command: StepCommand {
    get { box.fields.command }
    set { set(\.command, newValue) }
  }
  /// Each command line as rendered (a DVC `cmd` may have several; `command` runs them all).
  package var commandLines: [StepCommand] {
    get { box.fields.commandLines }
    set { set(\.commandLines, newValue) }
  }
  /// The `env:` entries, then `PARAM_<NAME>` of each non-secret parameter the step depends on.
  package var environment: [EnvironmentVariable] {
    get { box.fields.environment }
    set { set(\.environment, newValue) }
  }
  package var workingDirectory: String {
    get { box.fields.workingDirectory }
    set { set(\.workingDirectory, newValue) }
  }
  /// Input and output paths as rendered (relative to the working directory unless absolute).
  package var inputs: [String] {
    get { box.fields.inputs }
    set { set(\.inputs, newValue) }
  }
  package var outputs: [String] {
    get { box.fields.outputs }
    set { set(\.outputs, newValue) }
  }
  /// Metrics files (JSON objects of numbers) as rendered.
  package var metricsFiles: [String] {
    get { box.fields.metricsFiles }
    set { set(\.metricsFiles, newValue) }
  }
  /// The parameters the step depends on, with their values.
  package var dependencies: [ParameterValue] {
    get { box.fields.dependencies }
    set { set(\.dependencies, newValue) }
  }
  /// Which of the run's binding sets planned the step (a set changes when values change while
  /// the run is paused).
  package var epoch: Int {
    get { box.fields.epoch }
    set { set(\.epoch, newValue) }
  }
  /// Where the step runs: `local`, `slurm`.
  package var executor: String {
    get { box.fields.executor }
    set { set(\.executor, newValue) }
  }
  package var resources: StepResources {
    get { box.fields.resources }
    set { set(\.resources, newValue) }
  }

  package var name: String { box.fields.step.name }

  /// True when the step will run.
  package var runs: Bool { box.fields.decision == .runs }

  /// The `env:` entries of the step (not the `PARAM_*` ones), values masked.
  package var declaredEnvironment: [(name: String, value: String)] {
    environment.prefix(step.env.count).map { ($0.name, $0.displayValue) }
  }
}
