import FoundationEssentials
import PipelineTestSupport
import Testing

/// Sweeps, isolation and housekeeping through the real binary as a user's shell script
/// drives it: one Ctrl-C cancels a whole parallel sweep, `--resume` runs only what is left,
/// `checkout` brings back an older run's outputs byte for byte.
@Suite struct ExperimentTests {
  let shell = ProcessScript()

  /// Points 3 and 4 wait (until `block` is removed); 1 and 2 end at once.
  static let sweep = """
    name: sw
    params:
      x: {type: int, default: 0}
    steps:
      work:
        run: |
          if [ ${x} -ge 3 ] && [ -f ../../../block ]; then echo $$ > ../../../started-${x}; sleep 30; fi
          echo "x=${x}" > out.txt
        outputs: [out.txt]
    """

  /// Waits for files to exist, in a script.
  static func await(_ files: String) -> String {
    #"i=0; while ! ( for f in \#(files); do [ -f "$f" ] || exit 1; done ) && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done"#
  }

  @Test func oneInterruptCancelsTheWholeSweepAndResumeRunsOnlyWhatIsLeft() throws {
    let script = """
      touch block
      "$P" -c 'sweep x=1,2,3,4 --jobs 2' sw.yaml > out1.txt 2>&1 &
      pid=$!
      \(Self.await("started-3 started-4"))
      kill -INT $pid; wait $pid; echo "sweep status $?"
      echo "--- first"; cat out1.txt
      rm block
      "$P" -c 'runs --sweep 1; sweep --resume; runs --sweep 1' sw.yaml 2>&1; echo "resume status $?"
      """
    let (output, _) = try shell.run(script, files: ["sw.yaml": Self.sweep])
    let (first, rest) = Self.split(output, at: "--- first")
    #expect(first.contains("sweep status 1"), "\(output)")
    #expect(
      rest.contains("sweep 1 interrupted: 2 of 4 points finished; continue it with 'sweep --resume 1'"), "\(output)")
    #expect(
      rest.split(separator: "\n").filter { $0.contains("interrupted in") }.count == 2, "both waiting points: \(output)")
    // The resumed sweep runs the two interrupted points only, as runs 5 and 6.
    #expect(output.contains("sweep 1: 2 of 4 runs over x, 2 at a time, each in an isolated copy"), "\(output)")
    #expect(output.contains("resume status 0"), "\(output)")
    let table = output.split(separator: "RUN  x  STATUS").last.map(String.init) ?? ""
    for (run, x) in [("1", "1"), ("2", "2"), ("5", "3"), ("6", "4")] {
      #expect(table.contains("\n  \(run)  \(x)  ok") || table.contains("\n  \(run)  \(x)  ok"), "\(output)")
    }
    #expect(!output.contains("run 7"), "no point ran twice: \(output)")
    #expect(!FileManager.default.fileExists(atPath: "out.txt"))
  }

  @Test func terminationEndsAParallelSweepStopsItsStepsAndRecordsThem() throws {
    let script = """
      touch block
      "$P" -c 'sweep x=3,4,5 --jobs 2' sw.yaml > out1.txt 2>&1 &
      pid=$!
      \(Self.await("started-3 started-4"))
      kill -TERM $pid; wait $pid; echo "sweep status $?"
      sleep 0.3
      for f in started-3 started-4; do
        state=$(cut -d' ' -f3 /proc/$(cat $f)/stat 2>/dev/null)
        if [ -n "$state" ] && [ "$state" != Z ]; then echo "a step still runs"; fi
      done
      echo "checked the steps"
      "$P" -c 'runs --sweep 1' sw.yaml 2>&1
      """
    let (output, _) = try shell.run(script, files: ["sw.yaml": Self.sweep])
    #expect(output.contains("sweep status 143"), "\(output)")
    #expect(output.contains("checked the steps") && !output.contains("a step still runs"), "\(output)")
    #expect(output.split(separator: "\n").filter { $0.contains("interrupted  sweep x=") }.count == 2, "\(output)")
    #expect(!output.contains("sweep x=5"), "the third point never started: \(output)")
  }

  @Test func checkoutBringsBackAnOlderRunsOutputsByteForByte() throws {
    let pipeline = """
      name: co
      params:
        seed: {type: int, default: 1}
      steps:
        make: {run: "head -c 65536 /dev/urandom > model.bin # seed ${seed}", outputs: [model.bin]}
        score: {needs: [make], run: "cksum model.bin > score.txt; echo seed ${seed} >> score.txt", outputs: [score.txt]}
      """
    let script = """
      "$P" -c 'run seed=1' co.yaml > /dev/null 2>&1 && cp model.bin first.bin && cp score.txt first.txt
      "$P" -c 'run seed=2' co.yaml > /dev/null 2>&1
      cmp -s model.bin first.bin && echo "second run wrote the same bytes"
      "$P" -c 'checkout 1' co.yaml 2>&1; echo "checkout status $?"
      cmp model.bin first.bin && cmp score.txt first.txt && echo "byte for byte"
      echo edited >> score.txt
      "$P" -c 'checkout 2' co.yaml 2>&1; echo "refused status $?"
      "$P" -c 'checkout 2 --force' co.yaml > /dev/null 2>&1; echo "forced status $?"
      cmp -s score.txt first.txt || echo "run 2's outputs now"
      """
    let (output, _) = try shell.run(script, files: ["co.yaml": pipeline])
    #expect(!output.contains("second run wrote the same bytes"), "\(output)")
    #expect(output.contains("checkout run 1: 2 of 2 outputs written"), "\(output)")
    #expect(output.contains("checkout status 0"), "\(output)")
    #expect(output.contains("byte for byte"), "\(output)")
    #expect(output.contains("checkout would overwrite 'score.txt', changed since"), "\(output)")
    #expect(output.contains("refused status 1"), "\(output)")
    #expect(output.contains("forced status 0") && output.contains("run 2's outputs now"), "\(output)")
  }

  @Test func anIsolatedRunLeavesTheFolderAloneAndTakesNoFolderLock() throws {
    let pipeline = """
      name: iso
      steps:
        s: {run: "touch started; sleep 30; echo done > out.txt", outputs: [out.txt]}
      """
    let script = """
      "$P" -c 'run --isolated' iso.yaml > /dev/null 2>&1 &
      pid=$!
      \(Self.await(".pipeshell/workspaces/1/started"))
      "$P" -c 'run --isolated --jobs 1 --no-cache' iso.yaml > /dev/null 2>&1 &
      other=$!
      \(Self.await(".pipeshell/workspaces/2/started"))
      ls started 2>/dev/null || echo "the folder has no started"
      kill -INT $pid $other; wait $pid; wait $other
      "$P" -c 'runs' iso.yaml 2>&1
      """
    let (output, _) = try shell.run(script, files: ["iso.yaml": pipeline])
    #expect(output.contains("the folder has no started"), "\(output)")
    #expect(output.split(separator: "\n").filter { $0.contains("interrupted  run --isolated") }.count == 2, "\(output)")
  }

  /// The text before and after a marker line.
  static func split(_ text: String, at marker: String) -> (String, String) {
    guard let range = text.firstRange(of: marker) else { return (text, "") }
    return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
  }
}
