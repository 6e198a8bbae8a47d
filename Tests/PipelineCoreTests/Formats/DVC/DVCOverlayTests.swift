import Testing

@testable import PipelineCore

@Suite struct DVCOverlayTests {
  static let files = InMemoryDVCFiles([
    "params.yaml": "train:\n  lr: 0.1\n  epochs: 10\n  log-level: info\n  opt: adam\nseed: 1\n",
    "configs/extra.yaml": "batch: 32\n",
    "dvc.yaml": """
    stages:
      train:
        cmd: python train.py ${train.lr}
        params: [train, {configs/extra.yaml: [batch]}]
      eval:
        foreach: [a, b]
        do:
          cmd: python eval.py ${item}
    """,
  ])

  static func project() throws -> DVCProject { try DVCProjectLoader().load(files: files).0 }

  static func read(_ text: String) throws -> DVCOverlay {
    try DVCOverlayReader().read(text, file: "pipeshell.yaml", project: try project()).0
  }

  static func errors(_ text: String) throws -> [String] {
    do {
      _ = try read(text)
      return []
    } catch let error as DiagnosticError {
      return error.diagnostics.map { ([$0.description] + $0.notes).joined(separator: " | ") }
    }
  }

  @Test func declaresTypesSecretsProfilesAndEnvironments() throws {
    let overlay = try Self.read(
      """
      params:
        train.lr: {type: float, min: 0, max: 1, description: Learning rate}
        train:
          epochs: {type: int, min: 1}
          log-level: {type: choice, choices: [debug, info]}
        "[configs/extra.yaml].batch": {type: int}
        api_key: {type: secret}
      profiles:
        fast: {train.epochs: 1, train: {lr: 0.5}}
      stages:
        train:
          env: {API_KEY: "${api_key}", MODE: fast}
        eval:
          env: {MODE: eval}
      """)
    #expect(
      overlay.parameters.map(\.name) == [
        "train.lr", "train.epochs", "train.log-level", "[configs/extra.yaml].batch", "api_key",
      ])
    #expect(overlay.parameters[0].maximum == 1 && overlay.parameters[0].description == "Learning rate")
    #expect(overlay.parameters[2].type == .choice(["debug", "info"]))
    #expect(overlay.parameters[4].isSecret)
    #expect(overlay.profiles.first?.bindings.map(\.name) == ["train.epochs", "train.lr"])
    let project = try Self.project()
    #expect(overlay.environment(for: try #require(project.stage("train"))).map(\.name) == ["API_KEY", "MODE"])
    #expect(overlay.environment(for: try #require(project.stage("eval@b"))).map(\.name) == ["MODE"])
  }

  @Test(arguments: [
    (
      "params:\n  train.lrr: {type: float}\n",
      "pipeshell.yaml:2:3: error: unknown parameter 'train.lrr': no params file holds it | did you mean 'train.lr'?"
    ),
    (
      "params:\n  train.lr: {type: int}\n",
      "pipeshell.yaml:2:3: error: the value of 'train.lr' at params.yaml:2:7 is a float (0.1), not int"
    ),
    (
      "params:\n  seed: {type: secret}\n",
      "pipeshell.yaml:2:3: error: 'seed' is a value of params.yaml, so it cannot be a secret | a secret never reaches a file; declare a new name and pass it with 'env:'"
    ),
    (
      "params:\n  train.opt: {type: choice, choices: [sgd]}\n",
      "pipeshell.yaml:2:3: error: the value of 'train.opt' at params.yaml:5:8 ('adam') is not one of sgd"
    ),
    (
      "stages:\n  trian:\n    env: {A: b}\n",
      "pipeshell.yaml:2:3: error: unknown stage 'trian' in pipeshell.yaml | did you mean 'train'?"
    ),
    (
      "stages:\n  train:\n    evn: {A: b}\n",
      "pipeshell.yaml:3:5: error: unknown key 'evn' in stage 'train'; expected one of env | did you mean 'env'?"
    ),
    (
      "parmas: {}\n",
      "pipeshell.yaml:1:1: error: unknown key 'parmas' in pipeshell.yaml; expected one of params, profiles, stages | did you mean 'params'?"
    ),
    (
      "profiles:\n  p: {train.epoch: 2}\n",
      "pipeshell.yaml:2:7: error: unknown parameter 'train.epoch' in profile 'p' | did you mean 'train.epochs'?"
    ),
    (
      "params:\n  seed: {type: int, default: 2}\n",
      "pipeshell.yaml:2:21: error: 'default' has no place here: the value of 'seed' is the one in its params file"
    ),
    (
      "params:\n  a b: {type: secret}\n",
      "pipeshell.yaml:2:3: error: 'a b' is not a parameter name: 'a b' must be written in brackets, as [a b]"
    ),
  ])
  func reportsMistakesWithWhereAndWhat(text: String, message: String) throws {
    #expect(try Self.errors(text) == [message])
  }
}
