extension LeakVectors {
  /// A pipeline whose one step `s` has these extra keys (YAML lines indented by 4), the secret
  /// in its environment.
  static func stepWith(_ keys: String, run: String = "%CAPTURE%\necho done") -> String {
    let body = run.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
    return LeakVector.pipeline(steps: "  s:\n    env: {TOKEN: \"${tok}\"}\n" + keys + "    run: |\n" + body + "\n")
  }

  static func field(
    _ name: String, _ keys: String, run: String = "%CAPTURE%\necho done", lines: String, expect: [String],
    ownFiles: [String] = [], disabled: String? = nil
  ) -> LeakVector {
    LeakVector(
      name: "field: " + name, files: ["pipeline.yaml": stepWith(keys, run: run)],
      environment: LeakVector.tokenEnvironment,
      arguments: ["--keep-going", "pipeline.yaml"], session: .script(LeakVector.bind + lines), ownFiles: ownFiles,
      expect: expect, disabled: disabled)
  }

  static let everything = "validate\nplan\nplan s\nrun --jobs 1\nruns\nshow run 1\n"
  static let refusedPath = ["puts a secret into a file path"]

  /// Step fields that take values: where a secret may be interpolated, and `when:`.
  static let fields: [LeakVector] = [
    // A secret in a path is refused when the pipeline loads: file names are visible to everyone.
    field("cwd: holding the secret", "    cwd: \"work-${tok}\"\n", lines: everything, expect: refusedPath)
      .notRunningItsStep(),
    field("inputs: holding the secret", "    inputs: [\"in-${tok}.txt\"]\n", lines: everything, expect: refusedPath)
      .notRunningItsStep(),
    field(
      "outputs: holding the secret", "    outputs: [\"out-${tok}.txt\"]\n", run: "%CAPTURE%\ntouch \"out-$TOKEN.txt\"",
      lines: everything, expect: refusedPath
    ).notRunningItsStep(),
    field(
      "metrics: path holding the secret", "    metrics: \"m-${tok}.json\"\n", lines: everything, expect: refusedPath
    )
    .notRunningItsStep(),
    field(
      "a metrics file whose key is the secret", "    metrics: m.json\n",
      run: #"%CAPTURE%"# + "\n" + #"printf '{"%s": 1, "loss": 2}' "$TOKEN" > m.json"#,
      lines: everything + "compare\n", expect: ["loss"], ownFiles: ["m.json"]),
    {
      var vector = field(
        "a secret holding terminal control characters, and a value derived from it", "    params: [auth]\n",
        lines: everything + "params\nexplain auth\n", expect: ["run 1 ok"]
      ).withParams("  auth: {type: string, default: \"Bearer ${tok}\"}\n")
      vector.secret = LeakSecrets.controls
      return vector
    }(),
    field("when: comparing the secret", "    when: tok != \"nothing\"\n", lines: everything, expect: ["run 1 ok"]),
    field("when: false over the secret", "    when: tok == \"nothing\"\n", lines: everything, expect: ["skipped"])
      .notRunningItsStep(),
    // Refused when the pipeline loads (the items are numbers and a list): the message names the
    // secret parameter, never its value.
    field(
      "when: the secret looked for where it cannot be", "    when: tok in [1, 2.5, [\"a\"]]\n", lines: everything,
      expect: ["cannot look for tok (a secret) in a list of numbers"]
    ).notRunningItsStep(),
    field(
      "when: over a value derived from it", "    when: auth != \"Bearer x\"\n", lines: everything, expect: ["run 1 ok"]
    ).withParams("  auth: {type: string, default: \"Bearer ${tok}\"}\n"),
    field(
      "env: holding the secret inside JSON", "    params: [tok]\n", run: "%CAPTURE%\necho $CONFIG",
      lines: everything + "logs s\n", expect: ["CONFIG=****"]
    ).replacing("env: {TOKEN: \"${tok}\"}", with: "env: {CONFIG: \"{\\\"key\\\": \\\"${tok}\\\"}\"}"),
    field(
      "run: refusing the secret on the command line", "", run: "echo ${tok}", lines: "validate\nplan s\nrun\n",
      expect: ["puts secret 'tok' on its command line"]),
    LeakVector(
      name: "field: run: with the secret allowed on the command line (its own cmdline not captured)",
      files: [
        "pipeline.yaml": LeakVector.pipeline(
          steps: "  s:\n    allow_secret_in_args: true\n    run: \"echo arg: ${tok}\"\n")
      ],
      environment: LeakVector.tokenEnvironment, arguments: ["pipeline.yaml"],
      session: .script(LeakVector.bind + "plan s\nrun --jobs 1\nshow run 1\nlogs s\n"),
      expect: ["arg: ****", "run 1 ok"]),
    field(
      "a step that times out", "    timeout: 1s\n", run: "%CAPTURE%\necho waiting $TOKEN; sleep 5",
      lines: "run --jobs 1\n",
      expect: ["waiting ****"]),
  ]
}

extension LeakVector {
  /// The same vector, whose step is meant not to run (so records no command line).
  func notRunningItsStep() -> LeakVector {
    var copy = self
    copy.capturesCommandLines = false
    return copy
  }

  /// The same vector with `lines` added to its pipeline's parameters.
  func withParams(_ lines: String) -> LeakVector {
    replacing("steps:\n", with: lines + "steps:\n")
  }

  /// The same vector with `text` replaced in its pipeline.
  func replacing(_ text: String, with replacement: String) -> LeakVector {
    var copy = self
    copy.files["pipeline.yaml"] = copy.files["pipeline.yaml"]?.replacingOccurrences(text, with: replacement)
    return copy
  }
}
