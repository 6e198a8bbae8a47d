import PipelineTestSupport
import Testing

/// Dict keys that YAML reads as numbers, bools or null (`class_weights: {0: 1.0, 1: 5.0}`): DVC
/// keeps their types, so `dvc.lock` records them unquoted and a run-cache key sorts them as
/// numbers. pipeshell wrote them as strings (`'0': 1.0`), and `dvc status` then found the
/// params changed after every pipeshell run.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCDictKeyTypesAgainstDVCTests {
  @Test func keysReadAsNumbersAreRecordedAndHashedAsDVCDoes() throws {
    let project = [
      "p/.dvc/config": "[core]\n    no_scm = True\n",
      "p/params.yaml": """
      weights:
        0: 1.0
        1: 5.0
      order: {10: ten, 2: two, 1.5: half, true: yes}
      named: {'7': quoted, b: text}
      nothing: {null: none}

      """,
      "p/dvc.yaml": """
      stages:
        t:
          cmd: echo run >> count.txt && cat in.txt > out.txt
          deps: [in.txt]
          params: [weights, order, named, nothing]
          outs: [out.txt]

      """,
      "p/in.txt": "input\n",
    ]
    let script = """
      cp -a p A && cp -a p B
      (cd A && "$DVC" repro -q; echo "dvc status $?")
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml > /dev/null; echo "pipeshell status $?")
      cmp A/dvc.lock B/dvc.lock && echo "same lock"
      (cd B && "$DVC" status -q; echo "dvc status after pipeshell $?")
      (cd B && "$P" -c 'run --jobs 1' dvc.yaml | grep -c '0 ran, 1 reused'; echo "second run")
      (cd B && rm out.txt dvc.lock && "$DVC" repro 2>&1 | grep -c 'skipping run'; echo "dvc used pipeshell's run cache")
      grep -c run B/count.txt
      """
    let output = try DVCTool.script(script, files: project)
    #expect(output.contains("pipeshell status 0\n"), "\(output)")
    #expect(output.contains("same lock\n"), "\(output)")
    #expect(output.contains("dvc status after pipeshell 0\n"), "\(output)")
    #expect(output.contains("1\nsecond run\n"), "\(output)")
    #expect(output.contains("1\ndvc used pipeshell's run cache\n"), "\(output)")
    // The command ran once in B: pipeshell's second run and DVC's repro reused its result.
    #expect(output.hasSuffix("1\n"), "\(output)")
  }
}
