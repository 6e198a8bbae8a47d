import PipelineTestSupport
import Testing

/// A `cmd` line of only a comment (`# split the data` in a `cmd: |` block, a `"# TODO"` list
/// item) or nothing (`- ${extra}` with `extra: ""`): DVC runs each line with `sh -c`, where such
/// a line does nothing and succeeds. pipeshell runs each line in a subshell of its own, and an
/// empty one was a syntax error that failed the stage.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCCommentLinesAgainstDVCTests {
  @Test func linesOfOnlyACommentOrNothingRunAsDVCRunsThem() throws {
    let project = [
      "p/.dvc/config": "[core]\n    no_scm = True\n",
      "p/params.yaml": "extra: \"\"\n",
      "p/dvc.yaml": """
      stages:
        block:
          cmd: |
            # split the data
            echo a > a.txt
              # indented note
          outs: [a.txt]
        listed:
          cmd:
            - echo b > b.txt
            - "# TODO: upload"
          outs: [b.txt]
        empty:
          cmd:
            - echo c > c.txt
            - ${extra}
          outs: [c.txt]
        failing:
          cmd: |
            # a note, then a failure
            false
            echo never > d.txt
          outs: [d.txt]

      """,
    ]
    let script = """
      cp -a p A && cp -a p B
      (cd A && "$DVC" repro -k -q > /dev/null 2>&1; echo "dvc $?")
      (cd B && "$P" -c 'run --jobs 1 --keep-going' dvc.yaml 2>&1 | grep -E 'syntax error|^run '; echo "pipeshell done")
      cmp A/dvc.lock B/dvc.lock && echo "same lock"
      ls B
      (cd B && "$DVC" status -q block listed empty; echo "dvc status after pipeshell $?")
      """
    let output = try DVCTool.script(script, files: project)
    #expect(!output.contains("syntax error"), "\(output)")
    #expect(output.contains("(3 ran, 0 reused"), "\(output)")
    #expect(output.contains("same lock\n"), "\(output)")
    #expect(output.contains("a.txt\nb.txt\nc.txt\n"), "\(output)")
    #expect(!output.contains("d.txt"), "\(output)")
    #expect(output.contains("dvc status after pipeshell 0\n"), "\(output)")
  }
}
