/// `checkout RUN`: brings a run's kept outputs into the pipeline's folder byte for byte (as
/// `dvc exp apply` does), from the store's cache (a folder output file by file), or for a folder
/// recorded before its files were kept, from the run's kept isolated copy. A file in the folder is replaced only when nothing is lost by it: it is
/// missing, already the run's, or its content is some run's recorded output (so the cache
/// holds it); anything else was changed since and is overwritten only when forced.
package struct Checkout: Sendable {
  /// One output of the run and what checking it out does.
  package struct Entry: Sendable, Hashable {
    /// What checking out one output does.
    package enum Action: Sendable, Hashable {
      /// The folder has it already.
      case unchanged
      /// It is written from the cache (or the copy).
      case restore
      /// The folder's file was changed since and is not recorded anywhere: forced only.
      case changedSince
      /// The run's content cannot be had (not in the cache, a folder output whose copy is gone).
      case unavailable(String)
    }

    /// The step that wrote it.
    package var step: String
    /// The path as the step declared it.
    package var path: String
    /// Where it goes in the pipeline's folder.
    package var location: String
    /// The content hash recorded (`dir:` for a folder).
    package var hash: String
    /// A folder output's files kept in the cache, hash by path relative to it.
    package var files: [String: String]? = nil
    /// A file output's permission bits as recorded (none for outputs recorded before modes
    /// were kept).
    package var mode: Int? = nil
    /// A folder output's files' permission bits as recorded, by path relative to it.
    package var fileModes: [String: Int] = [:]
    /// What checking it out does.
    package var action: Action
  }

  /// The run checked out.
  package let run: RunRecord
  /// Each kept output, by step and path.
  package let entries: [Entry]
  private let store: RunStore

  /// Works out what checking out `run` into `folder` (the pipeline's folder now) does.
  package init(run: RunRecord, into folder: String, store: RunStore) throws(StoreError) {
    self.run = run
    self.store = store
    let runFolder = run.pipelineFile.map(PosixFiles.parentFolder(of:))
    var entries: [Entry] = []
    for (step, keptBy, outputs) in try store.keptOutputs(of: run) {
      // The step's folder relative to the pipeline's folder then, placed in the folder now.
      let stepFolder = step.folder ?? folder
      let relative = runFolder.flatMap { PathText.relative(stepFolder, to: $0) }
      let base = relative.map { $0.isEmpty ? folder : folder + "/" + $0 } ?? stepFolder
      let recorded = RecordedOutputs(outputs, modes: try store.outputModes(runID: keptBy, step: step.name))
      for (path, hash) in recorded.declared.sorted(by: { $0.key < $1.key }) {
        let location = PathText.normalized(Fingerprint.absolute(path, in: base))
        let files = recorded.folderFiles[path].flatMap { files in
          files.values.allSatisfy(store.outputCache.contains) ? files : nil
        }
        let action = try Self.action(
          hash: hash, location: location, path: path, files: files, run: run, store: store)
        entries.append(
          Entry(
            step: step.name, path: path, location: location, hash: hash, files: files, mode: recorded.modes[path],
            fileModes: recorded.modes(inFolder: path), action: action))
      }
    }
    self.entries = entries
  }

  /// Entries that `apply` would overwrite only when forced.
  package var changedSince: [Entry] { entries.filter { $0.action == .changedSince } }

  /// Writes every entry to restore (and, with `force`, those changed since); returns the
  /// entries written. Nothing is written when something changed since and `force` is false.
  package func apply(force: Bool) throws(StoreError) -> [Entry] {
    if !force, !changedSince.isEmpty { return [] }
    var written: [Entry] = []
    for entry in entries where entry.action == .restore || (force && entry.action == .changedSince) {
      if let files = entry.files {
        let contentHash = String(entry.hash.dropFirst(StoreStepCache.folderMark.count))
        let workspace = LocalWorkspace(cache: store.outputCache)
        guard
          try workspace.restoreFolder(entry.location, files: files, modes: entry.fileModes, contentHash: contentHash)
        else { continue }
      } else if entry.hash.hasPrefix(StoreStepCache.folderMark) {
        guard let copy = run.workspace, let location = Self.inCopy(entry.location, run: run, copy: copy) else {
          continue
        }
        do {
          _ = try FolderRemoval.remove(entry.location)
          try PosixFiles.makeFolders(PosixFiles.parentFolder(of: entry.location))
          _ = try WorkspaceCopy.make(of: location, at: entry.location, mayLink: { _ in false })
        } catch {
          throw .file(error)
        }
      } else {
        guard try store.outputCache.restore(entry.hash, to: entry.location, mode: entry.mode) else { continue }
      }
      written.append(entry)
    }
    return written
  }

  private static func action(
    hash: String, location: String, path: String, files: [String: String]?, run: RunRecord, store: RunStore
  ) throws(StoreError) -> Entry.Action {
    let exists = PosixFiles.exists(location)
    if hash.hasPrefix(StoreStepCache.secretMark) {
      let now = exists ? StoreStepCache.secretMark + Fingerprint.contentHash(of: location) : nil
      return now == hash ? .unchanged : .unavailable("it holds a secret, which is never kept in the cache")
    }
    if hash.hasPrefix(StoreStepCache.folderMark) {
      let now = exists ? StoreStepCache.folderMark + Fingerprint.contentHash(of: location) : nil
      if now == hash { return .unchanged }
      if files != nil {
        guard let now else { return .restore }
        // The folder now is some run's recorded output with every file in the cache: nothing is lost.
        let workspace = LocalWorkspace(cache: store.outputCache)
        let current = workspace.files(inFolder: location).map { Fingerprint.contentHash(of: location + "/" + $0) }
        if try store.isRecordedOutput(path: path, hash: now), current.allSatisfy(store.outputCache.contains) {
          return .restore
        }
        return .changedSince
      }
      guard let copy = run.workspace, let source = inCopy(location, run: run, copy: copy), PosixFiles.isFolder(source),
        StoreStepCache.folderMark + Fingerprint.contentHash(of: source) == hash
      else {
        return .unavailable("a folder output is not cached, and the run's isolated copy is gone")
      }
      return exists ? .changedSince : .restore
    }
    let current = exists ? Fingerprint.contentHash(of: location) : nil
    if current == hash { return .unchanged }
    guard store.outputCache.contains(hash) else { return .unavailable("its content is no longer in the cache (gc)") }
    guard let current else { return .restore }
    // The folder's file is some run's recorded output, kept in the cache: nothing is lost.
    if try store.isRecordedOutput(path: path, hash: current), store.outputCache.contains(current) { return .restore }
    return .changedSince
  }

  /// Where `location` (in the pipeline's folder) is in the run's kept isolated copy.
  private static func inCopy(_ location: String, run: RunRecord, copy: String) -> String? {
    guard let folder = run.pipelineFile.map(PosixFiles.parentFolder(of:)),
      let relative = PathText.relative(location, to: folder)
    else { return nil }
    return relative.isEmpty ? copy : copy + "/" + relative
  }
}
