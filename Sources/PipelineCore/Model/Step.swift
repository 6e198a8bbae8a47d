/// A step: a shell command with its dependencies, condition and files.
package struct Step: Sendable, Hashable {
  package var name: String
  package var location: SourceLocation
  package var run: Field
  package var needs: [String]
  package var when: Condition?
  package var env: [EnvironmentEntry]
  package var cwd: Field?
  /// Parameters the step depends on beyond those its fields reference.
  package var params: [String]
  package var inputs: [Field]
  package var outputs: [Field]
  package var metrics: Field?
  /// Seconds, or nil for no limit.
  package var timeout: Double?
  package var retries: Int
  package var continueOnError: Bool
  package var cache: Bool
  package var allowSecretInArgs: Bool

  package init(name: String, location: SourceLocation, run: Field) {
    self.name = name
    self.location = location
    self.run = run
    self.needs = []
    self.env = []
    self.params = []
    self.inputs = []
    self.outputs = []
    self.retries = 0
    self.continueOnError = false
    self.cache = true
    self.allowSecretInArgs = false
  }

  /// Every templated field, for reference checks.
  package var fields: [Field] {
    [run] + env.map(\.value) + (cwd.map { [$0] } ?? []) + inputs + outputs + (metrics.map { [$0] } ?? [])
  }

  /// The parameters the step depends on: those its fields and condition reference, plus `params:`.
  package var parameterDependencies: [String] {
    var seen = Set<String>()
    var names: [String] = []
    let referenced = fields.flatMap(\.template.parameterNames) + (when?.referencedNames ?? []) + params
    for name in referenced where seen.insert(name).inserted { names.append(name) }
    return names
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
