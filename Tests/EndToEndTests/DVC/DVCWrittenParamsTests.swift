import PipelineTestSupport
import Testing

/// A params file that a stage writes (a tuning stage's `best.json`, tracked by the training
/// stage as `params: [best.json: [lr]]`): DVC runs the writer first and records the values the
/// file holds once it ran. pipeshell read the file when it loaded the project: it warned that
/// the file did not exist, failed the training stage on its first run ("Parameters 'lr' are
/// missing"), and later recorded the value from before the tuning stage rewrote it.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCWrittenParamsAgainstDVCTests {
  @Test func aParamsFileAStageWritesIsReadAfterThatStageRan() throws {
    let project = [
      "p/.dvc/config": "[core]\n    no_scm = True\n",
      "p/params.yaml": "trials: 1\n",
      "p/dvc.yaml": """
      stages:
        tune:
          cmd: >-
            printf '{"lr": 0.%s}' ${trials} > best.json
          params: [trials]
          outs: [best.json]
        train:
          cmd: cat best.json > model.txt
          params:
            - best.json: [lr]
          outs: [model.txt]

      """,
    ]
    let script = """
      cp -a p A && cp -a p B
      for round in 1 2; do
        printf 'trials: %s\\n' $round > A/params.yaml; printf 'trials: %s\\n' $round > B/params.yaml
        (cd A && "$DVC" repro -q; echo "dvc $round $?")
        (cd B && "$P" -c 'run --jobs 1' dvc.yaml 2>&1 | grep -E 'warning|^run '; echo "pipeshell $round")
        cmp A/dvc.lock B/dvc.lock && echo "same lock $round"
        (cd B && "$DVC" status -q; echo "dvc status $round $?")
      done
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml 2>&1 | grep -E '^run '; echo "third run")
      """
    let output = try DVCTool.script(script, files: project)
    #expect(!output.contains("warning"), "\(output)")
    for round in 1...2 {
      #expect(output.contains("(2 ran, 0 reused)\npipeshell \(round)\n"), "\(output)")
      #expect(output.contains("same lock \(round)\n"), "\(output)")
      #expect(output.contains("dvc status \(round) 0\n"), "\(output)")
    }
    #expect(output.contains("(0 ran, 2 reused)\nthird run\n"), "\(output)")
  }
}
