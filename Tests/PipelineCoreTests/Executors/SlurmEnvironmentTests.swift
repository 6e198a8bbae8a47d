import Glibc
import Testing

@testable import PipelineCore

/// How a step's environment reaches a Slurm job: by name only, values intact, secrets nowhere
/// but in the job's environment (and Slurm's own copy of it).
@Suite(.serialized) struct SlurmEnvironmentTests {
  let folder = LauncherFixtures.Folder()
  let launcher = RecordingLauncher()
  var executor: SlurmExecutor {
    SlurmExecutor(folder: folder.path + "/.pipeshell/slurm", tools: SlurmCluster.tools(launcher))
  }

  static let unusualValues: [(String, String)] = [
    ("COMMAS", "a b,c,,d=e"),
    ("QUOTES", #"'single' "double" \back\slash `tick` $HOME $(date)"#),
    ("NEWLINES", "line one\nline two\n\nlast\n"),
    ("UNICODE", "ü 日本語 🚀 \u{200B}zero-width"),
    ("EMPTY", ""),
    ("SPACES", "  leading and trailing  "),
    ("EQUALS", "NAME=value=more"),
    ("LONG", String(repeating: "0123456789,", count: 2000)),
  ]

  @Test func unusualValuesArriveIntact() throws {
    try SlurmCluster.require()
    let environment = Self.unusualValues.map { EnvironmentVariable.plain($0.0, $0.1) }
    // Each value printed as it is, NUL after each: the test compares bytes.
    let command = "printf '%s\\0' " + Self.unusualValues.map { "\"$\($0.0)\"" }.joined(separator: " ")
    let (outcome, recording) = executor.run(slurmRequest(command, in: folder.path, environment: environment))
    #expect(outcome == .exited(0))
    let expected: [UInt8] = Self.unusualValues.flatMap { Array($0.1.utf8) + [UInt8(0)] }
    #expect(recording.bytes(.stdout) == expected)
  }

  @Test func theJobSeesTheStepsVariablesAndNoCommandVariable() throws {
    try SlurmCluster.require()
    let (outcome, recording) = executor.run(
      slurmRequest(
        "echo \"$PIPESHELL_STEP|${PIPESHELL_SLURM_COMMAND-unset}|$SLURM_JOB_ID\"", in: folder.path,
        environment: [.plain("PIPESHELL_STEP", "train")]))
    #expect(outcome == .exited(0))
    let jobID = try #require(recording.placement.first?.jobID)
    #expect(recording.text(.stdout) == "train|unset|\(jobID)\n")
  }

  @Test func aSecretArrivesIntactAndIsInNoScriptArgumentOrJobDescription() throws {
    try SlurmCluster.require()
    let secretText = "s3cr3t,with=commas 'quotes' \"and\"\nnewline ü"
    let gate = folder.path + "/go"
    let executor = executor
    let recording = StepRecording()
    let request = slurmRequest(
      "printf '%s' \"$API_KEY\" | od -An -tx1 | tr -d ' \\n'; while [ ! -e go ]; do sleep 0.05; done", in: folder.path,
      environment: [EnvironmentVariable(name: "API_KEY", value: .secret(Secret(secretText)))])
    let run = LauncherFixtures.Background {
      executor.run(request, started: { recording.started($0) }, output: { recording.output($0, $1) })
    }
    LauncherFixtures.wait(upTo: 60) { !recording.placement.isEmpty && !recording.bytes(.stdout).isEmpty }
    let jobID = try #require(recording.placement.first?.jobID)
    // While the job runs: what Slurm shows of it, and the batch script it keeps.
    let description = SlurmCluster.shell("scontrol show job -dd \(jobID)")
    let script = SlurmCluster.shell("scontrol write batch_script \(jobID) -")
    _ = LauncherFixtures.run("touch '\(gate)'")
    #expect(run.join() == .exited(0))

    let hex = secretText.utf8.map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
    #expect(recording.text(.stdout) == hex)
    #expect(description.contains("JobId=\(jobID)"))
    #expect(script.contains("exec /bin/sh -c"))
    for fragment in ["s3cr3t", "commas 'quotes'"] {
      #expect(!description.contains(fragment))
      #expect(!script.contains(fragment))
      #expect(!launcher.commandLines.contains { $0.contains(fragment) })
    }
    #expect(launcher.commandLines.contains { $0.contains("'--export=ALL'") })
  }

  /// Where Slurm keeps a job's environment: in its state directory, in clear, for the Slurm
  /// user and root, until it forgets the job (`MinJobAge` after it ended).
  @Test func slurmKeepsTheJobEnvironmentInItsStateDirectory() throws {
    try SlurmCluster.require()
    let (outcome, recording) = executor.run(
      slurmRequest("true", in: folder.path, environment: [.plain("MARKER_FOR_STATE", "kept-by-slurm")]))
    #expect(outcome == .exited(0))
    let jobID = try #require(recording.placement.first?.jobID)
    let state = SlurmCluster.shell("scontrol show config | sed -n 's/^StateSaveLocation *= *//p'").trimmingSpaces
    let jobFolder = "\(state)/hash.\(Int(jobID)! % 10)/job.\(jobID)"
    let environment = SlurmCluster.shell("tr '\\0' '\\n' < '\(jobFolder)/environment'")
    #expect(environment.contains("MARKER_FOR_STATE=kept-by-slurm\n"))
    #expect(SlurmCluster.shell("stat -c %a '\(jobFolder)'").trimmingSpaces == "700")
  }

  @Test(arguments: ["1BAD", "HAS-DASH", "HAS SPACE", "SBATCH_TIMELIMIT", "PIPESHELL_SLURM_COMMAND", ""])
  func refusesNamesThatCannotReachAJobByName(_ name: String) throws {
    let request = slurmRequest("true", in: "/", environment: [.plain(name, "x")])
    #expect(throws: SlurmProblem.self) { try SlurmExecutor.jobEnvironment(request) }
  }
}
