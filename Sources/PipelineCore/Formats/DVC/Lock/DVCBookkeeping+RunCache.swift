/// DVC's run cache for a project's stages: which stages it holds (`_can_hash`), and saving a
/// stage that ran (or was restored) as `Stage.save` saves it (`StageCache.save`), so that a later
/// `dvc repro` restores its outputs rather than run it again.
extension DVCBookkeeping {
  /// `_can_hash`: a command, dependencies (files that exist, params with values), outputs,
  /// none of them `persist` or outside the repository, and not `always_changed`. `entry` is the
  /// stage's `dvc.lock` entry from the current files (its outputs may be paths only).
  func canUseRunCache(_ stage: DVCStage, entry: DVCValue) -> Bool {
    guard !stage.alwaysChanged, !stage.commandTexts.allSatisfy(\.isEmpty), !stage.outs.isEmpty else { return false }
    // A URL's record is the server's ETag, which pipeshell does not key entries with as DVC does.
    guard !stage.hasExternalDeps else { return false }
    let deps = entry["deps"].map { if case .list(let items) = $0 { items } else { [] } } ?? []
    let params = entry["params"]?.entries ?? []
    guard !deps.isEmpty || !params.isEmpty else { return false }
    // A params file with no values hashes as an empty mapping, which DVC takes for no hash.
    guard params.allSatisfy({ !($0.value.entries ?? []).isEmpty }) else { return false }
    guard let root = repositoryRoot else { return false }
    return stage.outs.allSatisfy { out in
      let path = absolute(stage.projectPath(out.path.path))
      return !out.persist && !out.path.path.hasPrefix("/") && path.hasPrefix(root == "/" ? "/" : root + "/")
    }
  }

  /// `Stage.save`'s part for the run cache: unless an output that is neither a metric nor a plot
  /// is left out of DVC's cache (`cache: false`), the outputs left out are added to it
  /// (`_uncached_outs`) and `entry` is saved as a run-cache entry. Returns what the user should
  /// know (DVC's warning for a corrupted entry).
  func saveRunCache(of stage: DVCStage, entry: DVCValue) throws(DVCCommitProblem) -> [String] {
    guard let cache, canUseRunCache(stage, entry: entry),
      !stage.outs.contains(where: { !$0.cache && $0.kind == .out })
    else { return [] }
    var uncached = stage.fields
    uncached.outs = stage.outs.filter { !$0.cache }.map { out in
      var kept = out
      kept.cache = true
      return kept
    }
    // DVC commits them as copies (`_cache_type_copy`), as if Git tracked them.
    if !uncached.outs.isEmpty { try commit(DVCStage(uncached), kinds: [.copy]) }
    do {
      return try DVCRunCache(cache: cache, projectFolder: folder).save(entry).map { [$0] } ?? []
    } catch {
      throw .file(error)
    }
  }
}
