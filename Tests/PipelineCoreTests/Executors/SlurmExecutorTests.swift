import Glibc
import Synchronization
import Testing

@testable import PipelineCore

/// The Slurm executor against a real one-node cluster (`Scripts/slurm-up`). Serialized: the
/// cluster has two CPUs, and several tests need their jobs running at once.
@Suite(.serialized) struct SlurmExecutorTests {
  let folder = LauncherFixtures.Folder()
  let launcher = RecordingLauncher()
  var executor: SlurmExecutor {
    SlurmExecutor(folder: folder.path + "/.pipeshell/slurm", tools: SlurmCluster.tools(launcher))
  }

  /// A file in the test folder that a job waits for, so a test decides when the job goes on.
  func gate(_ name: String) -> (path: String, open: @Sendable () -> Void) {
    let path = folder.path + "/" + name
    return (path, { _ = LauncherFixtures.run("touch '\(path)'") })
  }

  @Test func succeedsStreamingOutputWhileTheJobRuns() throws {
    try SlurmCluster.require()
    let gate = gate("go")
    let executor = executor
    let recording = StepRecording()
    // The job prints, then waits until the test has seen that output: it can only finish if
    // the output was handed on while it ran.
    let request = slurmRequest(
      "echo first; echo oops >&2; while [ ! -e go ]; do sleep 0.05; done; echo second; pwd -P", in: folder.path)
    let run = LauncherFixtures.Background {
      executor.run(request, started: { recording.started($0) }, output: { recording.output($0, $1) })
    }
    LauncherFixtures.wait(upTo: 60) { recording.text(.stdout).contains("first") }
    #expect(recording.text(.stdout) == "first\n")
    gate.open()
    let outcome = run.join()
    #expect(outcome == .exited(0))
    #expect(recording.text(.stdout) == "first\nsecond\n\(folder.resolvedPath)\n")
    #expect(recording.text(.stderr) == "oops\n")
    let placement = try #require(recording.placement.first)
    #expect(recording.placement.count == 1)
    #expect(placement.executor == "slurm")
    #expect(placement.host == SlurmCluster.shell("hostname -s").trimmingSpaces)
    let jobID = try #require(placement.jobID)
    #expect(SlurmCluster.state(of: jobID) == "COMPLETED")
    // The unmasked output files are gone; the folder is owner-only.
    let left = SlurmCluster.shell("ls -A '\(folder.path)/.pipeshell/slurm'")
    #expect(left == "")
    #expect(SlurmCluster.shell("stat -c %a '\(folder.path)/.pipeshell/slurm'").trimmingSpaces == "700")
  }

  @Test func reportsTheExitCodeOfAFailingJobAndTellsItsIdAtSubmission() throws {
    try SlurmCluster.require()
    let submitted = Submissions()
    let executor = SlurmExecutor(
      folder: folder.path + "/.pipeshell/slurm", tools: SlurmCluster.tools(launcher),
      onSubmit: { job in submitted.jobs.withLock { $0.append(job) } })
    let (outcome, recording) = executor.run(slurmRequest("echo before; exit 7", in: folder.path, step: "fails"))
    #expect(outcome == .exited(7))
    #expect(recording.text(.stdout) == "before\n")
    #expect(recording.placement.count == 1)
    let jobID = try #require(recording.placement.first?.jobID)
    #expect(submitted.jobs.withLock { $0 } == [SubmittedJob(runID: 1, step: "fails", attempt: 1, jobID: jobID)])
  }

  @Test func reportsTheSignalThatKilledAJob() throws {
    try SlurmCluster.require()
    let (outcome, _) = executor.run(slurmRequest("kill -9 $$", in: folder.path))
    #expect(outcome == .signaled(SIGKILL))
  }

  @Test func handsOnAUTF8CharacterSplitAcrossTwoChunksIntact() throws {
    try SlurmCluster.require()
    let gate = gate("go")
    let executor = executor
    let recording = StepRecording()
    // The first byte of ü (C3 BC) is written alone; the second only once the test has got it.
    let request = slurmRequest(
      "printf '\\303'; while [ ! -e go ]; do sleep 0.05; done; printf '\\274\\n'", in: folder.path)
    let run = LauncherFixtures.Background {
      executor.run(request, started: { recording.started($0) }, output: { recording.output($0, $1) })
    }
    LauncherFixtures.wait(upTo: 60) { !recording.bytes(.stdout).isEmpty }
    gate.open()
    #expect(run.join() == .exited(0))
    #expect(recording.bytes(.stdout) == [0xC3, 0xBC, 0x0A])
    #expect(recording.chunkCount(.stdout) >= 2)
    #expect(recording.text(.stdout) == "ü\n")
  }

  @Test func refusesAMissingWorkingFolderBeforeSubmitting() throws {
    try SlurmCluster.require()
    let (outcome, recording) = executor.run(slurmRequest("true", in: folder.path + "/missing"))
    guard case .failedToStart(let why) = outcome else {
      Issue.record("expected failedToStart, got \(outcome)")
      return
    }
    #expect(why.contains("missing") && why.contains("does not exist"))
    #expect(recording.placement.isEmpty)
    #expect(!launcher.commandLines.contains { $0.contains("sbatch") })
  }

  @Test func reportsWhatSbatchRefusesAndChecksResources() throws {
    try SlurmCluster.require()
    // This cluster has no GPUs: sbatch itself refuses the job, and says why.
    let gpu = executor.run(slurmRequest("true", in: folder.path, resources: StepResources(gpus: "1")))
    guard case .failedToStart(let why) = gpu.outcome else {
      Issue.record("expected failedToStart, got \(gpu.outcome)")
      return
    }
    #expect(why.hasPrefix("sbatch refused the job: "))
    // A bad free-form option never reaches sbatch.
    let before = launcher.commandLines.count
    let bad = executor.run(
      slurmRequest("true", in: folder.path, resources: StepResources(sbatchOptions: ["--output=x"])))
    #expect(bad.outcome == .failedToStart(SlurmProblem.reservedOption("--output", instead: nil).description))
    #expect(launcher.commandLines.count == before)
  }

  @Test func runsInTheRequestedPartitionWithTheRequestedCPUs() throws {
    try SlurmCluster.require()
    let resources = StepResources(
      cpus: 2, memory: "100M", partition: "alt", sbatchOptions: ["--comment=pipeshell-test"])
    let (outcome, recording) = executor.run(
      slurmRequest(
        "echo $SLURM_JOB_PARTITION $SLURM_CPUS_PER_TASK $SLURM_MEM_PER_NODE", in: folder.path, timeout: 90,
        resources: resources))
    #expect(outcome == .exited(0))
    #expect(recording.text(.stdout) == "alt 2 100\n")
    let jobID = try #require(recording.placement.first?.jobID)
    let job = SlurmCluster.shell("scontrol show job -o \(jobID)")
    #expect(job.contains("TimeLimit=00:03:00"))  // 90 s + 1 s grace, rounded up, plus a minute
    #expect(job.contains("Comment=pipeshell-test"))
    #expect(job.contains("Requeue=0"))
  }
}

/// The jobs an executor reported at submission.
final class Submissions: Sendable {
  let jobs = Mutex<[SubmittedJob]>([])
}
