import PipelineTestSupport
import Testing

/// Two rules of `dvc repro` that pipeshell follows, each checked side by side with DVC 3.67.1 on
/// two copies of one project: a frozen stage's command does not run, but its outputs (and
/// dependencies) must be there, and they are recorded in DVC's cache and `dvc.lock` as after a
/// run; and a stage that fails ends the run, so that no later stage runs, not even one that
/// does not need it.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCFrozenAndFailureTests {
  /// Runs `script` with `$DVC` (the real DVC) and `$P` (pipeshell); `A` and `B` are made as two
  /// copies of the project in `p` by `copies`.
  static func run(_ script: String, project: [String: String]) throws -> String {
    let environment = [
      "DVC": DVCTool.executable ?? "dvc", "DVC_NO_ANALYTICS": "1", "DVC_NO_UPDATE_CHECK": "1",
    ]
    let files = Dictionary(uniqueKeysWithValues: project.map { ("p/" + $0.key, $0.value) })
    let copies = "cp -a p A && cp -a p B\n"
    return try ProcessScript().run(copies + script, files: files, environment: environment, timeout: 120).output
  }

  static let config = "[core]\n    no_scm = True\n"

  /// A frozen stage listed before the stage that makes its dependency: DVC cuts a frozen stage
  /// off from what it reads, so it is verified first, with the dependency as it was.
  static let frozenProject = [
    ".dvc/config": config,
    "params.yaml": "p: 1\n",
    "x.txt": "old\n",
    "fz.txt": "pre\n",
    "dvc.yaml": """
    stages:
      fz:
        cmd: cat x.txt > fz.txt
        frozen: true
        deps: [x.txt]
        params: [p]
        outs: [fz.txt]
      a:
        cmd: echo a > x.txt
        outs: [x.txt]
      c:
        cmd: cat fz.txt > c.txt
        deps: [fz.txt]
        outs: [c.txt]

    """,
  ]

  @Test func aFrozenStageIsVerifiedAndRecordedAsDVCRecordsIt() throws {
    let output = try Self.run(
      """
      (cd A && "$DVC" repro -q; echo "dvc status $?")
      (cd B && "$P" -c 'plan; run --jobs 1' dvc.yaml; echo "pipeshell status $?")
      cmp A/dvc.lock B/dvc.lock && echo "same lock"
      (cd A && find .dvc/cache/files -type f | sort) > a.cache; (cd B && find .dvc/cache/files -type f | sort) > b.cache
      cmp a.cache b.cache && echo "same cache: $(wc -l < b.cache) files"
      echo "fz.txt: $(cat B/fz.txt)"
      (cd B && "$DVC" status -q; echo "dvc status after pipeshell $?")
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml | grep '^  fz')
      """, project: Self.frozenProject)
    #expect(output.contains("dvc status 0\n"), "\(output)")
    #expect(output.contains("pipeshell status 0\n"), "\(output)")
    #expect(
      output.contains("1  fz  verifies  frozen: true (dvc.yaml); its outputs are verified and recorded"),
      "plan says what happens to the frozen stage: \(output)")
    #expect(
      output.contains("fz  skipped  frozen: true (dvc.yaml), outputs verified and recorded in dvc.lock"), "\(output)")
    #expect(output.contains("same lock\n"), "dvc.lock the same bytes, deps and order included: \(output)")
    #expect(output.contains("same cache: 2 files\n"), "\(output)")
    #expect(output.contains("fz.txt: pre\n"), "the frozen stage's command did not run: \(output)")
    #expect(output.contains("dvc status after pipeshell 0\n"), "\(output)")
    #expect(output.contains("fz  skipped  frozen: true (dvc.yaml), up to date in dvc.lock"), "\(output)")
  }

  @Test func aFrozenStageMissingAnOutputOrADependencyFailsAsInDVC() throws {
    var project = Self.frozenProject
    project["fz.txt"] = nil
    var output = try Self.run(
      """
      (cd A && "$DVC" repro; echo "dvc status $?")
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml; echo "pipeshell status $?")
      echo "A: $(cd A && ls *.txt | tr '\\n' ' ')"; echo "B: $(cd B && ls *.txt | tr '\\n' ' ')"
      ls A/dvc.lock B/dvc.lock 2>&1 | grep -c 'No such file'
      """, project: project)
    #expect(output.contains("ERROR: failed to reproduce 'fz': missing data 'source': fz.txt"), "DVC: \(output)")
    #expect(output.contains("fz  failed  0.0 s  missing data 'source': fz.txt"), "\(output)")
    #expect(output.contains("a  skipped  not run: the run stopped when fz failed"), "\(output)")
    #expect(output.contains("pipeshell status 1\n"), "\(output)")
    #expect(output.contains("A: x.txt \nB: x.txt \n2\n"), "nothing else ran, nothing was locked: \(output)")

    project = Self.frozenProject
    project["x.txt"] = nil
    output = try Self.run(
      """
      (cd A && "$DVC" repro; echo "dvc status $?")
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml; echo "pipeshell status $?")
      """, project: project)
    #expect(output.contains("ERROR: failed to reproduce 'fz': dependency 'x.txt' does not exist"), "DVC: \(output)")
    #expect(output.contains("fz  failed  0.0 s  dependency 'x.txt' does not exist"), "\(output)")
    #expect(output.contains("pipeshell status 1\n"), "\(output)")
  }

  @Test func aFailedStageEndsTheRunAndTheFixedRerunLocksInDVCOrder() throws {
    let project = [
      ".dvc/config": Self.config,
      "mode": "fail\n",
      "dvc.yaml": """
      stages:
        a:
          cmd: echo a > a.txt
          outs: [a.txt]
        b:
          cmd: test "$(cat mode)" = ok && cat a.txt > b.txt
          deps: [a.txt, mode]
          outs: [b.txt]
        c:
          cmd: cat b.txt > c.txt
          deps: [b.txt]
          outs: [c.txt]
        d:
          cmd: echo d > d.txt
          outs: [d.txt]

      """,
    ]
    let output = try Self.run(
      """
      (cd A && "$DVC" repro -q; echo "dvc status $?")
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml; echo "pipeshell status $?")
      echo "A: $(cd A && ls *.txt | tr '\\n' ' ')"; echo "B: $(cd B && ls *.txt | tr '\\n' ' ')"
      echo ok > A/mode; echo ok > B/mode
      (cd A && "$DVC" repro -q); (cd B && "$P" -c 'run --jobs 1' dvc.yaml > /dev/null)
      cmp A/dvc.lock B/dvc.lock && echo "same lock"
      (cd B && "$DVC" status -q; echo "dvc status after pipeshell $?")
      """, project: project)
    #expect(output.contains("d  skipped  not run: the run stopped when b failed"), "\(output)")
    #expect(output.contains("c  skipped  not run: b failed"), "\(output)")
    #expect(output.contains("pipeshell status 1\n"), "\(output)")
    #expect(output.contains("A: a.txt \nB: a.txt \n"), "d ran in neither: \(output)")
    #expect(output.contains("same lock\n"), "\(output)")
    #expect(output.contains("dvc status after pipeshell 0\n"), "\(output)")
  }

  /// DVC runs one stage at a time; with `--jobs 2`, a stage already running when another fails
  /// is let finish (and recorded), as make lets its running jobs finish, and none starts after.
  @Test func withTwoJobsARunningStageFinishesAndNoneStartsAfterAFailure() throws {
    let project = [
      ".dvc/config": Self.config,
      "dvc.yaml": """
      stages:
        slow:
          cmd: sleep 1 && echo slow > slow.txt
          outs: [slow.txt]
        bad:
          cmd: exit 3
          outs: [bad.txt]
        later:
          cmd: echo later > later.txt
          outs: [later.txt]

      """,
    ]
    let output = try Self.run(
      """
      (cd B && "$P" -c 'run --jobs 2' dvc.yaml; echo "pipeshell status $?")
      grep -c '^  slow:' B/dvc.lock; ls B/later.txt 2>&1 | grep -c 'No such file'
      """, project: project)
    #expect(output.contains("  slow   ok "), "\(output)")
    #expect(output.contains("later  skipped  not run: the run stopped when bad failed"), "\(output)")
    #expect(output.contains("pipeshell status 1\n1\n1\n"), "\(output)")
  }

  /// `run --keep-going` is `dvc repro -k`: after a failure, the stages that do not need the
  /// failed one still run and are recorded; those that need it are skipped; the run fails.
  @Test func keepGoingRunsWhatDoesNotNeedTheFailedStageAsDVCReproK() throws {
    let project = [
      ".dvc/config": Self.config,
      "dvc.yaml": """
      stages:
        a:
          cmd: echo a > a.txt
          outs: [a.txt]
        bad:
          cmd: "false"
          deps: [a.txt]
          outs: [bad.txt]
        after_bad:
          cmd: cp bad.txt c.txt
          deps: [bad.txt]
          outs: [c.txt]
        after_after:
          cmd: cp c.txt d.txt
          deps: [c.txt]
          outs: [d.txt]
        other:
          cmd: echo o > o.txt
          outs: [o.txt]

      """,
    ]
    let output = try Self.run(
      """
      (cd A && "$DVC" repro -q -k; echo "dvc status $?")
      (cd B && "$P" -c 'run --jobs 1 --keep-going' dvc.yaml; echo "pipeshell status $?")
      echo "A: $(cd A && ls *.txt | tr '\\n' ' ')"; echo "B: $(cd B && ls *.txt | tr '\\n' ' ')"
      cmp A/dvc.lock B/dvc.lock && echo "same lock"
      (cd B && "$DVC" status -q bad; echo "dvc status of bad after pipeshell $?")
      (cd B && "$DVC" status -q other; echo "dvc status of other after pipeshell $?")
      """, project: project)
    #expect(output.contains("dvc status 255\n"), "\(output)")
    #expect(output.contains("  after_bad  skipped  not run: bad failed"), "\(output)")
    #expect(output.contains("  after_after  skipped  not run: bad failed"), "\(output)")
    #expect(output.contains("  other  ok "), "\(output)")
    #expect(output.contains("pipeshell status 1\n"), "\(output)")
    #expect(output.contains("A: a.txt o.txt \nB: a.txt o.txt \n"), "\(output)")
    #expect(output.contains("same lock\n"), "\(output)")
    #expect(output.contains("dvc status of bad after pipeshell 1\n"), "\(output)")
    #expect(output.contains("dvc status of other after pipeshell 0\n"), "\(output)")
  }
}
