/// A step: a shell command with its dependencies, condition and files.
///
/// The fields live in one shared box (`SharedFields`): a step is copied into every planned step
/// and through the run path, thousands of times for a DVC `matrix`. A step made from another
/// format in one go (a DVC stage) is made with all its fields at once, in one box.
package struct Step: Sendable, Hashable {
  private struct Fields: Sendable, Hashable {
    var name: String
    var location: SourceLocation
    var commands: [Field]
    var needs: [String]
    var when: Condition?
    var env: [EnvironmentEntry]
    var cwd: Field?
    var params: [String]
    var inputs: [Field]
    var outputs: [Field]
    var metrics: [Field]
    var timeout: Double?
    var retries: Int
    var continueOnError: Bool
    var cache: Bool
    var allowSecretInArgs: Bool
    var runsRenderedLinesApart: Bool
    var skipsUnreadableMetrics: Bool
    var runsInUserShell: Bool
    var restoresOutputs: Bool
    var reusedOnlyByFormat: Bool
    var description: String?
    var executor: String?
    var resources: StepResources
    var verifyReason: String?
    var noCacheReason: String
  }

  private var box: SharedFields<Fields>

  package init(name: String, location: SourceLocation, run: Field) {
    self.init(name: name, location: location, commands: [run])
  }

  /// A step with the fields given, the others unset (no condition, no limits, cached).
  package init(
    name: String, location: SourceLocation, commands: [Field], needs: [String] = [], env: [EnvironmentEntry] = [],
    cwd: Field? = nil, params: [String] = [], inputs: [Field] = [], outputs: [Field] = [], metrics: [Field] = [],
    cache: Bool = true, description: String? = nil, verifyReason: String? = nil,
    noCacheReason: String = "cache: false", runsRenderedLinesApart: Bool = false, skipsUnreadableMetrics: Bool = false,
    runsInUserShell: Bool = false, restoresOutputs: Bool = true, reusedOnlyByFormat: Bool = false
  ) {
    box = SharedFields(
      Fields(
        name: name, location: location, commands: commands, needs: needs, when: nil, env: env, cwd: cwd,
        params: params, inputs: inputs, outputs: outputs, metrics: metrics, timeout: nil, retries: 0,
        continueOnError: false, cache: cache, allowSecretInArgs: false, runsRenderedLinesApart: runsRenderedLinesApart,
        skipsUnreadableMetrics: skipsUnreadableMetrics, runsInUserShell: runsInUserShell,
        restoresOutputs: restoresOutputs, reusedOnlyByFormat: reusedOnlyByFormat,
        description: description, executor: nil, resources: StepResources(), verifyReason: verifyReason,
        noCacheReason: noCacheReason))
  }

  /// Steps are equal when all their fields are.
  package static func == (a: Step, b: Step) -> Bool { a.box == b.box }
  package func hash(into hasher: inout Hasher) { box.hash(into: &hasher) }

  package var name: String {
    get { box.fields.name }
    set { box.set(\.name, newValue) }
  }
  package var location: SourceLocation {
    get { box.fields.location }
    set { box.set(\.location, newValue) }
  }
  /// The command lines, run in order by `/bin/sh`, each in a shell of its own, stopping at the
  /// first that fails (one for a pipeshell step; a DVC `cmd:` list may give several).
  package var commands: [Field] {
    get { box.fields.commands }
    set { box.set(\.commands, newValue) }
  }
  package var needs: [String] {
    get { box.fields.needs }
    set { box.set(\.needs, newValue) }
  }
  package var when: Condition? {
    get { box.fields.when }
    set { box.set(\.when, newValue) }
  }
  package var env: [EnvironmentEntry] {
    get { box.fields.env }
    set { box.set(\.env, newValue) }
  }
  package var cwd: Field? {
    get { box.fields.cwd }
    set { box.set(\.cwd, newValue) }
  }
  /// Parameters the step depends on beyond those its fields reference.
  package var params: [String] {
    get { box.fields.params }
    set { box.set(\.params, newValue) }
  }
  package var inputs: [Field] {
    get { box.fields.inputs }
    set { box.set(\.inputs, newValue) }
  }
  package var outputs: [Field] {
    get { box.fields.outputs }
    set { box.set(\.outputs, newValue) }
  }
  /// Metrics files the step writes (JSON objects of numbers).
  package var metrics: [Field] {
    get { box.fields.metrics }
    set { box.set(\.metrics, newValue) }
  }
  /// Seconds, or nil for no limit.
  package var timeout: Double? {
    get { box.fields.timeout }
    set { box.set(\.timeout, newValue) }
  }
  package var retries: Int {
    get { box.fields.retries }
    set { box.set(\.retries, newValue) }
  }
  package var continueOnError: Bool {
    get { box.fields.continueOnError }
    set { box.set(\.continueOnError, newValue) }
  }
  package var cache: Bool {
    get { box.fields.cache }
    set { box.set(\.cache, newValue) }
  }
  package var allowSecretInArgs: Bool {
    get { box.fields.allowSecretInArgs }
    set { box.set(\.allowSecretInArgs, newValue) }
  }
  /// True for a DVC `cmd` string: DVC renders it, then runs each of its lines (Python's
  /// `splitlines`) in a shell of its own, so a value holding a line break makes two commands.
  package var runsRenderedLinesApart: Bool {
    get { box.fields.runsRenderedLinesApart }
    set { box.set(\.runsRenderedLinesApart, newValue) }
  }
  /// True for a DVC stage: DVC takes any file (CSV, a folder) as a metric and reads it only when
  /// asked, so one pipeshell cannot read as numbers is left out of the record, not a failure.
  package var skipsUnreadableMetrics: Bool {
    get { box.fields.skipsUnreadableMetrics }
    set { box.set(\.skipsUnreadableMetrics, newValue) }
  }
  /// True for a DVC stage: DVC runs commands with the user's `$SHELL` (`UserShell`), so bash
  /// syntax in a `cmd` works there; pipeshell's own steps run with `/bin/sh`.
  package var runsInUserShell: Bool {
    get { box.fields.runsInUserShell }
    set { box.set(\.runsInUserShell, newValue) }
  }
  /// False where the step's outputs are reused only while they are as an earlier run left them,
  /// never restored from the cache: DVC's run cache restores no stage with a `persist` or
  /// uncached output, or without dependencies, and runs it again.
  package var restoresOutputs: Bool {
    get { box.fields.restoresOutputs }
    set { box.set(\.restoresOutputs, newValue) }
  }
  /// True where pipeshell's own cache cannot see all the step reads (a DVC stage depending on a
  /// URL): it never reuses the step, but the format may, from its own record (`dvc.lock`, which
  /// holds the URL's ETag).
  package var reusedOnlyByFormat: Bool {
    get { box.fields.reusedOnlyByFormat }
    set { box.set(\.reusedOnlyByFormat, newValue) }
  }
  /// What the step does, for `plan STEP` and `help`.
  package var description: String? {
    get { box.fields.description }
    set { box.set(\.description, newValue) }
  }
  /// Where it runs (`local`, `slurm`); nil follows the pipeline.
  package var executor: String? {
    get { box.fields.executor }
    set { box.set(\.executor, newValue) }
  }
  package var resources: StepResources {
    get { box.fields.resources }
    set { box.set(\.resources, newValue) }
  }
  /// Why the step's command never runs, when it never does (a DVC stage marked `frozen: true`):
  /// its outputs are verified and recorded instead (`PlannedStep.Decision.verifies`), as
  /// `dvc repro` verifies a frozen stage, and the steps after it run with its outputs as they are.
  package var verifyReason: String? {
    get { box.fields.verifyReason }
    set { box.set(\.verifyReason, newValue) }
  }

  /// Why the step runs every time when `cache` is false (`cache: false`, DVC's
  /// `always_changed: true`), shown as its reason.
  package var noCacheReason: String {
    get { box.fields.noCacheReason }
    set { box.set(\.noCacheReason, newValue) }
  }

  /// The first command line (the only one of a pipeshell step).
  package var run: Field {
    get { commands[0] }
    set { commands[0] = newValue }
  }

  /// Every templated field, for reference checks.
  package var fields: [Field] {
    var all: [Field] = []
    forEachField { all.append($0) }
    return all
  }

  /// Each templated field in the order of `fields`, without putting them together: the planner
  /// asks every step of a plan what its fields read.
  ///
  /// Fields are read where they lie (by index): a `for` loop copied each one it passed.
  package func forEachField(_ body: (Field) -> Void) {
    func each(_ fields: [Field]) {
      for index in fields.indices { body(fields[index]) }
    }
    each(commands)
    let env = self.env
    for index in env.indices { body(env[index].value) }
    if let cwd { body(cwd) }
    each(inputs)
    each(outputs)
    each(metrics)
  }

  /// The parameters the step depends on: those its fields and condition reference, plus `params:`.
  package var parameterDependencies: [String] {
    var names = UniqueNames()
    forEachField { $0.template.forEachParameterName { names.add($0) } }
    for name in when?.referencedNames ?? [] { names.add(name) }
    for name in params { names.add(name) }
    return names.list
  }

  /// True when a field reads an environment variable, a command or a file (`${env:...}`,
  /// `${cmd:...}`, `${file:...}`).
  package var readsDynamicSource: Bool {
    var reads = false
    forEachField { reads = reads || $0.template.isDynamic }
    return reads
  }
}

/// Names in the order first added, each once: a step depends on a handful, looked through in
/// place; a set is made only for a long list.
private struct UniqueNames {
  var list: [String] = []
  private var seen: Set<String> = []

  /// Room for a step's usual handful at once: growing from empty took three allocations for
  /// each of thousands of steps.
  init() {
    list.reserveCapacity(8)
  }

  mutating func add(_ name: String) {
    if list.count < 16 {
      if !list.contains(name) { list.append(name) }
      return
    }
    if seen.isEmpty { seen = Set(list) }
    if seen.insert(name).inserted { list.append(name) }
  }
}

/// A templated step field with where it was written.
package struct Field: Sendable, Hashable {
  package var template: Template
  package var location: SourceLocation
}

/// One `env:` entry of a step.
package struct EnvironmentEntry: Sendable, Hashable {
  package var name: String
  package var value: Field
}

/// A parsed `when:` condition.
package struct Condition: Sendable, Hashable {
  package var expression: Expression
  package var location: SourceLocation

  /// The parameters the condition reads, in a stable order.
  package var referencedNames: [String] { expression.referencedNames.sorted() }
}
