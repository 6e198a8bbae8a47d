/// DVC projects: a secret bound in `pipeshell.yaml` reaches a stage only through the overlay's
/// `env:`, and never reaches what pipeshell writes for DVC and for the stages (params files as
/// a stage sees them, the journal that puts them back, `dvc.lock`, DVC's cache and run cache,
/// DVC's lock table in `.dvc/tmp`, `.gitignore`).
extension LeakVectors {
  /// A DVC repository (no git) whose stage `show` prints with `command` (lines of shell), with
  /// the secret `tok` (declared in the overlay) in `$TOKEN`.
  static func dvcProject(
    _ command: String, overlayExtra: String = "", params: String = "train:\n  lr: 0.1\n  name: ana\n"
  )
    -> [String: String]
  {
    let body = ("%CAPTURE%\n" + command).split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
    return [
      ".dvc/config": "[core]\n    no_scm = True\n",
      "params.yaml": params,
      "pipeshell.yaml": "params:\n  tok: {type: secret, required: true}\n" + overlayExtra
        + "stages:\n  show:\n    env: {TOKEN: \"${tok}\"}\n",
      "dvc.yaml": "stages:\n  show:\n    cmd: |\n\(body)\n    params: [train]\n    outs: [out.txt]\n",
    ]
  }

  static let dvc: [LeakVector] = [
    LeakVector(
      name: "dvc: a stage prints the overlay's secret; dvc.lock, DVC's cache and the params file as the stage saw it",
      files: dvcProject("echo \"token $TOKEN lr=${train.lr}\"\ncp params.yaml out.txt"),
      environment: LeakVector.tokenEnvironment, arguments: ["dvc.yaml"],
      session: .script(
        LeakVector.bind + "run --jobs 1\nset train.lr 0.5\nrun --jobs 1\nlogs show\nshow run 2\nplan show\nparams\n"),
      expect: ["token **** lr=0.1", "token **** lr=0.5", "run 1 ok", "run 2 ok", "TOKEN=****"]),
    LeakVector(
      name: "dvc: a value interpolating the secret is never written into params.yaml",
      files: dvcProject("echo \"token $TOKEN\"\ntouch out.txt"),
      environment: LeakVector.tokenEnvironment, arguments: ["--keep-going", "dvc.yaml"],
      session: .script(
        LeakVector.bind
          + "set train.name 'Bearer ${tok}'\nplan\nrun --jobs 1\nrun train.name='x ${tok}' --jobs 1\n"
          + "params --write train.name\nexplain train.name\nsweep train.name='${tok}',b --jobs 1\n"),
      capturesCommandLines: false,
      expect: ["'train.name' holds a secret"]),
    LeakVector(
      name: "dvc: the shell killed while a stage reads the run's values (the journal, the next start)",
      files: dvcProject("echo \"token $TOKEN\"\ncp params.yaml out.txt\ntouch started\nsleep 30")
        .merging(["session.psh": "secret tok --from-env TOKEN\nrun train.lr=0.7 --jobs 1\n"]) { $1 },
      environment: LeakVector.tokenEnvironment,
      session: .shell(
        """
        "$P" -f session.psh dvc.yaml &
        pid=$!
        i=0; while [ ! -f started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
        ls .pipeshell/restore
        kill -KILL $pid; wait $pid 2>/dev/null
        "$P" -c 'params' dvc.yaml
        cat params.yaml
        """),
      expect: ["token ****", ".orig", "put back params.yaml", "lr: 0.1"]),
    LeakVector(
      name: "dvc: a foreach of 600 stages (loaded, mapped and planned on every core) with the secret in each",
      files: dvcProject("echo \"token $TOKEN\"\ntouch out.txt").merging([
        "dvc.yaml": "stages:\n  show:\n    foreach: ${items}\n    do:\n"
          + "      cmd: echo \"token $TOKEN ${item} ${train.lr} ${train.name}\"\n"
          + "      deps: [params.yaml]\n      outs: [\"out/${item}.txt\"]\n",
        "params.yaml": "train:\n  lr: 0.1\n  name: ana\nitems: [" + (0..<600).map { "i\($0)" }.joined(separator: ", ")
          + "]\n",
      ]) { $1 },
      environment: LeakVector.tokenEnvironment, arguments: ["dvc.yaml"],
      session: .script(
        LeakVector.bind + "plan\nplan --json\nplan show@i599\nset train.name 'x ${tok}'\nplan\nparams\n"),
      capturesCommandLines: false,
      expect: ["env TOKEN=****", "i599 0.1 ana", "i599 0.1 ****", "TOKEN=****"]),
    LeakVector(
      name: "dvc: a params value that is the secret's text, in commands a plan takes as the loader rendered them",
      files: dvcProject(
        "echo \"token $TOKEN name=${train.name}\"\ntouch out.txt",
        params: "train:\n  lr: 0.1\n  name: %SECRET_YAML%\n"),
      environment: LeakVector.tokenEnvironment, arguments: ["dvc.yaml"],
      session: .script(LeakVector.bind + "plan\nplan --json\nplan show\nset train.lr 0.2\nplan show\n"),
      capturesCommandLines: false,
      expect: ["name=****", "TOKEN=****"]),
    LeakVector(
      name: "dvc: a value with a line break makes two commands (each its own shell), the secret in the environment",
      files: dvcProject(
        "${script}",
        params: "train:\n  lr: 0.1\n  name: ana\nscript: \"echo token $TOKEN\\necho second line; touch out.txt\"\n"),
      environment: LeakVector.tokenEnvironment, arguments: ["dvc.yaml"],
      session: .script(LeakVector.bind + "plan --json\nrun --jobs 1\nlogs show\nshow run 1\nplan show\n"),
      expect: ["token ****", "second line", "run 1 ok", "TOKEN=****"]),
    LeakVector(
      name: "dvc: DVC's run cache saved and restored from, DVC's locks held while the stage prints the secret",
      files: dvcProject("echo \"token $TOKEN\"\necho \"${train.lr}\" > out.txt\ncat .dvc/tmp/rwlock"),
      environment: LeakVector.tokenEnvironment, arguments: ["dvc.yaml"],
      session: .shell(
        """
        "$P" -c 'secret tok --from-env TOKEN; run --jobs 1' dvc.yaml
        "$P" -c 'secret tok --from-env TOKEN; run train.lr=0.5 --jobs 1' dvc.yaml
        rm -rf .pipeshell
        "$P" -c 'secret tok --from-env TOKEN; run --jobs 1; show run 1' dvc.yaml
        """),
      expect: ["token ****", "\"write\"", "from DVC's run cache", "run 1 ok"]),
    LeakVector(
      name: "dvc: a URL dependency built from a value (asked for its ETag with curl, recorded in dvc.lock)",
      files: dvcProject("echo \"token $TOKEN\"\ntouch out.txt").merging([
        "dvc.yaml": "stages:\n  show:\n    cmd: |\n      %CAPTURE%\n      echo \"token $TOKEN\"; touch out.txt\n"
          + "    deps: [\"https://example.invalid/${train.name}.csv\"]\n    params: [train]\n    outs: [out.txt]\n"
      ]) { $1 },
      environment: LeakVector.tokenEnvironment, arguments: ["--keep-going", "dvc.yaml"],
      session: .script(
        LeakVector.bind + "run --jobs 1\nset train.name 'x ${tok}'\nplan\nrun --jobs 1\nshow run 1\n"),
      expect: ["token ****", "run 1 ok", "'train.name' holds a secret"]),
    LeakVector(
      name: "dvc: a params file a stage writes, read again after it ran; the secret set on one of its values",
      files: dvcProject("echo \"token $TOKEN\"\ncat best.json > out.txt").merging([
        "dvc.yaml": "stages:\n  tune:\n    cmd: >-\n      printf '{\"tag\": \"v2\"}' > best.json\n"
          + "    outs: [best.json]\n  show:\n    cmd: |\n      %CAPTURE%\n      echo \"token $TOKEN\"; cat best.json > out.txt\n"
          + "    params: [{best.json: [tag]}]\n    outs: [out.txt]\n",
        "best.json": "{\"tag\": \"v1\"}\n",
      ]) { $1 },
      environment: LeakVector.tokenEnvironment, arguments: ["--keep-going", "dvc.yaml"],
      session: .script(
        LeakVector.bind + "run --jobs 1\nset [best.json].tag 'x ${tok}'\nplan\nrun --jobs 1\nparams\n"),
      expect: ["token ****", "run 1 ok", "'[best.json].tag' holds a secret"]),
    LeakVector(
      name: "dvc: a key of another params file typed without its file (the suggestion), its PARAM_ variable",
      files: dvcProject("echo \"token $TOKEN\"\ntouch out.txt").merging([
        "dvc.yaml":
          "stages:\n  show:\n    cmd: |\n      %CAPTURE%\n      echo \"token $TOKEN\"; env | grep PARAM_; touch out.txt\n"
          + "    params: [train.lr, {configs/extra.yaml: [model]}]\n    outs: [out.txt]\n",
        "configs/extra.yaml": "model:\n  depth: 4\n",
      ]) { $1 },
      environment: LeakVector.tokenEnvironment, arguments: ["--keep-going", "dvc.yaml"],
      session: .script(
        LeakVector.bind
          + "set model.depth '${tok}'\nget model.depth\nrun --jobs 1\nset [configs/extra.yaml].model.depth '${tok}'\n"
          + "plan\nrun --jobs 1\n"),
      expect: [
        "did you mean '[configs/extra.yaml].model.depth'?", "PARAM__CONFIGS_EXTRA_YAML__MODEL_DEPTH=4", "run 1 ok",
      ]),
  ]
}
