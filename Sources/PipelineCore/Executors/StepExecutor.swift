/// Where and how one attempt of a step runs: the local machine (posix_spawn) or a cluster
/// (Slurm). The run engine calls it for every attempt; everything else (resolution, reuse,
/// recording, masking) is the same whichever executor runs a step.
package protocol StepExecutor: Sendable {
  /// `local`, `slurm`.
  var name: String { get }
  /// Runs one attempt to completion. Calls `started` once the step runs (with where it runs),
  /// then `output` with each chunk as it arrives (any thread, serially per stream pair), and
  /// returns how it ended. Never reveals a secret except into the child's environment.
  func run(
    _ request: StepRequest, started: @Sendable (StepPlacement) -> Void,
    output: @escaping @Sendable (OutputStream, [UInt8]) -> Void
  ) -> ProcessOutcome
  /// Stops every step this executor runs (Ctrl-C, SIGTERM): SIGINT to local process groups,
  /// `scancel` for cluster jobs. Callable from any thread.
  func interruptAll()
}

/// One attempt of a step, fully resolved.
package struct StepRequest: Sendable {
  package var runID: Int
  package var step: String
  package var attempt: Int
  /// Run by `/bin/sh -c`; holds a secret only where the step allows it (`allow_secret_in_args`).
  package var command: StepCommand
  /// The child's whole environment; secrets stay typed until the spawn.
  package var environment: [EnvironmentVariable]
  package var workingDirectory: String
  /// Seconds; enforced by pipeshell whatever the executor.
  package var timeout: Double?
  /// Seconds between SIGTERM and SIGKILL when a step is stopped.
  package var killGrace: Double
  package var resources: StepResources
  /// The shell program and its options before `-c` (`/bin/sh`; a DVC stage's is `$SHELL`).
  package var shell = UserShell.posix

  /// A request; by default no timeout, a 2-second kill grace and no cluster resources.
  package init(
    runID: Int, step: String, attempt: Int, command: StepCommand, environment: [EnvironmentVariable],
    workingDirectory: String, timeout: Double? = nil, killGrace: Double = 2, resources: StepResources = StepResources()
  ) {
    self.runID = runID
    self.step = step
    self.attempt = attempt
    self.command = command
    self.environment = environment
    self.workingDirectory = workingDirectory
    self.timeout = timeout
    self.killGrace = killGrace
    self.resources = resources
  }

  /// The environment with secrets revealed: only for the moment a child is started.
  package func revealedEnvironment() -> [String: String] {
    var out: [String: String] = [:]
    out.reserveCapacity(environment.count)
    for variable in environment { out[variable.name] = variable.revealedValue() }
    return out
  }
}

/// One environment variable of a step, its value typed as plain text or a secret.
package struct EnvironmentVariable: Sendable, Hashable {
  /// A variable's value: shown as it is, or a secret that shows as `****`.
  package enum Value: Sendable, Hashable {
    case plain(String)
    case secret(Secret)
  }

  package var name: String
  package var value: Value

  package init(name: String, value: Value) {
    self.name = name
    self.value = value
  }

  /// A plain variable.
  package static func plain(_ name: String, _ text: String) -> EnvironmentVariable {
    EnvironmentVariable(name: name, value: .plain(text))
  }

  /// True when the value is a secret.
  package var isSecret: Bool {
    if case .secret = value { return true }
    return false
  }

  /// The value as people see it: a secret is `****`.
  package var displayValue: String {
    switch value {
    case .plain(let text): return text
    case .secret: return Secret.mask
    }
  }

  /// The value in clear; call only to start the child or to key a fingerprint.
  package func revealedValue() -> String {
    switch value {
    case .plain(let text): return text
    case .secret(let secret): return secret.revealed()
    }
  }
}

/// A step's command line: plain, or holding a secret (only where the step allows it), in which
/// case its clear text is reachable only through `revealed()`.
package struct StepCommand: Sendable, Hashable, CustomStringConvertible {
  /// The command with every secret shown as `****`.
  package let masked: String
  private let clear: Secret?

  /// A command without secrets.
  package init(_ text: String) {
    masked = text
    clear = nil
  }

  /// A command that holds a secret: its clear text and its masked form.
  package init(clear: String, masked: String) {
    self.masked = masked
    self.clear = clear == masked ? nil : Secret(clear)
  }

  /// True when the command holds a secret.
  package var holdsSecret: Bool { clear != nil }

  /// The command in clear; call only to start the child or to key a fingerprint.
  package func revealed() -> String { clear?.revealed() ?? masked }

  package var description: String { masked }
}

/// Per-step cluster resources (`resources:` in the pipeline file).
package struct StepResources: Sendable, Hashable {
  package var cpus: Int?
  /// `4G`, `500M`, as `sbatch --mem` takes it.
  package var memory: String?
  /// `1`, `a100:2`, as `sbatch --gpus` takes it.
  package var gpus: String?
  /// Seconds; Slurm gets whole minutes, rounded up.
  package var time: Double?
  package var partition: String?
  package var account: String?
  /// Free-form `sbatch` options, checked when read (no `--export`, `--wrap`, `-o`/`-e`, `--chdir`).
  package var sbatchOptions: [String]

  package init(
    cpus: Int? = nil, memory: String? = nil, gpus: String? = nil, time: Double? = nil, partition: String? = nil,
    account: String? = nil, sbatchOptions: [String] = []
  ) {
    self.cpus = cpus
    self.memory = memory
    self.gpus = gpus
    self.time = time
    self.partition = partition
    self.account = account
    self.sbatchOptions = sbatchOptions
  }

  /// True when nothing is asked for.
  package var isEmpty: Bool { self == StepResources() }
}

/// Where a step ran, recorded with the step and shown by `show run`.
package struct StepPlacement: Sendable, Hashable, CustomStringConvertible {
  /// `local`, `slurm`.
  package var executor: String
  /// The cluster's job id.
  package var jobID: String?
  /// The node, when known.
  package var host: String?
  /// The process id of a local step (to stop leftovers after a killed shell).
  package var processID: Int32?

  package init(executor: String, jobID: String? = nil, host: String? = nil, processID: Int32? = nil) {
    self.executor = executor
    self.jobID = jobID
    self.host = host
    self.processID = processID
  }

  /// `local`, `slurm job 123 on node1`.
  package var description: String {
    var text = executor
    if let jobID { text += " job \(jobID)" }
    if let host { text += " on \(host)" }
    return text
  }
}
