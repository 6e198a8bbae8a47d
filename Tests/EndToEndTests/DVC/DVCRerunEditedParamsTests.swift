import FoundationEssentials
import PipelineTestSupport
import Testing

/// A rerun replays the values its run recorded, also where params.yaml was edited since: the
/// command it runs (and `dvc.lock`'s) is the recorded value's, not the edited file's (a plan
/// takes a stage's command as loaded only while its values are the file's as loaded).
@Suite struct DVCRerunEditedParamsTests {
  static let project: [String: String] = [
    ".dvc/config": "[core]\n    no_scm = True\n",
    "params.yaml": "lr: 0.1\nepochs: 3\n",
    "dvc.yaml": """
    stages:
      train:
        cmd: echo lr=${lr} > out.txt
        outs: [out.txt]
      count:
        cmd: echo epochs=${epochs} > epochs.txt
        outs: [epochs.txt]
    """,
  ]

  @Test func aRerunAfterTheParamsFileWasEditedRunsTheRecordedValues() throws {
    let script = """
      "$P" -c 'run --jobs 1' dvc.yaml > /dev/null 2>&1
      sed -i 's/0.1/0.2/' params.yaml
      "$P" -c 'rerun 1 --jobs 1' dvc.yaml 2>&1 | grep -E '^  (train|count) '
      echo "out: $(cat out.txt)"
      grep 'cmd: echo lr' dvc.lock
      "$P" -c 'rerun 1 epochs=5 --jobs 1' dvc.yaml 2>&1 | grep -E '^  (train|count) '
      echo "out: $(cat out.txt) $(cat epochs.txt)"
      "$P" -c 'plan' dvc.yaml 2>/dev/null | grep -E 'train|count'
      """
    let (output, status) = try ProcessScript().run(script, files: Self.project)
    #expect(status == 0, "\(output)")
    #expect(output.contains("train  reused  unchanged since run 1"), "\(output)")
    #expect(output.contains("out: lr=0.1\n"), "the recorded value, not the edited file's: \(output)")
    #expect(output.contains("cmd: echo lr=0.1 > out.txt"), "\(output)")
    // A tweak of another value: the stage reading only recorded values still gets them.
    #expect(output.contains("out: lr=0.1 epochs=5"), "\(output)")
    // A plan of the edited file's values shows them.
    #expect(output.contains("echo lr=0.2 > out.txt"), "\(output)")
  }
}
