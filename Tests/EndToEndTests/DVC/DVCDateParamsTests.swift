import PipelineTestSupport
import Testing

/// A tracked params value that is a date (`split_date: 2020-01-01` in a params file other than
/// `params.yaml`, a TOML date or datetime): DVC runs the stage, then fails it when it hashes its
/// entry ("Object of type date is not JSON serializable") and records nothing. pipeshell
/// recorded it, leaving a `dvc.lock` that DVC itself fails on once the value changes.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCDateParamsAgainstDVCTests {
  @Test func aStageTrackingADateFailsAfterRunningAsInDVC() throws {
    let project = [
      "p/.dvc/config": "[core]\n    no_scm = True\n",
      "p/config.yaml": "split_date: 2020-01-01\nother: 1\n",
      "p/data.toml": "[data]\nstart = 2021-06-01\nend = 2021-12-31T23:59:00\nat = 07:30:00\n",
      "p/dvc.yaml": """
      stages:
        split:
          cmd: echo split > split.txt
          params: [{config.yaml: [split_date]}]
          outs: [split.txt]
        window:
          cmd: echo window > window.txt
          params: [{data.toml: [data.end]}]
          outs: [window.txt]
        clock:
          cmd: echo clock > clock.txt
          params: [{data.toml: [data.at]}]
          outs: [clock.txt]
        plain:
          cmd: echo plain > plain.txt
          params: [{config.yaml: [other]}]
          outs: [plain.txt]

      """,
    ]
    let script = """
      cp -a p A && cp -a p B
      (cd A && "$DVC" repro -k 2>&1 | grep -E "^WARNING: Object of type" | sort; echo "dvc")
      (cd B && "$P" -c 'run --jobs 1 --keep-going' dvc.yaml 2>&1 | grep -E 'failed  |^run '; echo "pipeshell")
      cmp A/dvc.lock B/dvc.lock && echo "same lock"
      ls B | grep txt
      """
    let output = try DVCTool.script(script, files: project)
    for (stage, type) in [("split", "date"), ("window", "datetime"), ("clock", "time")] {
      #expect(output.contains("WARNING: Object of type \(type) is not JSON serializable\n"), "\(output)")
      #expect(
        output.contains("\(stage)  failed") && output.contains("Object of type \(type) is not JSON serializable"),
        "\(output)")
    }
    #expect(output.contains("(1 ran, 0 reused, 3 failed)"), "\(output)")
    #expect(output.contains("same lock\n"), "\(output)")
    // Both ran every command; only `plain` is recorded.
    #expect(output.contains("clock.txt\nplain.txt\nsplit.txt\nwindow.txt\n"), "\(output)")
  }
}
