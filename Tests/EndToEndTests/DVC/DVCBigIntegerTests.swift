import PipelineTestSupport
import Testing

/// Integers beyond 64 bits, which Python (and so DVC) reads from params files like any other:
/// pipeshell opens such a project, puts the digits into commands, records them in `dvc.lock`
/// as DVC does, and writes them back as numbers.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCBigIntegerAgainstDVCTests {
  @Test func aProjectWithIntegersBeyond64BitsRunsAndRecordsAsDVC() throws {
    let project = [
      "p/.dvc/config": "[core]\n    no_scm = True\n",
      "p/params.yaml": "train:\n  lr: 0.1\n  big: 123456789012345678901234567890\n  neg: -99999999999999999999\n"
        + "  hex: 0xFFFFFFFFFFFFFFFFFF\n",
      "p/dvc.yaml": """
      stages:
        t:
          cmd: echo ${train.big} ${train.neg} ${train.hex} > big.txt
          params: [train.big, train.hex]
          outs: [big.txt]

      """,
    ]
    let script = """
      cp -a p A && cp -a p B
      (cd A && "$DVC" repro -q; echo "dvc status $?")
      (cd B && "$P" -c 'plan; run --jobs 1' dvc.yaml; echo "pipeshell status $?")
      cmp A/dvc.lock B/dvc.lock && echo "same lock"
      cmp A/big.txt B/big.txt && echo "same output"
      (cd B && "$DVC" status -q; echo "dvc status after pipeshell $?")
      (cd B && "$P" -c 'set train.big 123456789012345678901234567891; params --write' dvc.yaml > /dev/null)
      grep big: B/params.yaml
      """
    let output = try DVCTool.script(script, files: project)
    #expect(
      output.contains("runs  echo 123456789012345678901234567890 -99999999999999999999 4722366482869645213695"),
      "\(output)")
    #expect(output.contains("pipeshell status 0\n"), "\(output)")
    #expect(output.contains("same lock\n"), "\(output)")
    #expect(output.contains("same output\n"), "\(output)")
    #expect(output.contains("dvc status after pipeshell 0\n"), "\(output)")
    #expect(output.contains("  big: 123456789012345678901234567891\n"), "\(output)")
  }
}
