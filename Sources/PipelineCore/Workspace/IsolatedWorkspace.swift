/// An isolated run's copy of the pipeline's folder: planned paths inside the folder are worked
/// on in the copy, so the run never touches the folder's files, while fingerprints and records
/// keep the folder's paths (isolated runs and runs in the folder reuse each other's steps).
/// Outputs are kept in, and restored from, the store's cache as for any run.
package struct IsolatedWorkspace: Workspace {
  /// The pipeline's folder, as planned paths name it.
  package let root: String
  /// The copy the run works in.
  package let copy: String
  /// The store's cache, where outputs are kept and restored from.
  package let cache: OutputCache

  /// The copy `copy` of the folder `root`, with the store's cache.
  package init(root: String, copy: String, cache: OutputCache) {
    self.root = root
    self.copy = copy
    self.cache = cache
  }

  /// The path in the copy for a path in the folder; other paths are left as they are (a run
  /// that would write outside the folder is refused before it starts, see `IsolationCheck`).
  package func location(of path: String) -> String {
    guard let relative = PathText.relative(path, to: root) else { return path }
    return relative.isEmpty ? copy : copy + "/" + relative
  }

  /// True when something exists at the path in the copy.
  package func exists(_ path: String) -> Bool { PosixFiles.exists(location(of: path)) }

  /// True when the path is a folder in the copy.
  package func isFolder(_ path: String) -> Bool { PosixFiles.isFolder(location(of: path)) }

  /// The content hash of the path in the copy.
  package func contentHash(of path: String) -> String { Fingerprint.contentHash(of: location(of: path)) }

  /// Keeps the file at the path in the copy in the cache.
  package func keep(_ path: String) throws(StoreError) -> String { try cache.store(location(of: path)) }

  /// Restores cached content to the path in the copy.
  package func restore(_ hash: String, to path: String, mode: Int?) throws(StoreError) -> Bool {
    try cache.restore(hash, to: location(of: path), mode: mode)
  }

  /// The numbers in the metrics file at the path in the copy.
  package func readMetrics(_ path: String) -> Result<[String: Double], MetricsProblem> {
    LocalWorkspace.readMetrics(atLocation: location(of: path))
  }
}
