import PipelineCore

/// The pipeline the targets that need one work against: every parameter type, a dotted name,
/// a secret, references, a profile, and steps with conditions and templated fields.
package enum Fixture {
  /// Where the fixture pipeline lives. `/dev/null` is not a folder, so nothing can ever be
  /// created under it: a run store, a log or a step output cannot reach the disk.
  package static let folder = "/dev/null/fuzz"
  package static let pipelinePath = folder + "/pipeline.yaml"

  /// The fixture pipeline's YAML text.
  package static let pipelineText = #"""
    name: fuzz
    params:
      epochs: {type: int, default: 10, min: 1, max: 1000}
      lr: {type: float, default: 0.01, min: 0.000001, max: 1}
      model: {type: choice, choices: [linear, tree, mlp], default: linear}
      train: {type: bool, default: true}
      layers: {type: list, items: int, default: [64, 32]}
      names: {type: list, items: string, default: [a, b]}
      tags: {type: dict, default: {team: ml}}
      run_name: {type: string, default: "${model}-e${epochs}", pattern: "^[a-z0-9-]+$", max_length: 40}
      data: {type: path, default: data/train.csv}
      opt:
        beta: {type: float, default: 0.9}
      token: {type: secret}
      home: {type: string, default: "${env:HOME:-/root}"}
    profiles:
      quick: {epochs: 2, opt: {beta: 0.5}}
    steps:
      prepare:
        run: echo ${epochs} ${data}
        outputs: ["out/${run_name}.txt"]
      train:
        needs: [prepare]
        when: train and epochs > 0 and model in ['linear', 'tree']
        run: echo ${lr} ${layers} ${opt.beta}
        env: {TOKEN: "${token}"}
        metrics: out/m.json
    """#

  /// A params file for the fixture pipeline.
  package static let paramsText = """
    epochs: 20
    opt: {beta: 0.8}
    """

  /// The environment the fixture sessions and resolutions see.
  package static let environment = ["HOME": "/home/fuzz", "FUZZ_TOKEN": secretValue, "PIPESHELL_LR": "0.02"]

  /// The value bound to `token`; it must never appear in anything the shell writes.
  package static let secretValue = "fuzz-s3cret-7f3a9"

  /// The fixture pipeline, loaded once.
  package static let pipeline: Pipeline = {
    do {
      return try PipelineLoader().load(text: pipelineText, file: "pipeline.yaml", folder: folder).0
    } catch {
      fuzzRequire(false, "the fixture pipeline does not load: \(error)")
      fatalError()
    }
  }()

  /// The declared types by name, for type-checking conditions.
  package static let types: [String: ParameterType] = Dictionary(
    pipeline.parameters.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
}
