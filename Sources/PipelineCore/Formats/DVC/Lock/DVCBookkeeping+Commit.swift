#if canImport(Glibc)
  import Glibc
#endif

/// `dvc commit` of a stage that ran (`Output.commit`): each output DVC caches goes into its
/// cache, and the files in the workspace then become what `cache.type` asks for (links into
/// the cache, or copies), as `dvc repro` leaves them.
extension DVCBookkeeping {
  /// Commits the stage's outputs whose `cache` is true.
  package func commit(_ stage: DVCStage) throws(DVCCommitProblem) {
    try commit(stage, kinds: nil)
  }

  /// `kinds` replaces `cache.type` (the run cache commits the outputs DVC does not cache as
  /// copies).
  func commit(_ stage: DVCStage, kinds: [DVCCheckout.LinkKind]?) throws(DVCCommitProblem) {
    guard let cache else { throw .noCache }
    var checkout =
      repositoryRoot.map { DVCCheckout.inRepository($0, cache: cache) }
      ?? DVCCheckout(cache: cache, kinds: [.reflink, .copy])
    if let kinds { checkout.kinds = kinds }
    for out in stage.outs where out.cache {
      let path = absolute(stage.projectPath(out.path.path))
      do {
        try commit(path, to: cache, checkout: checkout)
      } catch let error as DVCHashingError {
        throw .hashing(error)
      } catch let error as FileError {
        throw .file(error)
      } catch {
        throw .file(FileError(.write, path: path, code: EIO))
      }
    }
  }

  /// Adds one output, then links it back. When `cache.type` starts with `hardlink`, a new
  /// object is a hard link of the file itself (`transfer(hardlink=True)`).
  private func commit(_ path: String, to cache: DVCCache, checkout: DVCCheckout) throws {
    let linking = checkout.kinds.first == .hardlink
    guard PosixFiles.isFolder(path) else {
      let info = try DVCHashing.file(path: path)
      try cache.add(file: path, md5: info.md5, linking: linking)
      if let file = DVCWorkspaceFile(path: path) {
        let action = DVCCheckout.actionForFileOutput(file, kinds: checkout.kinds)
        try checkout.apply(action, at: path, object: cache.objectPath(info.md5))
      }
      if info.isExecutable { DVCCheckout.setOwnerExecutable(path) }
      return
    }
    let (info, entries) = try DVCHashing.directory(path: path, repositoryRoot: repositoryRoot)
    // DVC decides what to link again from what it saw when it hashed the folder.
    let seen = entries.map { DVCWorkspaceFile(path: $0.path) }
    try cache.add(folder: entries, md5: info.md5, linking: linking)
    for (entry, file) in zip(entries, seen) {
      guard let file else { continue }
      let object = cache.objectPath(entry.md5)
      var objectInfo = stat()
      let objectInode = stat(object, &objectInfo) == 0 ? UInt64(objectInfo.st_ino) : nil
      let action = DVCCheckout.actionForFolderFile(
        file, kinds: checkout.kinds, objectInode: objectInode, objectPath: object)
      try checkout.apply(action, at: entry.path, object: object)
    }
  }
}
