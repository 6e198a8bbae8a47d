/// The files a run works on: hashing inputs for fingerprints, checking, keeping and restoring
/// declared outputs, and reading metrics files. Paths given to it are absolute paths of the
/// pipeline's folder as planned (so fingerprints and records are the same wherever a run
/// works); `location(of:)` says where such a path is on disk. The pipeline's own folder is
/// `LocalWorkspace`; an isolated run's copy of it is `IsolatedWorkspace`.
package protocol Workspace: Sendable {
  /// Where the planned path `path` is on disk for this workspace (a step's working folder).
  func location(of path: String) -> String
  /// True when something exists at `path`.
  func exists(_ path: String) -> Bool
  /// True when `path` is a folder.
  func isFolder(_ path: String) -> Bool
  /// The content hash of a file, or of a folder's files (recursively); `missing` when absent.
  func contentHash(of path: String) -> String
  /// Copies the file at `path` into the content-addressed cache; returns its hash.
  func keep(_ path: String) throws(StoreError) -> String
  /// Writes the cached content with `hash` to `path` with permission bits `mode` (nil: the
  /// cached copy's exec bit); false when the cache has no intact copy.
  func restore(_ hash: String, to path: String, mode: Int?) throws(StoreError) -> Bool
  /// The numbers in a metrics file.
  func readMetrics(_ path: String) -> Result<[String: Double], MetricsProblem>
  /// The run store's output cache, which holds the kept outputs.
  var cache: OutputCache { get }
}

/// Why a metrics file gave no numbers.
package enum MetricsProblem: Error, Sendable, Hashable {
  case missing
  case notNumbers

  /// The message for a step's record; names the file as the step declared it.
  package func message(for file: String) -> String {
    switch self {
    case .missing: return "exited 0 but did not write its metrics file '\(file)'"
    case .notNumbers:
      return "metrics file '\(file)' is not a mapping of numbers (JSON, YAML, TOML or Python, by its extension)"
    }
  }
}

/// The pipeline's folder on this machine, with the run store's output cache.
package struct LocalWorkspace: Workspace {
  package let cache: OutputCache

  package init(cache: OutputCache) { self.cache = cache }

  package func location(of path: String) -> String { path }

  package func exists(_ path: String) -> Bool { PosixFiles.exists(path) }

  package func isFolder(_ path: String) -> Bool { PosixFiles.isFolder(path) }

  package func contentHash(of path: String) -> String { Fingerprint.contentHash(of: path) }

  package func keep(_ path: String) throws(StoreError) -> String { try cache.store(path) }

  package func restore(_ hash: String, to path: String, mode: Int?) throws(StoreError) -> Bool {
    try cache.restore(hash, to: path, mode: mode)
  }

  package func readMetrics(_ path: String) -> Result<[String: Double], MetricsProblem> {
    Self.readMetrics(atLocation: path)
  }

  /// The numbers in the metrics file at `location` on disk, read by its extension as DVC reads
  /// metrics files: `.json` as JSON, `.toml` as TOML, `.py` as Python, anything else as YAML.
  static func readMetrics(atLocation location: String) -> Result<[String: Double], MetricsProblem> {
    guard let text = FileText.read(location) else { return .failure(.missing) }
    guard let numbers = MetricsReader.metrics(in: text, path: location) else { return .failure(.notNumbers) }
    return .success(numbers)
  }
}
