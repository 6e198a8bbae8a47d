import Glibc
import Testing

@testable import PipelineCore

/// `resources:` as sbatch options, free-form options, and reading what squeue and the job
/// completion log say (no cluster needed).
@Suite struct SbatchOptionsTests {
  func options(_ resources: StepResources, timeout: Double? = nil) throws(SlurmProblem) -> [String] {
    try SbatchOptions.options(for: resources, timeout: timeout, killGrace: 2)
  }

  @Test func mapsEveryResourceKey() throws {
    let resources = StepResources(
      cpus: 4, memory: "4G", gpus: "a100:2", time: 61, partition: "gpu,cpu", account: "ml-team",
      sbatchOptions: ["--qos=high", "--exclusive"])
    #expect(
      try options(resources) == [
        "--cpus-per-task=4", "--mem=4G", "--gpus=a100:2", "--time=2", "--partition=gpu,cpu", "--account=ml-team",
        "--qos=high", "--exclusive",
      ])
    #expect(try options(StepResources()).isEmpty)
  }

  @Test(
    arguments: [
      (nil, 30.0, 2),  // (30 s + 2 s grace) -> 1 minute, plus a minute of backstop
      (nil, 58.0, 2),
      (nil, 59.0, 3),
      (nil, 600.0, 12),
      (60.0, 30.0, 1),  // an explicit time is passed as it is, rounded up
      (61.0, nil, 2),
      (0.5, nil, 1),
    ] as [(Double?, Double?, Int)])
  func timeLimitsAreWholeMinutesRoundedUp(time: Double?, timeout: Double?, minutes: Int) throws {
    #expect(try options(StepResources(time: time), timeout: timeout) == ["--time=\(minutes)"])
  }

  @Test func noTimeLimitWithoutTimeOrTimeout() throws {
    #expect(try options(StepResources(cpus: 1)) == ["--cpus-per-task=1"])
  }

  @Test(arguments: [
    StepResources(cpus: 0), StepResources(cpus: 100_001), StepResources(memory: "4GB"), StepResources(memory: ""),
    StepResources(memory: "9999999999999M"), StepResources(gpus: "1;rm -rf /"), StepResources(gpus: ""),
    StepResources(time: 0), StepResources(time: -5), StepResources(time: 400 * 86_400), StepResources(partition: "a b"),
    StepResources(account: "a,b"), StepResources(partition: String(repeating: "p", count: 201)),
  ])
  func refusesResourcesOutOfBounds(_ resources: StepResources) {
    #expect(throws: SlurmProblem.self) { try options(resources) }
  }

  @Test func aBadResourceSaysWhichKeyAndWhatWasExpected() {
    #expect(throws: SlurmProblem.resource(key: "mem", value: "4GB", expected: "memory like 500M or 4G")) {
      try options(StepResources(memory: "4GB"))
    }
    #expect(
      SlurmProblem.resource(key: "mem", value: "4GB", expected: "memory like 500M or 4G").description
        == "resources: 'mem' is '4GB'; expected memory like 500M or 4G")
  }

  @Test(arguments: [
    "--qos=high", "--exclusive", "--mem-per-cpu=1G", "--constraint=gpu&fast", "--wait-all-nodes=1",
    "--comment=a b, c", "--nodes=2",
  ])
  func acceptsFreeFormLongOptions(_ option: String) {
    #expect(SbatchOptions.problem(withOption: option) == nil)
  }

  @Test(
    arguments: [
      ("--export=ALL", SlurmProblem.reservedOption("--export", instead: "the step's 'env:'")),
      ("--exp=A", .reservedOption("--exp (short for --export)", instead: "the step's 'env:'")),
      ("--output=x", .reservedOption("--output", instead: nil)),
      ("--chd=/x", .reservedOption("--chd (short for --chdir)", instead: "'cwd:'")),
      ("--time=5", .reservedOption("--time", instead: "resources 'time' or the step's 'timeout'")),
      ("--cpus", .reservedOption("--cpus (short for --cpus-per-task)", instead: "resources 'cpus'")),
      ("--requeue", .reservedOption("--requeue", instead: "'retries:'")),
      ("--array=1-4", .reservedOption("--array", instead: "'sweep'")),
      ("-o", .malformedOption("-o")),
      ("-pgpu", .malformedOption("-pgpu")),
      ("--qos high", .malformedOption("--qos high")),
      ("high", .malformedOption("high")),
      ("--", .malformedOption("--")),
      ("--qos=a\nb", .malformedOption("--qos=a\nb")),
    ] as [(String, SlurmProblem)])
  func refusesReservedAndMalformedOptions(_ option: String, problem: SlurmProblem) {
    #expect(SbatchOptions.problem(withOption: option) == problem)
  }

  @Test func readsSqueueReports() {
    let text = """
      12|COMPLETED|0|vm|None|pipeshell.1.prepare.1
      13|FAILED|1792|node[1-2]|NonZeroExitCode|pipeshell.1.train.1
      14|PENDING|0||Resources|name|with|bars
      garbage line
      15|RUNNING|notanumber|vm|None|x
      16|RUNNING|70000|vm|None|x

      """
    let reports = SlurmJobReport.parse(text)
    #expect(reports.map(\.jobID) == ["12", "13", "14"])
    #expect(reports[1].waitStatus == 1792 && reports[1].nodes == "node[1-2]")
    #expect(reports[2].name == "name|with|bars" && reports[2].host == nil && reports[2].state.isWaiting)
  }

  @Test(
    arguments: [
      ("COMPLETED", 0, "vm", ProcessOutcome.exited(0)),
      ("FAILED", 7 << 8, "vm", .exited(7)),
      ("FAILED", 9, "vm", .signaled(SIGKILL)),
      ("FAILED", Int32(SIGINT), "vm", .interrupted),
      ("TIMEOUT", 0, "vm", .timedOut),
      ("CANCELLED", 15, "vm", .signaled(SIGTERM)),
      ("CANCELLED", 0, "", .failedToStart("Slurm job 5 was cancelled before it started")),
      ("OUT_OF_MEMORY", 0, "vm", .signaled(SIGKILL)),
      ("NODE_FAIL", 0, "vm", .failedToStart("Slurm job 5 ended NODE_FAIL on vm")),
    ] as [(String, Int32, String, ProcessOutcome)])
  func decodesHowAJobEnded(state: String, status: Int32, nodes: String, outcome: ProcessOutcome) {
    let report = SlurmJobReport(
      jobID: "5", state: SlurmJobState(state), waitStatus: status, nodes: nodes, reason: "None", name: "x")
    #expect(report.outcome(stoppedFor: nil) == outcome)
    #expect(report.outcome(stoppedFor: .timedOut) == .timedOut)
    #expect(report.outcome(stoppedFor: .interrupted) == .interrupted)
  }

  @Test func readsTheJobCompletionLog() throws {
    let line =
      "JobId=29 UserId=root(0) GroupId=root(0) Name=pipeshell.1.a.1 JobState=FAILED Partition=main "
      + "NodeList=vm NodeCnt=1 DerivedExitCode=0:0 ExitCode=7:0 "
    let report = try #require(SlurmCompletionLog.parse(line, jobID: "29"))
    #expect(report.outcome(stoppedFor: nil) == .exited(7))
    #expect(report.host == "vm")
    let signaled = try #require(
      SlurmCompletionLog.parse("JobId=3 JobState=FAILED NodeList=vm ExitCode=0:9", jobID: "3"))
    #expect(signaled.outcome(stoppedFor: nil) == .signaled(9))
    #expect(SlurmCompletionLog.parse("JobId=3 JobState=FAILED ExitCode=999:0", jobID: "3") == nil)
  }

  @Test func theBatchScriptHoldsNoCommandAndQuotesTheFolder() {
    let script = SlurmJobFiles.script(step: "a b/c", workingDirectory: "/tmp/it's here")
    #expect(script.contains("cd '/tmp/it'\\''s here' || exit 126"))
    #expect(script.contains("# pipeshell step a_b_c."))
    #expect(script.contains("exec /bin/sh -c \"$pipeshell_command\""))
  }

  @Test func pollsOftenWhileAJobIsYoungAndAtMostOnceASecondLater() {
    #expect(SlurmJobBoard.interval(age: 0) == 0.02)
    #expect(SlurmJobBoard.interval(age: 2) == 0.1)
    #expect(SlurmJobBoard.interval(age: 3600) == 1)
  }
}
