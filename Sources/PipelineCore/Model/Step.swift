/// A step: a shell command with its dependencies, condition and files.
package struct Step: Sendable, Hashable {
  package var name: String
  package var location: SourceLocation
  /// The command lines, run in order by `/bin/sh`, each in a shell of its own, stopping at the
  /// first that fails (one for a pipeshell step; a DVC `cmd:` list may give several).
  package var commands: [Field]
  package var needs: [String]
  package var when: Condition?
  package var env: [EnvironmentEntry]
  package var cwd: Field?
  /// Parameters the step depends on beyond those its fields reference.
  package var params: [String]
  package var inputs: [Field]
  package var outputs: [Field]
  /// Metrics files the step writes (JSON objects of numbers).
  package var metrics: [Field]
  /// Seconds, or nil for no limit.
  package var timeout: Double?
  package var retries: Int
  package var continueOnError: Bool
  package var cache: Bool
  package var allowSecretInArgs: Bool
  /// What the step does, for `plan STEP` and `help`.
  package var description: String?
  /// Where it runs (`local`, `slurm`); nil follows the pipeline.
  package var executor: String?
  package var resources: StepResources
  /// Why the step never runs, when it never does (a DVC stage marked `frozen: true`): it is
  /// skipped with this reason, and the steps after it run with its outputs as they are.
  package var skipReason: String?
  /// Why the step runs every time when `cache` is false (`cache: false`, DVC's
  /// `always_changed: true`), shown as its reason.
  package var noCacheReason = "cache: false"

  package init(name: String, location: SourceLocation, run: Field) {
    self.name = name
    self.location = location
    self.commands = [run]
    self.needs = []
    self.env = []
    self.params = []
    self.inputs = []
    self.outputs = []
    self.metrics = []
    self.retries = 0
    self.continueOnError = false
    self.cache = true
    self.allowSecretInArgs = false
    self.resources = StepResources()
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
