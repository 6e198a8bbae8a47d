import PipelineTestSupport
import Testing

/// A dependency written as a URL (`https://…`, `remote://…`) is one DVC reads from another file
/// system: DVC plans the stage (`dvc repro --dry`), orders it by its other dependencies, and
/// compares the URL's ETag over the network before it runs. pipeshell plans and runs the stage
/// too, never takes the URL for a missing file of the project, does not fetch it, and so runs
/// the stage every time; `dvc.lock` records the URL where DVC records it.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCURLDependencyTests {
  @Test func aStageWithAURLDependencyIsPlannedRunAndRecorded() throws {
    let project = [
      "p/.dvc/config": "[core]\n    no_scm = True\n[remote \"storage\"]\n    url = /nonexistent/storage\n",
      "p/local.csv": "a,b\n",
      "p/dvc.yaml": """
      stages:
        fetch:
          cmd: cp local.csv fetched.csv
          deps:
          - https://example.com/data.csv
          - local.csv
          outs: [fetched.csv]
        use:
          cmd: cat fetched.csv > used.txt
          deps: [fetched.csv, "remote://storage/x.csv"]
          outs: [used.txt]

      """,
    ]
    let script = """
      cd p
      "$DVC" repro --dry fetch > dry.txt 2>&1; echo "dvc dry status $?"; grep -c "Running stage" dry.txt
      "$DVC" stage list --name-only; echo "dvc list status $?"
      "$P" -c 'plan; run --jobs 1; run --jobs 1' dvc.yaml; echo "pipeshell status $?"
      cat dvc.lock
      """
    let environment = ["DVC": DVCTool.executable ?? "dvc", "DVC_NO_ANALYTICS": "1", "DVC_NO_UPDATE_CHECK": "1"]
    let output = try ProcessScript().run(script, files: project, environment: environment, timeout: 120).output
    #expect(output.contains("dvc dry status 0\n1\nfetch\nuse\ndvc list status 0\n"), "\(output)")
    #expect(
      output.contains("  1  fetch  runs  cp local.csv fetched.csv\n  2  use    runs  cat fetched.csv > used.txt"),
      "\(output)")
    #expect(output.contains("pipeshell status 0\n"), "\(output)")
    #expect(output.components(separatedBy: "(2 ran, 0 reused)").count == 3, "they run every time: \(output)")
    #expect(
      output.contains("depends on https://example.com/data.csv, whose ETag DVC compares over the network"), "\(output)")
    #expect(
      output.contains("    deps:\n    - path: https://example.com/data.csv\n    - path: local.csv\n      hash: md5\n"),
      "\(output)")
    #expect(output.contains("    - path: remote://storage/x.csv\n"), "\(output)")
  }
}
