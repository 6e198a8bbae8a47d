import PipelineTestSupport

/// The sample project the PTY tests run the shell on (the spec's example pipeline).
enum PTYFixtures {
  static let pipeline = """
    name: train-eval
    description: Train and evaluate a model

    params:
      data_path:   {type: path, default: data/train.csv, must_exist: true, description: Training data}
      model:       {type: choice, choices: [linear, tree, mlp], default: linear}
      epochs:      {type: int, default: 10, min: 1, max: 1000}
      lr:          {type: float, default: 0.01, min: 0.000001, max: 1}
      train_model: {type: bool, default: true}
      layers:      {type: list, items: int, default: [64, 32]}
      tags:        {type: dict, default: {team: ml}}
      run_name:    {type: string, default: "${model}-e${epochs}", pattern: "^[a-z0-9-]+$"}
      git_sha:     {type: string, default: "${cmd:echo abc123}"}
      user:        {type: string, default: "${env:USER:-nobody}"}
      api_key:     {type: secret, required: true}

    profiles:
      dev:  {epochs: 2}
      prod: {epochs: 50, lr: 0.005}

    steps:
      prepare:
        run: ./prepare.sh ${data_path} out/prep.csv
        inputs: [prepare.sh, "${data_path}"]
        outputs: [out/prep.csv]
      train:
        needs: [prepare]
        when: train_model and epochs > 0
        run: ./train.sh --epochs ${epochs} --lr ${lr} --model ${model}
        env: {API_KEY: "${api_key}"}
        outputs: [out/model.txt]
        timeout: 10m
        retries: 1
      evaluate:
        needs: [train]
        run: ./evaluate.sh out/model.txt
        metrics: out/metrics.json

    """

  static let prompt = "train-eval> "

  /// A workspace holding the pipeline and its data file.
  static func workspace() throws -> PTYSession.Workspace {
    try PTYSession.Workspace(files: ["pipeline.yaml": pipeline, "data/train.csv": "x,y\n1,2\n"])
  }
}

extension PTYSession.Workspace {
  /// Starts the shell on the sample pipeline and waits until it is reading keys.
  func startShell() throws -> PTYSession {
    let shell = try start(["pipeline.yaml"])
    try shell.awaitPrompt(after: 0)
    return shell
  }
}

extension PTYSession {
  /// Waits for a fresh prompt after `mark` and for the editor to be reading keys.
  func awaitPrompt(after mark: Int) throws {
    try expect(PTYFixtures.prompt, after: mark)
    try waitUntilEditing()
  }

  /// Types a command line, then waits for its output's `marker` and the next prompt.
  func run(_ line: String, expecting marker: String) throws {
    let start = mark()
    try send(line + "\r")
    try expect(marker, after: start)
    try waitUntil("the prompt after '\(marker)'", after: start) { screen in
      guard let found = screen.firstRange(of: marker) else { return false }
      return screen[found.upperBound...].contains(PTYFixtures.prompt)
    }
    try waitUntilEditing()
  }
}
