import Glibc

/// The executors a run service offers: this machine always, and Slurm where its commands are
/// installed (a missing one is a plan problem for the steps that ask for it, not a surprise).
package enum ExecutorSet {
  /// Executors for the store in `storeFolder`: Slurm's job files go to its `slurm/` folder, and
  /// each job id is recorded in `store` as soon as it is submitted.
  package static func make(
    store: RunStore, launcher: any ProcessLauncher, environment: [String: String], slurmBin: String = "/usr/bin"
  ) -> [String: any StepExecutor] {
    var executors: [String: any StepExecutor] = ["local": LocalStepExecutor(launcher: launcher)]
    if access(slurmBin + "/sbatch", X_OK) == 0 {
      // Only what Slurm's commands need from the shell's environment (never a secret).
      let slurmEnvironment = environment.filter { $0.key.hasPrefix("SLURM_CONF") || $0.key == "PATH" }
      let tools = SlurmTools(binFolder: slurmBin, environment: slurmEnvironment, launcher: launcher)
      executors["slurm"] = SlurmExecutor(folder: store.folder + "/slurm", tools: tools) { job in
        // Best effort: the job's start (`started`) records it too, once it runs.
        try? store.recordPlacement(
          runID: job.runID, step: job.step, StepPlacement(executor: "slurm", jobID: job.jobID))
      }
    }
    return executors
  }

  /// Why `name` cannot run steps here, or nil.
  package static func unavailable(_ name: String, in executors: [String: any StepExecutor]) -> String? {
    guard executors[name] == nil else { return nil }
    switch name {
    case "slurm": return "Slurm's sbatch was not found here (install slurm-client, or run on the cluster's login node)"
    default: return "no executor named '\(name)' is available"
    }
  }
}
