import FoundationEssentials
import PipelineTestSupport
import Testing

/// Runs on Slurm through the real binary, on the one-node cluster `Scripts/slurm-up` brings up:
/// parallel jobs, a failing job, a secret printed by a job, metrics, Ctrl-C cancelling jobs, a
/// rerun reusing a Slurm step, and `show run` saying where each step ran.
@Suite(.serialized) struct SlurmRunTests {
  let shell = ProcessScript()

  static let repository: String = {
    var path = #filePath
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    return path
  }()

  /// Brings the cluster up once; the reason it cannot run here, if so.
  static let unavailable: String? = {
    let (output, status) = (try? ProcessScript().run("exec '\(repository)/Scripts/slurm-up'", timeout: 300)) ?? ("", -1)
    if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("skipped: ") }) { return String(line) }
    return status == 0 ? nil : "slurm-up failed: \(output)"
  }()

  func require() throws {
    if let reason = Self.unavailable { try Test.cancel("Slurm tests \(reason)") }
  }

  static let pipeline = """
    name: onslurm
    params:
      n: {type: int, default: 3}
      tok: {type: secret}
    executor: slurm
    steps:
      first:
        run: echo first-${n}; echo "::metric loss=0.25"
        resources: {cpus: 1, time: 5m}
      left:
        needs: [first]
        run: echo "left token=$TOKEN"; echo "left done"
        env: {TOKEN: "${tok}"}
      right:
        needs: [first]
        run: "echo right-${n} >&2; echo '{\\"acc\\": 0.75}' > right.json"
        metrics: right.json
    """

  @Test func aPipelineRunsOnSlurmWithParallelJobsMaskingAndMetrics() throws {
    try require()
    let script = #"""
      export TOK=hunter22-slurm-secret
      "$P" -c 'secret tok --from-env TOK; run --jobs 2; show run 1 --json; rerun; rerun n=4 --executor local' p.yaml
      echo "status $?"
      grep -rl hunter22 .pipeshell || echo "no secret in the store"
      """#
    let (output, _) = try shell.run(script, files: ["p.yaml": Self.pipeline], timeout: 180)
    #expect(output.contains("status 0"), "\(output)")
    #expect(output.contains("left token=****"), "\(output)")
    #expect(!output.contains("hunter22"), "\(output)")
    #expect(output.contains("no secret in the store"), "\(output)")
    #expect(output.contains("first  ok") && output.contains("loss=0.25"), "\(output)")
    #expect(output.contains("acc=0.75"), "\(output)")
    #expect(output.contains(#""executor": "slurm""#) && output.contains(#""jobID": ""#), "\(output)")
    #expect(
      output.contains("run 2 ok") && output.contains("(0 ran, 3 reused)"), "a rerun reuses Slurm steps: \(output)")
    #expect(output.contains("run 3 ok"), "\(output)")
  }

  @Test func aFailingJobFailsItsStep() throws {
    try require()
    let pipeline =
      "name: fails\nexecutor: slurm\nsteps:\n  bad: {run: echo going; exit 7}\n  after: {needs: [bad], run: echo never}\n"
    let (output, _) = try shell.run(
      #""$P" -c 'run' p.yaml; echo "status $?""#, files: ["p.yaml": pipeline], timeout: 120)
    #expect(output.contains("bad  failed") && output.contains("exit status 7"), "\(output)")
    #expect(output.contains("not run: bad failed"), "\(output)")
    #expect(output.contains("status 1"), "\(output)")
  }

  @Test func ctrlCCancelsTheRunsJobs() throws {
    try require()
    let pipeline =
      "name: long\nexecutor: slurm\nsteps:\n  cancel_a: {run: \"touch started; sleep 60\"}\n  cancel_b: {run: sleep 60}\n"
    let script = #"""
      "$P" -c 'run --jobs 2' p.yaml > out.txt 2>&1 &
      pid=$!
      i=0; while [ ! -f started ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
      sleep 0.5
      kill -INT $pid; wait $pid; echo "shell status $?"
      sleep 1
      echo "queue: $(squeue -h -o '%j %T' | grep 'pipeshell\.1\.cancel_' | grep -v COMPLETING || true)"
      "$P" -c 'show run 1' p.yaml
      """#
    let (output, _) = try shell.run(script, files: ["p.yaml": pipeline], timeout: 180)
    #expect(output.contains("shell status 1"), "\(output)")
    #expect(output.contains("queue: \n") || output.hasSuffix("queue: "), "no job left: \(output)")
    #expect(output.contains("run 1  interrupted"), "\(output)")
  }

  @Test func theNextStartCancelsTheJobsAKilledShellLeft() throws {
    try require()
    let pipeline = "name: left\nexecutor: slurm\nsteps:\n  leftover_job: {run: \"touch started; sleep 60\"}\n"
    let script = #"""
      "$P" -c 'run' p.yaml > /dev/null 2>&1 &
      pid=$!
      i=0; while [ ! -f started ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
      sleep 0.3
      kill -KILL $pid; wait $pid 2>/dev/null
      echo "before: $(squeue -h -o '%j' | grep -c 'pipeshell\.1\.leftover_job')"
      "$P" -c 'runs' p.yaml 2>&1
      sleep 1
      echo "after: $(squeue -h -o '%j %T' | grep 'pipeshell\.1\.leftover_job' | grep -vc COMPLETING)"
      """#
    let (output, _) = try shell.run(script, files: ["p.yaml": pipeline], timeout: 180)
    #expect(output.contains("before: 1"), "\(output)")
    #expect(output.contains("that run 1 left"), "\(output)")
    #expect(output.contains("after: 0"), "\(output)")
  }

  @Test func aSweepRunsItsPointsAsParallelJobs() throws {
    try require()
    let pipeline =
      "name: sw\nparams:\n  lr: {type: float, default: 0.1}\nsteps:\n  fit: {run: \"echo ::metric loss=${lr}\"}\n"
    let (output, _) = try shell.run(
      #""$P" -c 'sweep lr=0.1,0.2 --executor slurm --jobs 2; show run 1; show run 2' p.yaml; echo "status $?""#,
      files: ["p.yaml": pipeline], timeout: 180)
    #expect(output.contains("status 0"), "\(output)")
    #expect(output.components(separatedBy: "slurm job ").count == 3, "both points ran on Slurm: \(output)")
    #expect(output.contains("loss=0.1") && output.contains("loss=0.2"), "\(output)")
  }

  @Test func slurmMissingIsSaidBeforeAnythingRuns() throws {
    // A pipeline asking for an executor this machine lacks is refused up front, in words.
    let pipeline = "name: x\nsteps:\n  a: {run: echo a, executor: slurm}\n"
    let (output, _) = try shell.run(
      #"PATH=/nonexistent "$P" -c 'run' p.yaml; echo "status $?""#, files: ["p.yaml": pipeline], timeout: 60)
    // With Slurm installed here, the refusal cannot be shown; the run must then succeed.
    #expect(output.contains("status 0") || output.contains("Slurm's sbatch was not found here"), "\(output)")
  }
}
