import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The data sources (`.dvc` files made by `dvc add`) of one run, each reproduced once, just before
/// the first stage that depends on it, as `dvc repro` reproduces them (they come before their
/// dependents in its order): a changed one is verified, its new data goes into DVC's cache and
/// its `.dvc` file is rewritten; one whose data is missing fails the stage with DVC's message.
final class DVCDataSources: Sendable {
  /// The absolute folder of `dvc.yaml` (where `dvc repro` runs; DVC's messages name paths from it).
  let folder: String
  let repositoryRoot: String
  let cache: DVCCache
  /// By `.dvc` file: nil once reproduced, or why DVC fails it.
  private let results = Mutex<[String: String?]>([:])
  private let written = Mutex<[String]>([])
  private let rewritten = Mutex<[String]>([])

  init(folder: String, repositoryRoot: String, cache: DVCCache) {
    self.folder = folder
    self.repositoryRoot = repositoryRoot
    self.cache = cache
  }

  /// What the user should know: the data sources whose new data was cached and recorded.
  var notes: [String] { written.withLock { $0 } }

  /// The `.dvc` files rewritten (absolute), which DVC tells git of.
  var rewrittenFiles: [String] { rewritten.withLock { $0 } }

  /// Reproduces the data sources whose outputs overlap the dependencies `paths` (absolute);
  /// DVC's message for the first that fails.
  func reproduce(forDependencies paths: [String]) -> String? {
    for path in paths {
      for file in DVCDataSource.candidates(for: path, repositoryRoot: repositoryRoot) {
        if let problem = results.withLock({ results -> String?? in results[file] }) {
          if let problem { return problem }
          continue
        }
        guard let source = DVCDataSource.load(file), source.overlaps(path) else { continue }
        let problem = reproduce(source)
        results.withLock { $0[file] = .some(problem) }
        if let problem { return problem }
      }
    }
    return nil
  }

  private func shown(_ path: String) -> String { DVCPath.relative(path, to: folder) }

  /// `Stage.reproduce` of one data source: nothing when it did not change.
  private func reproduce(_ source: DVCDataSource) -> String? {
    let name = shown(source.file)
    let checker = DVCStatusChecker(
      folder: folder, cache: cache, paramsFiles: [:], repositoryRoot: repositoryRoot)
    do {
      guard try source.changed(checker) else { return nil }
      let missing = source.missingOutputs
      if !missing.isEmpty {
        let noun = missing.count > 1 ? "sources" : "source"
        return "failed to reproduce '\(name)': missing data '\(noun)': "
          + missing.map(shown).joined(separator: ", ")
      }
      var hashes: [DVCHashInfo] = []
      for out in source.outputs {
        hashes.append(try save(out.path, cache: out.cache))
      }
      // In place, as DVC writes it (its mode stays).
      try RestoreJournal.overwrite(source.file, with: Array(source.updatedText(with: hashes).utf8))
      rewritten.withLock { $0.append(source.file) }
      let outputs = source.outputs.map { shown($0.path) }.joined(separator: ", ")
      written.withLock {
        $0.append(
          "data source \(name): \(outputs) changed; its new version is in DVC's cache and \(name) records it, as dvc repro does"
        )
      }
      return nil
    } catch {
      return "failed to reproduce '\(name)': \(error)"
    }
  }

  /// Hashes an output as DVC 3 does and adds it to the cache (`save`, `commit`).
  private func save(_ path: String, cache useCache: Bool) throws -> DVCHashInfo {
    if PosixFiles.isFolder(path) {
      let (info, entries) = try DVCHashing.directory(path: path, repositoryRoot: repositoryRoot)
      if useCache { try cache.add(folder: entries, md5: info.md5) }
      return info
    }
    let info = try DVCHashing.file(path: path)
    if useCache { try cache.add(file: path, md5: info.md5) }
    return info
  }
}
