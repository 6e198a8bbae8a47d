import FoundationEssentials
import PipelineTestSupport
import Testing

/// The user's params file while and after a run with a changed value, through the real binary:
/// a stage reads the run's value in the file, and the file is put back byte for byte (mode and
/// modification time too) after the run, after Ctrl-C, after SIGTERM, after a failed stage, and,
/// when the shell is killed outright (`kill -9`), at the next start.
@Suite struct DVCParamsRestoreTests {
  static let params = "# settings\ntrain:\n  lr: 0.1   # learning rate\n  epochs: 3\n"
  static let project: [String: String] = [
    "params.yaml": params,
    "dvc.yaml": """
    stages:
      slow:
        cmd: cp params.yaml seen.yaml && touch started && sleep 30
        params: [train.lr]
      fails:
        cmd: cp params.yaml failed-saw.yaml && exit 3
        params: [train.epochs]
    """,
  ]

  /// Starts a run in the background and waits for its stage to start; `$pid` is the shell.
  static let startSlowRun = """
    cp params.yaml before.yaml; touch -d '2001-02-03 04:05:06' params.yaml; chmod 640 params.yaml
    stamp() { stat -c '%a %Y %i' params.yaml; }
    stamp > stamp-before
    "$P" -c 'run train.lr=0.5 --jobs 1' dvc.yaml > run.out 2>&1 &
    pid=$!
    i=0; while [ ! -f started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
    echo "during: $(grep 'lr:' params.yaml)"
    """

  static let checkRestored = """
    cmp -s params.yaml before.yaml && echo "bytes restored"
    stamp > stamp-after; cmp -s stamp-before stamp-after && echo "mode and time restored"
    echo "stage saw: $(grep 'lr:' seen.yaml)"
    """

  @Test func aKilledShellsChangeIsPutBackAtTheNextStart() throws {
    let script =
      Self.startSlowRun + """

        kill -KILL $pid; wait $pid 2>/dev/null
        echo "after kill: $(grep 'lr:' params.yaml)"
        "$P" -c 'get train.lr' dvc.yaml
        """ + "\n" + Self.checkRestored
    let (output, _) = try ProcessScript().run(script, files: Self.project)
    #expect(output.contains("during:   lr: 0.5   # learning rate"), "\(output)")
    #expect(output.contains("after kill:   lr: 0.5   # learning rate"), "\(output)")
    #expect(output.contains("put back params.yaml as it was before a run whose shell was killed"), "\(output)")
    #expect(output.contains("\n0.1\n"), "the next start reads the user's value: \(output)")
    #expect(output.contains("bytes restored"), "\(output)")
    #expect(output.contains("mode and time restored"), "\(output)")
    #expect(output.contains("stage saw:   lr: 0.5   # learning rate"), "\(output)")
  }

  @Test(arguments: ["INT", "TERM"])
  func aSignalToTheShellPutsTheFileBack(signal: String) throws {
    let script =
      Self.startSlowRun + """

        kill -\(signal) $pid; wait $pid
        echo "shell ended $?"
        ls .pipeshell/restore | wc -l | sed 's/^/journal entries: /'
        """ + "\n" + Self.checkRestored
    let (output, _) = try ProcessScript().run(script, files: Self.project)
    #expect(output.contains("during:   lr: 0.5"), "\(output)")
    #expect(output.contains("bytes restored"), "\(output)")
    #expect(output.contains("mode and time restored"), "\(output)")
    #expect(output.contains("journal entries: 0"), "\(output)")
  }

  @Test func aFailedStageAndAFinishedRunPutTheFileBack() throws {
    let script = """
      cp params.yaml before.yaml
      sed -i 's/sleep 30/true/' dvc.yaml
      "$P" -c 'run train.lr=0.5 train.epochs=9 --jobs 1' dvc.yaml
      echo "run ended $?"
      cmp -s params.yaml before.yaml && echo "bytes restored"
      grep -h 'lr:\\|epochs:' seen.yaml failed-saw.yaml
      """
    let (output, _) = try ProcessScript().run(script, files: Self.project)
    #expect(output.contains("run ended 1"), "\(output)")
    #expect(output.contains("bytes restored"), "\(output)")
    #expect(output.contains("  lr: 0.5   # learning rate\n  epochs: 9"), "each stage saw the run's values: \(output)")
  }
}
