import PipelineTestSupport
import Testing

/// A tracked params value that is NaN (`.nan` in YAML, `NaN` in JSON): DVC compares each value
/// with `dvc.lock` by Python's `!=`, and `nan != nan`, so the stage is changed every time.
/// `dvc repro` then restores a stage with outputs from its run cache and runs one without
/// outputs again; pipeshell reused both from its own run store. Inside a list Python first
/// compares items as objects, and YAML gives every `.nan` as one object: a list holding a NaN
/// read from YAML is unchanged, one read from JSON (whose NaN is another object) is not.
/// pipeshell also took a NaN inside a list for a changed value, and failed the run writing it.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCNaNParamsAgainstDVCTests {
  @Test func aStageTrackingNaNIsNeverUpToDateAsInDVC() throws {
    let project = [
      "p/.dvc/config": "[core]\n    no_scm = True\n",
      "p/params.yaml": "clip: .nan\nlr: 0.1\nnested: {w: [1.0, .nan]}\n",
      "p/params.json": "{\"deep\": {\"w\": [1.0, NaN]}}",
      "p/dvc.yaml": """
      stages:
        train:
          cmd: echo ran >> train.log; echo model > model.txt
          params: [clip]
          outs: [model.txt]
        report:
          cmd: echo ran >> report.log
          params: [nested]
        plain:
          cmd: echo ran >> plain.log
          params: [lr]
        fromjson:
          cmd: echo ran >> fromjson.log
          params: [{params.json: [deep]}]

      """,
    ]
    let script = """
      cp -a p A && cp -a p B
      for round in 1 2 3; do
        (cd A && "$DVC" repro -q > /dev/null 2>&1)
        (cd B && "$P" -c 'run --jobs 1' dvc.yaml 2>&1 | grep -E '^run ')
      done
      cmp A/dvc.lock B/dvc.lock && echo "same lock"
      for log in train report plain fromjson; do echo "$log: dvc $(wc -l < A/$log.log) pipeshell $(wc -l < B/$log.log)"; done
      """
    let output = try DVCTool.script(script, files: project)
    // `train` ran once, then was restored from DVC's run cache; `fromjson` ran each time;
    // `report` and `plain` have no outputs either, but their values equal their records.
    #expect(output.contains("train: dvc 1 pipeshell 1\n"), "\(output)")
    #expect(output.contains("report: dvc 1 pipeshell 1\n"), "\(output)")
    #expect(output.contains("plain: dvc 1 pipeshell 1\n"), "\(output)")
    #expect(output.contains("fromjson: dvc 3 pipeshell 3\n"), "\(output)")
    #expect(output.contains("run 3 ok in") && output.contains("(1 ran, 3 reused)"), "\(output)")
    #expect(output.contains("same lock\n"), "\(output)")
  }
}
