/// The files a run works on: hashing inputs for fingerprints, checking, keeping and restoring
/// declared outputs, and reading metrics files. Paths given to it are absolute. Today's is the
/// pipeline's own folder (`LocalWorkspace`); an isolated copy of it is another.
package protocol Workspace: Sendable {
  /// True when something exists at `path`.
  func exists(_ path: String) -> Bool
  /// The content hash of a file, or of a folder's files (recursively); `missing` when absent.
  func contentHash(of path: String) -> String
  /// Copies the file at `path` into the content-addressed cache; returns its hash.
  func keep(_ path: String) throws(StoreError) -> String
  /// Writes the cached content with `hash` to `path`; false when the cache has no intact copy.
  func restore(_ hash: String, to path: String) throws(StoreError) -> Bool
  /// The numbers in a metrics file.
  func readMetrics(_ path: String) -> Result<[String: Double], MetricsProblem>
}

/// Why a metrics file gave no numbers.
package enum MetricsProblem: Error, Sendable, Hashable {
  case missing
  case notNumbers

  /// The message for a step's record; names the file as the step declared it.
  package func message(for file: String) -> String {
    switch self {
    case .missing: return "exited 0 but did not write its metrics file '\(file)'"
    case .notNumbers: return "metrics file '\(file)' is not a JSON object of numbers"
    }
  }
}

/// The pipeline's folder on this machine, with the run store's output cache.
package struct LocalWorkspace: Workspace {
  package let cache: OutputCache

  package init(cache: OutputCache) { self.cache = cache }

  package func exists(_ path: String) -> Bool { PosixFiles.exists(path) }

  package func contentHash(of path: String) -> String { Fingerprint.contentHash(of: path) }

  package func keep(_ path: String) throws(StoreError) -> String { try cache.store(path) }

  package func restore(_ hash: String, to path: String) throws(StoreError) -> Bool { try cache.restore(hash, to: path) }

  package func readMetrics(_ path: String) -> Result<[String: Double], MetricsProblem> {
    guard let text = FileText.read(path) else { return .failure(.missing) }
    guard let numbers = MetricsReader.metrics(inJSON: text) else { return .failure(.notNumbers) }
    return .success(numbers)
  }
}
