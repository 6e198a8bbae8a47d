extension LeakVectors {
  /// Errors that could quote a secret: refusals, source lines with a caret, bad values.
  static let errors: [LeakVector] = [
    load(
      "a secret's default: in the pipeline",
      "name: leak\nparams:\n  tok: {type: secret, default: %SECRET_YAML%}\nsteps:\n  s: echo\n",
      expect: ["a secret parameter cannot have a default", "default: ****}"]),
    load(
      "a secret's default: with another error on its line",
      "name: leak\nparams:\n  tok: {type: secret, default: %SECRET_YAML%, bogus: 1}\nsteps:\n  s: echo\n",
      expect: ["unknown key 'bogus'", "default: ****, bogus: 1}"]),
    load(
      "a secret's default: as a block of lines",
      "name: leak\nparams:\n  tok:\n    type: secret\n    default: |\n      %SECRET%\n    bogus: 1\nsteps:\n  s: echo\n",
      secret: LeakSecrets.spaces, expect: ["default: ****"]),
    load(
      "a default whose type is mistyped 'secrte'",
      "name: leak\nparams:\n  tok: {type: secrte, default: %SECRET_YAML%}\nsteps:\n  s: echo\n",
      expect: ["unknown type 'secrte'", "default: ****}"]),
    load(
      "a params file binding the secret", LeakVector.pipeline(steps: "  s: echo\n"),
      params: "tok: %SECRET_YAML%\n", expect: ["cannot be given in a params file", "tok: ****"]),
    load(
      "a params file binding the secret, other errors on its line", LeakVector.pipeline(steps: "  s: echo\n"),
      params: "{tok: %SECRET_YAML%, epohcs: 3}\n", expect: ["****"]),
    load(
      "a params file binding a name close to the secret's", LeakVector.pipeline(steps: "  s: echo\n"),
      params: "tokk: %SECRET_YAML%\n", expect: ["unknown parameter 'tokk'", "did you mean 'tok'?", "tokk: ****"]),
    load(
      "a params file that is not valid YAML on the secret's line", LeakVector.pipeline(steps: "  s: echo\n"),
      params: "user: [bob\ntok: %SECRET%\n", secret: LeakSecrets.spaces, expect: ["invalid YAML"]),
    load(
      "a secret of metacharacters in a params file", LeakVector.pipeline(steps: "  s: echo\n"),
      params: "tok: %SECRET_YAML%\n", secret: LeakSecrets.metacharacters, expect: ["tok: ****"]),
    LeakVector(
      name: "error: load --params of a file binding the secret",
      files: [
        "pipeline.yaml": LeakVector.pipeline(steps: "  s: echo\n"),
        "extra.yaml": "user: bob\ntok: %SECRET_YAML%\n",
      ],
      arguments: ["pipeline.yaml"], session: .script("load --params extra.yaml\n"), expect: ["tok: ****"]),
    bad(
      "a value derived from it failing its pattern",
      "  auth: {type: string, default: \"Bearer ${tok}\", pattern: \"^x$\"}\n"),
    bad(
      "a value derived from it failing its choices", "  mode: {type: choice, choices: [a, b], default: \"${tok}\"}\n"),
    bad("a value derived from it that is not an int", "  port: {type: int, default: \"${tok}\"}\n"),
    bad("a value derived from it failing max_length", "  short: {type: string, default: \"${tok}\", max_length: 3}\n"),
    bad("a list derived from it", "  items: {type: list, items: int, default: \"[${tok}]\"}\n"),
    typed("set of the secret", "set tok %SECRET%\n", expect: ["'tok' is a secret"]),
    typed("set N=V of the secret", "set user=bob tok=%SECRET%\n", expect: ["'tok' is a secret"]),
    typed("a run override of the secret", "run tok=%SECRET%\n", expect: ["'tok' is a secret"]),
    typed("a plan override of the secret", "plan tok=%SECRET%\n", expect: ["'tok' is a secret"]),
    typed("a sweep over the secret", "sweep tok=%SECRET%,other-value\n", expect: ["'tok' is a secret"]),
    typed(
      "secret NAME VALUE", "secret tok %SECRET%\nhistory\n",
      expect: ["a secret's value is never typed after 'secret tok'"]),
    typed(
      "secret NAME VALUE with a value of spaces", "secret tok %SECRET_SH%\nhistory\n",
      secret: LeakSecrets.spaces, expect: ["never typed"]),
    typed("secret NAME --option-like-value", "secret tok --%SECRET%\nhistory\n", expect: ["not repeated here"]),
    typed(
      "secret NAME --from-env VALUE ignored words", "secret tok --from-env TOKEN %SECRET%\nhistory\n",
      expect: ["'--from-env' takes one value"]),
    typed(
      "the secret's value pasted as a command line", LeakVector.bind + "%SECRET%\nget %SECRET%\nhistory\n",
      environment: LeakVector.tokenEnvironment, expect: ["unknown command"]),
    typed(
      "a breakpoint condition holding the secret's value",
      LeakVector.bind + "break s if tok == \"%SECRET%\"\nbreak\ndebug\ncontinue\nhistory\n",
      environment: LeakVector.tokenEnvironment, expect: ["paused"]),
    LeakVector(
      name: "error: --set of the secret when starting",
      files: ["pipeline.yaml": LeakVector.pipeline(steps: "  s: echo\n")],
      arguments: ["--set", "tok=%SECRET%", "pipeline.yaml"], session: .commands("params"), expect: ["'tok' is a secret"]
    ),
    // The system would see the value only up to the NUL: the plan refuses it, naming the
    // variable alone (each part of the value is searched for, as each line of one is).
    LeakVector(
      name: "error: a secret holding a NUL, reaching a step's environment",
      secret: LeakSecrets.plain + "\u{0}" + LeakSecrets.other,
      files: [
        "pipeline.yaml": LeakVector.pipeline(steps: "  s:\n    env: {TOKEN: \"${tok}\"}\n    run: echo hi\n"),
        "key.txt": "%SECRET%",
      ],
      arguments: ["--keep-going", "pipeline.yaml"], session: .script("secret tok --from-file key.txt\nplan\nrun\n"),
      capturesCommandLines: false, expect: ["has an environment variable TOKEN holding a NUL character"]),
  ]

  /// Loading a pipeline (and a params file beside it) that writes the secret down.
  static func load(
    _ name: String, _ pipeline: String, params: String? = nil, secret: String = LeakSecrets.plain, expect: [String]
  ) -> LeakVector {
    var files = ["pipeline.yaml": pipeline]
    if let params { files["params.yaml"] = params }
    return LeakVector(
      name: "error: " + name, secret: secret, files: files, arguments: ["--keep-going"],
      session: .script("load pipeline.yaml\nparams\n"), expect: expect)
  }

  /// A parameter whose value comes from the secret and fails its type or constraint.
  static func bad(_ name: String, _ params: String) -> LeakVector {
    LeakVector(
      name: "error: " + name, files: ["pipeline.yaml": LeakVector.pipeline(params: params, steps: "  s: echo\n")],
      environment: LeakVector.tokenEnvironment, arguments: ["--keep-going", "pipeline.yaml"],
      session: .script(LeakVector.bind + "params\nvalidate\nplan\nrun\n"), expect: ["invalid value"])
  }

  /// A mistake typed in a script with the secret bound from the environment.
  static func typed(
    _ name: String, _ lines: String, secret: String = LeakSecrets.plain, environment: [String: String] = [:],
    expect: [String], disabled: String? = nil
  ) -> LeakVector {
    LeakVector(
      name: "error: " + name, secret: secret, files: ["pipeline.yaml": LeakVector.pipeline(steps: "  s: echo\n")],
      environment: environment, arguments: ["--keep-going", "pipeline.yaml"], session: .script(lines), expect: expect,
      disabled: disabled)
  }
}
