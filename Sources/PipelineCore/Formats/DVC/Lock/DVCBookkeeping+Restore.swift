/// Restoring a stage's outputs from DVC's cache instead of running it, where `dvc repro` would
/// (`StageCache.restore`: "Stage 'x' is cached - skipping run, checking out outputs").
extension DVCBookkeeping {
  /// Where the outputs' hashes came from.
  package enum RestoreSource: Sendable, Hashable {
    /// `dvc.lock`: its entry matches the stage's command, dependencies and params.
    case lock
    /// The run cache's newest entry for the stage as it is now.
    case runCache
  }

  /// A stage restored from DVC's cache.
  package struct Restored: Sendable, Hashable {
    package var source: RestoreSource
    /// The outputs checked out, as `dvc.yaml` names them.
    package var outputs: [String]
  }

  /// An output's record: its path (relative to the stage's working folder) and hash.
  private struct RecordedOutput {
    var path: String
    var md5: String?
    var isExecutable: Bool
  }

  /// Restores the stage's outputs as `StageCache.restore` does, or says why not by returning
  /// nil: the stage must be one DVC's run cache holds (`_can_hash`); when its `dvc.lock` entry
  /// matches its command, dependencies and params and names every output's hash, those outputs
  /// are used, else the run cache's newest entry for it; every object must be in DVC's cache.
  /// Also returns what the user should know (a corrupted run-cache entry, a failed checkout).
  /// `status` is the stage's status when the caller has just made it (it is not made again).
  package func restoreFromCache(_ stage: DVCStage, status: DVCStageStatus? = nil) -> (
    restored: Restored?, notes: [String]
  ) {
    guard let cache, let root = repositoryRoot, !stage.frozen, let keyEntry = runCacheKeyEntry(stage),
      canUseRunCache(stage, entry: keyEntry)
    else { return (nil, []) }
    var notes: [String] = []
    let source: RestoreSource
    let recorded: [RecordedOutput]
    if let entry = lock?.stage(stage.name), let outputs = outputsIfLockMatches(stage, entry, status: status) {
      guard !outputs.isEmpty else { return (nil, []) }  // DVC 2's hashes: DVC 3 keeps them elsewhere
      (source, recorded) = (.lock, outputs)
    } else {
      guard let key = DVCRunCacheKey.key(of: keyEntry) else { return (nil, []) }
      let lookup = DVCRunCache(cache: cache, projectFolder: folder).newest(key: key)
      if let warning = lookup.warning { notes.append(warning) }
      guard let entry = lookup.entry else { return (nil, notes) }
      (source, recorded) = (.runCache, Self.outputs(of: entry))
    }
    guard !recorded.isEmpty else { return (nil, notes) }
    let checkout = DVCCheckout.inRepository(root, cache: cache)
    var objects: [(output: RecordedOutput, object: DVCCheckout.Object)] = []
    for output in recorded {
      guard let md5 = output.md5, let object = checkout.object(md5) else { return (nil, notes) }
      objects.append((output, object))
    }
    for (output, object) in objects {
      do {
        // DVC checks an output it does not cache out again as a copy when it saves the stage.
        let uncached = stage.outs.contains { $0.path.path == output.path && !$0.cache }
        try checkout.checkout(
          object, to: absolute(stage.projectPath(output.path)), isExecutable: output.isExecutable, copied: uncached)
      } catch {
        notes.append("cannot check '\(output.path)' of stage '\(stage.name)' out of DVC's cache: \(error)")
        return (nil, notes)
      }
    }
    return (Restored(source: source, outputs: recorded.map(\.path)), notes)
  }

  /// The stage's `dvc.lock` entry from the current files with its outputs as paths only (what
  /// the run cache's key hashes); nil when a dependency is missing or a param has no value.
  func runCacheKeyEntry(_ stage: DVCStage) -> DVCValue? {
    var withoutOutputs = stage.fields
    withoutOutputs.outs = []
    guard case .dict(var fields)? = try? lockEntry(for: DVCStage(withoutOutputs)) else { return nil }
    let paths = DVCLockWriter.sortedPaths(stage.outs.map(\.path.path))
    fields.append(.init(key: "outs", value: .list(paths.map { .string($0) })))
    return .dict(fields)
  }

  /// The stage's outputs as `dvc.lock` records them, when its entry matches the stage as DVC's
  /// first test decides (`changed_stage`, `deps_cached`, every output with a hash); empty when
  /// one was recorded by DVC 2 (pipeshell then runs the stage).
  private func outputsIfLockMatches(_ stage: DVCStage, _ entry: DVCLockFile.Stage, status known: DVCStageStatus?)
    -> [RecordedOutput]?
  {
    guard entry.command.pythonEquals(DVCStatusChecker.command(of: stage)) else { return nil }
    var outputs: [RecordedOutput] = []
    for out in stage.outs {
      guard let recorded = entry.out(out.path.path), let md5 = recorded.md5 else {
        return nil
      }
      outputs.append(RecordedOutput(path: out.path.path, md5: md5, isExecutable: recorded.isExecutable))
    }
    guard let status = known ?? (try? status(of: stage)), status.changedDeps.isEmpty else { return nil }
    return entry.outs.contains(where: \.isLegacy) ? [] : outputs
  }

  /// The outputs a run-cache entry records.
  private static func outputs(of entry: DVCValue) -> [RecordedOutput] {
    guard case .list(let items)? = entry["outs"] else { return [] }
    return items.compactMap { item in
      guard case .string(let path)? = item["path"] else { return nil }
      var md5: String?
      if case .string(let text)? = item["md5"] { md5 = text }
      return RecordedOutput(path: path, md5: md5, isExecutable: item["isexec"] == .bool(true))
    }
  }
}
