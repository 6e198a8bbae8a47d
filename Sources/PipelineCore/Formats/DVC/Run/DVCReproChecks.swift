/// What `dvc repro` hashes of a stage before it runs the command, so that pipeshell fails a
/// stage where and when DVC fails it: `Stage.changed()` before the outputs are deleted (see
/// `DVCStatusChecker.changed`), then every dependency after (the run cache's `_can_hash`, or
/// `save_deps`), so a dependency DVC cannot hash (a `.dvcignore` inside a folder) stops the
/// stage before its command runs.
struct DVCReproChecks {
  let checker: DVCStatusChecker
  /// The stage as this run runs it.
  let stage: DVCStage
  let lock: DVCLockFile.Stage?

  /// The message a step fails with when DVC cannot hash what it reads or writes.
  static func beforeRunning(_ error: DVCHashingError) -> String {
    "dvc repro fails this stage before running it: \(error)"
  }

  /// `Stage.changed()`: the dependencies it hashed (project paths), or why DVC fails the stage.
  func beforeDeleting() -> Result<Set<String>, DVCFailure> {
    do {
      return .success(try checker.changed(stage, lock: lock).hashedDeps)
    } catch {
      return .failure(DVCFailure(Self.beforeRunning(error)))
    }
  }

  /// Hashes the dependencies not hashed yet; why DVC fails the stage, if it does.
  func afterDeleting(hashed: Set<String>) -> String? {
    for dep in stage.localDeps where !hashed.contains(stage.projectPath(dep.path)) {
      do {
        _ = try DVCHashing.hash(
          path: checker.absolute(stage.projectPath(dep.path)), repositoryRoot: checker.repositoryRoot)
      } catch {
        return Self.beforeRunning(error)
      }
    }
    return nil
  }
}

/// Why DVC fails a stage, as the step's message.
struct DVCFailure: Error, Sendable {
  let message: String
  init(_ message: String) { self.message = message }
}
