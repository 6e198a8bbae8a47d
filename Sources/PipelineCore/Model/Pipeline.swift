/// A loaded pipeline: parameters, profiles and steps, with where each was written.
package struct Pipeline: Sendable {
  package var name: String
  package var description: String?
  /// The pipeline file's path, as given.
  package var file: String
  /// The folder steps run in by default, and the base for relative paths.
  package var folder: String
  package var parameters: [ParameterSpec]
  package var profiles: [Profile]
  /// Steps in dependency order (each after the steps it needs).
  package var steps: [Step]
  /// A hash of the file's text, recorded with each run.
  package var sourceHash: String
  /// Where steps run unless they say otherwise (`local`, `slurm`).
  package var executor: String?
  /// What the format adds to runs (DVC: the run's values in the params files the stages read,
  /// `dvc.lock` and DVC's cache); nil for pipeshell's own pipelines.
  package var runSupport: (any PipelineRunSupport)?

  package init(
    name: String, description: String?, file: String, folder: String, parameters: [ParameterSpec],
    profiles: [Profile], steps: [Step], sourceHash: String
  ) {
    self.name = name
    self.description = description
    self.file = file
    self.folder = folder
    self.parameters = parameters
    self.profiles = profiles
    self.steps = steps
    self.sourceHash = sourceHash
    self.parameterIndex = Dictionary(parameters.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
  }

  private var parameterIndex: [String: Int]

  /// The parameter declared with this name.
  package func parameter(_ name: String) -> ParameterSpec? {
    parameterIndex[name].map { parameters[$0] }
  }

  /// The position in `parameters` of the parameter declared with this name (the first, if
  /// the name is declared twice).
  package func parameterPosition(_ name: String) -> Int? { parameterIndex[name] }

  /// True when some name is declared twice (`a.b` beside a group `a` holding `b`).
  var declaresANameTwice: Bool { parameterIndex.count != parameters.count }

  /// The step with this name.
  package func step(_ name: String) -> Step? { steps.first { $0.name == name } }

  /// The profile with this name.
  package func profile(_ name: String) -> Profile? { profiles.first { $0.name == name } }

  /// Every declared parameter name, in declaration order.
  package var parameterNames: [String] { parameters.map(\.name) }
}

/// A named set of bindings (`profiles: {prod: {epochs: 50}}`).
package struct Profile: Sendable, Hashable {
  package var name: String
  package var bindings: [FileBinding]
  package var location: SourceLocation
}

/// One `name: value` written in a YAML file (a params file or a profile).
package struct FileBinding: Sendable, Hashable {
  package var name: String
  package var node: YAMLNode
  /// Where the key was written.
  package var location: SourceLocation
}
