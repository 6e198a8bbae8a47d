/// Projects whose `dvc.lock` DVC 3 reads or refuses (refusing the whole project, as even
/// `dvc stage list` reads the lock file).
extension DVCProjectFixtures {
  static let lockFiles: [Fixture] = [
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
