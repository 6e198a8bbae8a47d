/// `Stage.changed()`, which `dvc repro` asks before it runs a stage: the command, then each
/// dependency in order, then the params, then each output, stopping at the first change. DVC
/// hashes what it looks at on the way, so a dependency or output it cannot hash (a `.dvcignore`
/// inside a folder, a dangling link) fails the stage there, before its outputs are deleted.
extension DVCStatusChecker {
  /// Whether DVC finds the stage changed, and the dependencies (project paths) it hashed on the
  /// way; throws what DVC fails on.
  package func changed(_ stage: DVCStage, lock: DVCLockFile.Stage?) throws(DVCHashingError) -> (
    changed: Bool, hashedDeps: Set<String>
  ) {
    var hashed = Set<String>()
    // `changed_stage`: a stage with no record has no command to differ.
    if let lock, !lock.command.pythonEquals(Self.command(of: stage)) { return (true, hashed) }
    if !stage.frozen {
      let isCallback = stage.deps.isEmpty && stage.params.isEmpty && stage.outs.isEmpty
      if stage.alwaysChanged || isCallback { return (true, hashed) }
      for dep in stage.deps {
        if DVCPath.isURL(dep.path) {
          if urlChange(dep.path, recorded: lock?.dep(dep.path)) != nil {
            return (true, hashed)
          }
          continue
        }
        let path = stage.projectPath(dep.path)
        let change = try workspaceChange(path, recorded: lock?.dep(dep.path))
        hashed.insert(path)
        if change != nil { return (true, hashed) }
      }
      for params in stage.params where paramsChange(params, of: stage, lock: lock) != nil { return (true, hashed) }
    }
    for out in stage.outs {
      let entry = lock?.out(out.path.path)
      if let md5 = entry?.md5, out.cache, !(cache?.contains(md5, legacy: entry?.isLegacy ?? false) ?? false) {
        return (true, hashed)
      }
      if try workspaceChange(stage.projectPath(out.path.path), recorded: entry) != nil { return (true, hashed) }
    }
    return (false, hashed)
  }
}
