extension LeakVectors {
  /// A pipeline with the secret, a value derived from it and a plain one, two steps and a metric.
  static let derived = LeakVector.pipeline(
    params: "  auth: {type: string, default: \"Bearer ${tok}\"}\n  n: {type: int, default: 1}\n",
    steps: """
        prepare:
          env: {TOKEN: "${tok}"}
          run: |
            %CAPTURE%
            echo "prepare $TOKEN n=${n}"
        train:
          needs: [prepare]
          env: {AUTH: "${auth}"}
          run: |
            %CAPTURE%
            echo "train $AUTH"; echo "::metric loss=0.${n}"

      """)

  /// One command (or a few) after binding the secret and running once.
  static func command(_ name: String, _ lines: String, expect: [String], disabled: String? = nil) -> LeakVector {
    LeakVector(
      name: "command: " + name, files: ["pipeline.yaml": derived], environment: LeakVector.tokenEnvironment,
      arguments: ["pipeline.yaml"], session: .script(LeakVector.bind + "run --jobs 1\n" + lines),
      expect: ["run 1 ok"] + expect, disabled: disabled)
  }

  /// Every command that shows values, runs or records, with the secret bound.
  static let commands: [LeakVector] = [
    command("params", "params\nparams a*\n", expect: ["auth  ****"]),
    command("get", "get tok\nget auth\n", expect: ["****\n****"]),
    command("explain the secret", "explain tok\n", expect: ["tok = ****"]),
    command("explain a derived value", "explain auth\n", expect: ["auth = ****"]),
    command("plan", "plan\nplan n=2\n", expect: ["AUTH=****"]),
    command("plan STEP", "plan prepare\nplan train\n", expect: ["TOKEN=****", "AUTH=****"]),
    command("validate", "validate\n", expect: []),
    command("runs", "runs\nruns 5\n", expect: ["loss"]),
    command("show run", "show run 1\n", expect: ["tok", "****"]),
    command("logs", "logs prepare\nlogs 1 train\n", expect: ["prepare **** n=1", "train ****"]),
    command("rerun, reusing every step", "rerun --jobs 1\nshow run 2\n", expect: ["run 2 ok"]),
    command("rerun with a change", "rerun n=2 --jobs 1\ndiff 1 2\ncompare 1 2\n", expect: ["run 2 ok"]),
    command("sweep and plot", "sweep n=2,3 --jobs 1\nplot loss by n\ncompare\n", expect: ["loss"]),
    command(
      "debug, status, step, continue", "debug --jobs 1\nstatus\nstep\nstatus\ncontinue\nstatus\n", expect: ["run 2 ok"]),
    command(
      "break with a condition over the secret", "break train if tok != \"none\"\nbreak\ndebug\ncontinue\nabort\n",
      expect: ["train"]),
    command(
      "save and source", "save saved.psh\nsource saved.psh\nget tok\nrun --jobs 1\n", expect: ["saved saved.psh"]),
    command("history in a script", "history\n", expect: ["secret tok --from-env TOKEN"]),
    command("the shell escape", "shell printf 'env: %s\\n' $TOKEN; shell env\n", expect: ["env: ****", "TOKEN=****"]),
    command("unset and bind again", "unset tok\nparams\n" + LeakVector.bind + "get tok\n", expect: ["****"]),
    command("reload", "reload\nget auth\n", expect: ["****"]),
  ]
}
