import PipelineTestSupport
import Testing

/// DVC refuses to run a stage whose `params:` name a key its params file does not hold (a key
/// written with a dot in it is not found by its dotted path either), before the command runs;
/// pipeshell fails the stage the same way, and, as `dvc repro`, runs no stage after it.
@Suite struct DVCMissingParamsTests {
  @Test func aStageNamingAMissingKeyFailsBeforeItsCommandRuns() throws {
    let project = [
      ".dvc/config": "[core]\n    no_scm = True\n",
      "params.yaml": "\"dotted.key\": 7\nok: 1\n",
      "dvc.yaml": """
      stages:
        s:
          cmd: touch ran-s && echo hi > o.txt
          params: [dotted.key]
          outs: [o.txt]
        t:
          cmd: echo t > t.txt
          params: [ok]
          outs: [t.txt]

      """,
    ]
    let script = """
      "$P" -c 'run --jobs 1' dvc.yaml; echo "status $?"
      ls ran-s t.txt dvc.lock 2>&1
      """
    let (output, _) = try ProcessScript().run(script, files: project)
    #expect(output.contains("s  failed  0.0 s  Parameters 'dotted.key' are missing from 'params.yaml'."), "\(output)")
    #expect(output.contains("status 1"), "\(output)")
    #expect(output.contains("'ran-s': No such file or directory"), "the command did not run: \(output)")
    #expect(output.contains("t  skipped  not run: the run stopped when s failed"), "\(output)")
    #expect(output.contains("'t.txt': No such file or directory"), "the other stage did not run: \(output)")
    #expect(output.contains("'dvc.lock': No such file or directory"), "nothing was recorded: \(output)")
  }
}
