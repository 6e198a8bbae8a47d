import Glibc
import Synchronization
import Testing

@testable import PipelineCore

/// Stopping Slurm jobs: pipeshell's timeout, interrupts, jobs left by a killed shell, several
/// runs at once.
@Suite(.serialized) struct SlurmControlTests {
  let folder = LauncherFixtures.Folder()
  var executor: SlurmExecutor {
    SlurmExecutor(folder: folder.path + "/.pipeshell/slurm", tools: SlurmCluster.tools())
  }

  /// Waits until squeue no longer reports the job as queued, running or completing.
  func settledState(of jobID: String) -> String {
    var state = ""
    LauncherFixtures.wait(upTo: 60) {
      state = SlurmCluster.state(of: jobID)
      return SlurmJobState(state).isFinal
    }
    return state
  }

  @Test func enforcesTheTimeoutItselfAndCancelsTheJob() throws {
    try SlurmCluster.require()
    // `exec`: with proctrack/linuxproc Slurm signals a job's processes one by one, so a shell
    // whose `sleep` died first could still print a line before its own SIGTERM arrives.
    let (outcome, recording) = executor.run(
      slurmRequest("echo started; exec sleep 60", in: folder.path, timeout: 1.5))
    #expect(outcome == .timedOut)
    #expect(recording.text(.stdout) == "started\n")
    let jobID = try #require(recording.placement.first?.jobID)
    #expect(settledState(of: jobID) == "CANCELLED")
  }

