import FoundationEssentials
import Glibc
import PipelineCore
import PipelineTestSupport
import Synchronization
import Testing

/// The real binary under `/bin/sh`: invocation modes and exit statuses, and what the run
/// store records when the shell is interrupted or killed in the middle of a run.
@Suite struct ShellProcessTests {
  let binary = TranscriptRunner.builtBinary()

  /// Runs a shell script in a fresh folder holding `files`; returns its output and status.
  func sh(_ script: String, files: [String: String] = [:]) throws -> (output: String, status: Int32) {
    try ProcessScript(binary: binary).run(script, files: files)
  }

  static let pipeline = """
    name: p
    params:
      n: {type: int, default: 1, min: 0}
    steps:
      a: echo a-${n}
      b: {needs: [a], run: "if [ ${n} -eq 0 ]; then exit 7; fi"}
    """

  @Test(arguments: [
    ("\"$P\" --version", "pipeshell 0.1.0", Int32(0)),
    ("\"$P\" --bogus", "unknown option '--bogus'", 2),
    ("\"$P\" --sett n=1", "did you mean '--set'?", 2),
    ("\"$P\" -c 'get n' p.yaml", "1", 0),
    ("\"$P\" --set n=4 -c 'get n' p.yaml", "4", 0),
    ("\"$P\" --set n=-1 -c 'get n' p.yaml", "-1 is below the minimum 0", 2),
    ("\"$P\" -c 'get m' p.yaml", "unknown parameter 'm'", 2),
    ("\"$P\" -c 'run n=0 --jobs 1' p.yaml", "run 1 failed", 1),
    ("\"$P\" -c 'nosuch; get n' p.yaml", "unknown command 'nosuch'", 2),
    ("\"$P\" --keep-going -c 'nosuch\nget n' p.yaml", "\n1\n", 2),
    ("printf 'get n\\nset n 3\\nget n\\n' | \"$P\" p.yaml", "1\n3", 0),
    ("\"$P\" missing.yaml < /dev/null", "no such file", 2),
    ("printf 'secret n\\n' | \"$P\" p.yaml", "is not a secret parameter", 2),
  ])
  func invocation(script: String, expected: String, status: Int32) throws {
    let (output, actual) = try sh(script, files: ["p.yaml": Self.pipeline])
    #expect(output.contains(expected), "output was: \(output)")
    #expect(actual == status, "output was: \(output)")
  }

  static let slowPipeline = """
    name: slow
    steps:
      first: echo first
      wait: {needs: [first], run: "echo $$ > step.pid; touch started; sleep 30"}
      after: {needs: [wait], run: echo after}
    """

  @Test func sigintToTheShellInterruptsTheStepAndRecordsTheRun() throws {
    let script = """
      "$P" -c 'run --jobs 1' slow.yaml > out.txt 2>&1 &
      pid=$!
      i=0; while [ ! -f started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
      kill -INT $pid; wait $pid; echo "shell status $?"
      "$P" -c 'runs; show run 1' slow.yaml
      cat out.txt
      """
    let (output, _) = try sh(script, files: ["slow.yaml": Self.slowPipeline])
    #expect(output.contains("shell status 1"), "\(output)")
    #expect(output.contains("  1  ") && output.contains("interrupted"), "\(output)")
    #expect(output.contains("wait   interrupted") || output.contains("wait  interrupted"), "\(output)")
    #expect(output.contains("first  ok") || output.contains("first   ok"), "\(output)")
    #expect(!output.contains("echo after\nafter"), "\(output)")
  }

  @Test func aKilledShellsRunIsMarkedInterruptedAtTheNextStart() throws {
    let script = """
      "$P" -c 'run --jobs 1' slow.yaml > /dev/null 2>&1 &
      pid=$!
      i=0; while [ ! -f started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done
      sleep 0.2  # step records reach the store within RunRecorder.commitDelay (10 ms)
      kill -KILL $pid; wait $pid 2>/dev/null
      kill -TERM -"$(cat step.pid)" 2>/dev/null || true
      "$P" -c 'runs; show run 1' slow.yaml 2>&1
      """
    let (output, _) = try sh(script, files: ["slow.yaml": Self.slowPipeline])
    #expect(output.contains("run 1 ended without finishing; marked interrupted"), "\(output)")
    let lines = output.split(separator: "\n")
    #expect(lines.contains { $0.contains("first") && $0.contains("ok") }, "\(output)")
    #expect(lines.contains { $0.contains("wait") && $0.contains("interrupted") }, "\(output)")
  }

  /// The step writes the two bytes of "é" (C3 A9) in two writes 0.2 s apart, so the shell reads
  /// them in two chunks; decoding each chunk alone used to show two replacement characters.
  @Test func aCharacterSplitBetweenTwoWritesReachesTheTerminalWhole() throws {
    let pipeline = """
      name: u
      steps:
        s: "printf 'caf\\\\303'; sleep 0.2; printf '\\\\251 ok\\\\n'"
      """
    let (output, status) = try sh(#""$P" -c 'run; logs s' u.yaml"#, files: ["u.yaml": pipeline])
    #expect(status == 0, "\(output)")
    #expect(output.components(separatedBy: "café ok").count == 3, "shown live and in the log: \(output)")
    #expect(!output.contains("\u{FFFD}"), "\(output)")
  }
}
