/// Projects whose `dvc.lock` DVC 3 reads or refuses (refusing the whole project, as even
/// `dvc stage list` reads the lock file), and values that change how a command is cut.
extension DVCProjectFixtures {
  static let more: [Fixture] = [
    Fixture(
      name: "value-with-line-breaks",
      files: [
        // The line breaks are YAML escapes, inside the values.
        "params.yaml": "script: \"X=1\\necho $X\\r\\n\\necho done\\u2028echo last\"\nflag: \"a\\nb\"\n",
        "dvc.yaml": """
        stages:
          split:
            cmd: ${script}
          inner:
            cmd: echo ${flag} && echo after
          listed:
            cmd: [echo ${flag}, echo two]

        """,
      ]),
    // `dvc repro` cuts a frozen stage off from the stages it reads from: it comes where
    // `dvc.yaml` puts it, before the stage that makes its dependency; what reads it comes after.
    Fixture(
      name: "frozen-before-its-producer",
      files: [
        "dvc.yaml": """
        stages:
          frozen:
            cmd: cat x > y
            deps: [x]
            outs: [y]
            frozen: true
          make:
            cmd: echo > x
            outs: [x]
          use:
            cmd: cat y > z
            deps: [y]
            outs: [z]

        """
      ]),
    Fixture(
      name: "generated-name-written",
      files: [
        "dvc.yaml":
          "stages:\n  x@2:\n    cmd: echo other\n  x:\n    foreach: [1, 2]\n    do:\n      cmd: echo ${item}\n"
      ]),
    Fixture(
      name: "error-generated-name-unknown",
      files: ["dvc.yaml": "stages:\n  x:\n    matrix: {a: [1, 2]}\n    cmd: echo ${item.a}\n  x@3:\n    cmd: echo\n"]),
    lockFixture("lock-of-another-stage", "schema: '2.0'\nstages:\n  gone:\n    cmd: echo old\n"),
    lockFixture("lock-schema-only", "schema: '2.0'\n"),
    lockFixture("error-lock-empty", ""),
    lockFixture("error-lock-dvc1", "s:\n  cmd: echo hi\n"),
    lockFixture("error-lock-syntax", "schema: '2.0'\nstages:\n  s: [unclosed\n"),
    lockFixture("error-lock-no-cmd", "schema: '2.0'\nstages:\n  s:\n    deps: []\n"),
    lockFixture("error-lock-extra-key", "schema: '2.0'\nextra: 1\n"),
    lockFixture("error-lock-schema-1", "schema: '1.0'\nstages: {}\n"),
    lockFixture("error-lock-stage-key", "schema: '2.0'\nstages:\n  s:\n    cmd: echo hi\n    dpes: []\n"),
    lockFixture("error-lock-list", "- schema\n"),
  ]

  private static func lockFixture(_ name: String, _ lock: String) -> Fixture {
    Fixture(name: name, files: ["dvc.yaml": "stages:\n  s:\n    cmd: echo hi\n", "dvc.lock": lock])
  }
}