  @Test func interruptAllCancelsEveryRunningJob() throws {
    try SlurmCluster.require()
    let executor = executor
    let recordings = [StepRecording(), StepRecording()]
    let runs = recordings.enumerated().map { index, recording in
      let request = slurmRequest("echo running; sleep 60", in: folder.path, step: "s\(index)")
      return LauncherFixtures.Background {
        executor.run(request, started: { recording.started($0) }, output: { recording.output($0, $1) })
      }
    }
    LauncherFixtures.wait(upTo: 60) { recordings.allSatisfy { $0.text(.stdout) == "running\n" } }
    executor.interruptAll()
    for run in runs { #expect(run.join() == .interrupted) }
    for recording in recordings {
      let jobID = try #require(recording.placement.first?.jobID)
      #expect(settledState(of: jobID) == "CANCELLED")
    }
  }

  @Test func anInterruptDuringSubmissionCancelsTheJobOnceSubmitted() throws {
    try SlurmCluster.require()
    let executor = executor
    let request = slurmRequest("sleep 60", in: folder.path, step: "interrupted")
    let run = LauncherFixtures.Background { executor.run(request) }
    // Interrupts from the start, for a second: the first ones land before or while sbatch runs.
    let interrupter = LauncherFixtures.Background {
      for _ in 0..<200 {
        executor.interruptAll()
        usleep(5000)
      }
    }
    let (outcome, recording) = run.join()
    interrupter.join()
    #expect(outcome == .interrupted)
    #expect(recording.placement.isEmpty)
    let left = SlurmCluster.shell("squeue -h -t PENDING,RUNNING -n pipeshell.1.interrupted.1 -o %i")
    #expect(left == "")
  }

  @Test func aQueuedJobIsCancelledOnInterruptWithoutEverStarting() throws {
    try SlurmCluster.require()
    let submissions = Submissions()
    let executor = SlurmExecutor(
      folder: folder.path + "/.pipeshell/slurm", tools: SlurmCluster.tools(),
      onSubmit: { job in submissions.jobs.withLock { $0.append(job) } })
    // Held: it stays in the queue until released, which nobody does.
    let request = slurmRequest("true", in: folder.path, resources: StepResources(sbatchOptions: ["--hold"]))
    let run = LauncherFixtures.Background { executor.run(request) }
    LauncherFixtures.wait(upTo: 30) { !submissions.jobs.withLock { $0.isEmpty } }
    let jobID = try #require(submissions.jobs.withLock { $0.first?.jobID })
    #expect(SlurmCluster.state(of: jobID) == "PENDING")
    executor.interruptAll()
    let (outcome, recording) = run.join()
    #expect(outcome == .interrupted)
    #expect(recording.placement.isEmpty)
    #expect(settledState(of: jobID) == "CANCELLED")
  }

  @Test func findsHowAJobEndedInTheJobCompletionLog() throws {
    try SlurmCluster.require()
    let (outcome, recording) = executor.run(slurmRequest("exit 3", in: folder.path))
    #expect(outcome == .exited(3))
    let jobID = try #require(recording.placement.first?.jobID)
    // What a follower falls back to once squeue has forgotten the job (MinJobAge).
    let report = try #require(SlurmCompletionLog.report(for: jobID, tools: SlurmCluster.tools()))
    #expect(report.state.name == "FAILED")
    #expect(report.outcome(stoppedFor: nil) == .exited(3))
    #expect(SlurmCompletionLog.report(for: "99999999", tools: SlurmCluster.tools()) == nil)
  }

  @Test func cancelsJobsLeftByAKilledShellAndLeavesOthers() throws {
    try SlurmCluster.require()
    let executor = executor
    let files = try SlurmJobFiles.prepare(executor.folder)
    let script = try files.writeScript(runID: 9, step: "left", attempt: 1, workingDirectory: folder.path)
    func submit(_ name: String, _ command: String) throws -> String {
      try executor.tools.submit(
        script: script, arguments: ["--parsable", "--export=ALL", "--job-name=\(name)", "--output=/dev/null"],
        environment: ["PIPESHELL_SLURM_COMMAND": command], in: folder.path)
    }
    let running = try submit("pipeshell.9.left.1", "sleep 60")
    let leftOutput = files.path(.stdout, jobID: running)
    _ = LauncherFixtures.run("echo unmasked > '\(leftOutput)'")
    let finished = try submit("pipeshell.9.done.1", "true")
    let foreign = try submit("someone-else", "sleep 60")
    defer { _ = SlurmCluster.shell("scancel \(foreign)") }
    _ = settledState(of: finished)

    let leftovers = try executor.leftoverJobs(among: [running, finished, foreign, "999999"])
    #expect(leftovers.map(\.jobID) == [running])
    let cancelled = try executor.cancelLeftovers([running, finished, foreign, "999999"])
    #expect(cancelled.map(\.jobID) == [running])
    #expect(settledState(of: running) == "CANCELLED")
    #expect(!PosixFiles.exists(leftOutput))
    #expect(SlurmCluster.state(of: foreign) != "CANCELLED")
    #expect(try executor.leftoverJobs(among: [running]).isEmpty)
  }

  @Test func reattachesToARunningJobAndFollowsItToItsEnd() throws {
    try SlurmCluster.require()
    let executor = executor
    let files = try SlurmJobFiles.prepare(executor.folder)
    let script = try files.writeScript(runID: 3, step: "long", attempt: 1, workingDirectory: folder.path)
    let jobID = try executor.tools.submit(
      script: script,
      arguments: [
        "--parsable", "--export=ALL", "--job-name=pipeshell.3.long.1", "--output=\(files.pattern(.stdout))",
        "--error=\(files.pattern(.stderr))",
      ],
      environment: ["PATH": "/usr/bin:/bin", "PIPESHELL_SLURM_COMMAND": "echo one; sleep 1; echo two; exit 3"],
      in: folder.path)
    // As a new shell would after a crash: find the job still running, then follow it.
    #expect(try executor.leftoverJobs(among: [jobID]).map(\.jobID) == [jobID])
    let recording = StepRecording()
    let outcome = executor.reattach(
      jobID: jobID, timeout: nil, started: { recording.started($0) }, output: { recording.output($0, $1) })
    #expect(outcome == .exited(3))
    #expect(recording.text(.stdout) == "one\ntwo\n")
    #expect(recording.placement.first?.jobID == jobID)
    #expect(!PosixFiles.exists(files.path(.stdout, jobID: jobID)))
  }

  @Test func runsSeveralStepsAtOnce() throws {
    try SlurmCluster.require()
    let executor = executor
    let runs = (0..<4).map { index in
      let request = slurmRequest("echo \(index); exit \(index)", in: folder.path, step: "p\(index)")
      return LauncherFixtures.Background { executor.run(request) }
    }
    for (index, run) in runs.enumerated() {
      let (outcome, recording) = run.join()
      #expect(outcome == .exited(Int32(index)))
      #expect(recording.text(.stdout) == "\(index)\n")
    }
  }
}
