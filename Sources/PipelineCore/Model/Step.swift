/// A step: a shell command with its dependencies, condition and files.
///
/// The fields live in one shared box, copied when set while shared (copy on write): a step is
/// copied into every planned step and through the run path, thousands of times for a DVC
/// `matrix`, and a copy then costs one reference count instead of one per field.
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
    var description: String?
    var executor: String?
    var resources: StepResources
    var skipReason: String?
    var noCacheReason = "cache: false"
  }

  /// Set only while no other step shares it (`isKnownUniquelyReferenced`), so never while
  /// another thread reads it.
  private final class Box: @unchecked Sendable {
    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var box: Box

  package init(name: String, location: SourceLocation, run: Field) {
    box = Box(
      Fields(
        name: name, location: location, commands: [run], needs: [], when: nil, env: [], cwd: nil, params: [],
        inputs: [], outputs: [], metrics: [], timeout: nil, retries: 0, continueOnError: false, cache: true,
        allowSecretInArgs: false, description: nil, executor: nil, resources: StepResources(), skipReason: nil,
        noCacheReason: "cache: false"))
  }

  private mutating func set<T>(_ field: WritableKeyPath<Fields, T>, _ value: T) {
    if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    box.fields[keyPath: field] = value
  }

  /// Steps are equal when all their fields are.
  package static func == (a: Step, b: Step) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
  package func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

  package var name: String {
    get { box.fields.name }
    set { set(\.name, newValue) }
  }
  package var location: SourceLocation {
    get { box.fields.location }
    set { set(\.location, newValue) }
  }
  /// The command lines, run in order by `/bin/sh`, each in a shell of its own, stopping at the
  /// first that fails (one for a pipeshell step; a DVC `cmd:` list may give several).
  package var commands: [Field] {
    get { box.fields.commands }
    set { set(\.commands, newValue) }
  }
  package var needs: [String] {
    get { box.fields.needs }
    set { set(\.needs, newValue) }
  }
  package var when: Condition? {
    get { box.fields.when }
    set { set(\.when, newValue) }
  }
  package var env: [EnvironmentEntry] {
    get { box.fields.env }
    set { set(\.env, newValue) }
  }
  package var cwd: Field? {
    get { box.fields.cwd }
    set { set(\.cwd, newValue) }
  }
  /// Parameters the step depends on beyond those its fields reference.
  package var params: [String] {
    get { box.fields.params }
    set { set(\.params, newValue) }
  }
  package var inputs: [Field] {
    get { box.fields.inputs }
    set { set(\.inputs, newValue) }
  }
  package var outputs: [Field] {
    get { box.fields.outputs }
    set { set(\.outputs, newValue) }
  }
  /// Metrics files the step writes (JSON objects of numbers).
  package var metrics: [Field] {
    get { box.fields.metrics }
    set { set(\.metrics, newValue) }
  }
  /// Seconds, or nil for no limit.
  package var timeout: Double? {
    get { box.fields.timeout }
    set { set(\.timeout, newValue) }
  }
  package var retries: Int {
    get { box.fields.retries }
    set { set(\.retries, newValue) }
  }
  package var continueOnError: Bool {
    get { box.fields.continueOnError }
    set { set(\.continueOnError, newValue) }
  }
  package var cache: Bool {
    get { box.fields.cache }
    set { set(\.cache, newValue) }
  }
  package var allowSecretInArgs: Bool {
    get { box.fields.allowSecretInArgs }
    set { set(\.allowSecretInArgs, newValue) }
  }
  /// What the step does, for `plan STEP` and `help`.
  package var description: String? {
    get { box.fields.description }
    set { set(\.description, newValue) }
  }
  /// Where it runs (`local`, `slurm`); nil follows the pipeline.
  package var executor: String? {
    get { box.fields.executor }
    set { set(\.executor, newValue) }
  }
  package var resources: StepResources {
    get { box.fields.resources }
    set { set(\.resources, newValue) }
  }
  /// Why the step never runs, when it never does (a DVC stage marked `frozen: true`): it is
  /// skipped with this reason, and the steps after it run with its outputs as they are.
  package var skipReason: String? {
    get { box.fields.skipReason }
    set { set(\.skipReason, newValue) }
  }

  /// Why the step runs every time when `cache` is false (`cache: false`, DVC's
  /// `always_changed: true`), shown as its reason.
  package var noCacheReason: String {
    get { box.fields.noCacheReason }
    set { set(\.noCacheReason, newValue) }
  }

  /// The first command line (the only one of a pipeshell step).
  package var run: Field {
    get { commands[0] }
    set { commands[0] = newValue }
  }

  /// Every templated field, for reference checks.
  package var fields: [Field] {
    commands + env.map(\.value) + (cwd.map { [$0] } ?? []) + inputs + outputs + metrics
  }

  /// The parameters the step depends on: those its fields and condition reference, plus `params:`.
  /// (In the order of `fields`, without putting the fields or their names together: the planner
  /// asks for every step of a plan.)
  package var parameterDependencies: [String] {
    var names = UniqueNames()
    for field in commands { names.add(field.template) }
    for entry in env { names.add(entry.value.template) }
    if let cwd { names.add(cwd.template) }
    for field in inputs { names.add(field.template) }
    for field in outputs { names.add(field.template) }
    for field in metrics { names.add(field.template) }
    for name in when?.referencedNames ?? [] { names.add(name) }
    for name in params { names.add(name) }
    return names.list
  }

  /// True when a field reads an environment variable, a command or a file (`${env:...}`,
  /// `${cmd:...}`, `${file:...}`).
  package var readsDynamicSource: Bool {
    commands.contains { $0.template.isDynamic } || env.contains { $0.value.template.isDynamic }
      || cwd?.template.isDynamic == true || inputs.contains { $0.template.isDynamic }
      || outputs.contains { $0.template.isDynamic } || metrics.contains { $0.template.isDynamic }
  }
}

/// Names in the order first added, each once: a step depends on a handful, looked through in
/// place; a set is made only for a long list.
private struct UniqueNames {
  var list: [String] = []
  private var seen: Set<String> = []

  mutating func add(_ template: Template) {
    for part in template.parts {
      switch part {
      case .parameter(let name): add(name)
      case .dvcValue(let reference): for piece in reference.pieces { add(piece.parameter) }
      default: continue
      }
    }
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
