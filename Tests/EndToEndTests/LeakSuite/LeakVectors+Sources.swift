extension LeakVectors {
  static let show = LeakVector.printing(#"echo "shown: $TOKEN""#)
  static let explainAll = "params\nget tok\nexplain tok\nplan\nplan show\nrun --jobs 1\nshow run 1\n"

  /// Where a secret comes from: each source, and the ways around them.
  static let sources: [LeakVector] = [
    LeakVector(
      name: "source: --from-env", files: ["pipeline.yaml": show], environment: LeakVector.tokenEnvironment,
      arguments: ["pipeline.yaml"], session: .script(LeakVector.bind + explainAll), expect: ["shown: ****", "run 1 ok"]),
    LeakVector(
      name: "source: --from-file", files: ["pipeline.yaml": show, "key.txt": "%SECRET%\n"],
      arguments: ["pipeline.yaml"],
      session: .script("secret tok --from-file key.txt\n" + explainAll), expect: ["shown: ****", "run 1 ok"]),
    LeakVector(
      name: "source: --from-file, multi-line", secret: LeakSecrets.multiLine,
      files: ["pipeline.yaml": LeakVector.printing(#"printf '%s\n' "$TOKEN""#), "key.pem": "%SECRET%\n"],
      arguments: ["pipeline.yaml"], session: .script("secret tok --from-file key.pem\n" + explainAll),
      expect: ["run 1 ok"]),
    LeakVector(
      name: "source: --from-cmd", files: ["pipeline.yaml": show, "key.txt": "%SECRET%"], arguments: ["pipeline.yaml"],
      session: .script("secret tok --from-cmd \"cat key.txt\"\n" + explainAll), expect: ["shown: ****", "run 1 ok"]),
    LeakVector(
      name: "source: --from-cmd that fails, printing the secret on stderr",
      files: ["pipeline.yaml": show, "key.txt": "%SECRET%"], arguments: ["--keep-going", "pipeline.yaml"],
      session: .script("secret tok --from-cmd \"cat key.txt >&2; exit 1\"\nvalidate\nrun\nplan\n"),
      capturesCommandLines: false, expect: ["exit status 1 (its error output is not shown: it may hold the secret)"]),
    LeakVector(
      name: "source: --from-cmd in a secret's default, failing",
      files: [
        "pipeline.yaml":
          "name: leak\nparams:\n  tok: {type: secret, default: \"${cmd:cat key.txt >&2; exit 2}\"}\nsteps:\n  s: echo\n",
        "key.txt": "%SECRET%",
      ],
      arguments: ["--keep-going", "pipeline.yaml"], session: .script("validate\nget tok\nrun\n"),
      expect: ["exit status 2 (its error output is not shown: it may hold the secret)"]),
    LeakVector(
      name: "source: PIPESHELL_TOK, shown by params, get, plan and run", files: ["pipeline.yaml": show],
      environment: ["PIPESHELL_TOK": "%SECRET%"], arguments: ["pipeline.yaml"],
      session: .script("params\nget tok\nplan show\nrun --jobs 1\nshow run 1\n"), expect: ["shown: ****", "run 1 ok"]),
    LeakVector(
      name: "source: PIPESHELL_TOK, explained", files: ["pipeline.yaml": show],
      environment: ["PIPESHELL_TOK": "%SECRET%"],
      arguments: ["pipeline.yaml"], session: .script("explain tok\n"), expect: ["tok = ****"]
    ).notRunningItsStep(),
    LeakVector(
      name: "source: a profile, explained",
      files: ["pipeline.yaml": show + "profiles:\n  prod: {tok: %SECRET_YAML%}\n"], arguments: ["pipeline.yaml"],
      session: .script("profile prod\nexplain tok\nparams\nrun --jobs 1\n"),
      expect: ["profile 'prod' binds secret 'tok'; a secret's value is never written in a file"]
    ).notRunningItsStep(),
    LeakVector(
      name: "source: ${env:VAR} of the secret's source in run:",
      files: [
        "pipeline.yaml": LeakVector.pipeline(
          steps: "  show:\n    run: |\n      %CAPTURE%\n      echo got ${env:TOKEN}\n")
      ],
      environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "validate\nplan show\nrun --jobs 1\n"),
      expect: ["puts secret 'a secret' on its command line"]
    ).notRunningItsStep(),
    LeakVector(
      name: "source: ${env:VAR} of the secret's source in a step's env",
      files: [
        "pipeline.yaml": LeakVector.printing(#"echo "copy: $COPY""#, env: "TOKEN: \"${tok}\", COPY: \"${env:TOKEN}\"")
      ],
      environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "plan show\nrun --jobs 1\nshow run 1\n"), expect: ["copy: ****"]),
    LeakVector(
      name: "source: ${file:PATH} of the secret's source file in a parameter",
      files: [
        "pipeline.yaml": LeakVector.printing(
          "echo hi", params: "  copy: {type: string, default: \"${file:key.txt}\"}\n"),
        "key.txt": "%SECRET%\n",
      ],
      arguments: ["pipeline.yaml"],
      session: .script("secret tok --from-file key.txt\nget copy\nexplain copy\nrun --jobs 1\n"),
      expect: ["run 1 ok", "copy = ****"]),
    LeakVector(
      name: "source: a file too large to read (${file:PATH} and load --params) that holds the secret",
      files: [
        "pipeline.yaml": LeakVector.printing(
          "echo hi", params: "  copy: {type: string, default: \"${file:key.txt}\"}\n")
      ],
      environment: LeakVector.tokenEnvironment,
      session: .shell(
        """
        printf '%s\\n' %SECRET_SH% > key.txt
        truncate -s 70M key.txt
        "$P" --keep-going -c 'secret tok --from-env TOKEN; get copy; explain copy; plan; load --params key.txt' \\
          pipeline.yaml
        """),
      ownFiles: ["key.txt"], capturesCommandLines: false,
      expect: ["key.txt' is larger than 64 MiB", "key.txt' is larger than 64 MiB; expected a pipeline"]),
    LeakVector(
      name: "source: the secret changed between two runs", files: ["pipeline.yaml": show],
      environment: ["TOKEN": "%SECRET%", "OLD": LeakSecrets.other], arguments: ["pipeline.yaml"],
      session: .script(
        "secret tok --from-env OLD\nrun --jobs 1\n" + LeakVector.bind
          + "rerun --jobs 1\nruns\ndiff 1 2\ncompare 1 2\nshow run 2\n"),
      expect: ["tok changed", "run 2 ok"]),
  ]
}
