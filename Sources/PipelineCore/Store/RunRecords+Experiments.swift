/// A run's place in a sweep: which sweep, and which point of its grid (0-based).
package struct SweepMembership: Sendable, Hashable {
  /// The sweep.
  package var sweepID: Int
  /// The point's index in the sweep's grid.
  package var point: Int

  /// Point `point` of sweep `sweepID`.
  package init(sweepID: Int, point: Int) {
    self.sweepID = sweepID
    self.point = point
  }
}

/// The code a run used: the git commit of the repository around the pipeline's folder and the
/// tracked files that differed from it (each with a hash of its content then, so two runs with
/// the same uncommitted edits are known to have used the same code).
package struct CodeVersion: Sendable, Hashable {
  /// A tracked file that differed from the commit.
  package struct ChangedFile: Sendable, Hashable {
    /// The path from the repository's top folder, as `git status` gives it.
    package var path: String
    /// `git status --porcelain`'s two-letter state (` M`, `D `, ...).
    package var state: String
    /// The content hash of the file in the work tree (`missing` when deleted).
    package var contentHash: String

    /// A changed file.
    package init(path: String, state: String, contentHash: String) {
      self.path = path
      self.state = state
      self.contentHash = contentHash
    }
  }

  /// The commit checked out; nil in a repository without commits.
  package var commit: String?
  /// Tracked files that differed from the commit (at most `CodeVersion.maximumFiles`).
  package var changedFiles: [ChangedFile]
  /// How many more files differed than are listed.
  package var moreChanged: Int

  /// The most changed files a run records by name.
  package static let maximumFiles = 200

  /// The code at `commit` with these changed files.
  package init(commit: String?, changedFiles: [ChangedFile] = [], moreChanged: Int = 0) {
    self.commit = commit
    self.changedFiles = changedFiles
    self.moreChanged = moreChanged
  }

  /// True when tracked files differed from the commit.
  package var isDirty: Bool { !changedFiles.isEmpty || moreChanged > 0 }

  /// The commit shortened for people (`3f2a9c1`), or `no commit`.
  package var shortCommit: String { commit.map { String($0.prefix(7)) } ?? "no commit" }

  /// True when both runs certainly used the same code: the same commit and the same changed
  /// files with the same content (a list cut short never counts as the same).
  package func isSameCode(as other: CodeVersion) -> Bool {
    commit == other.commit && changedFiles == other.changedFiles && moreChanged == 0 && other.moreChanged == 0
  }

  /// The record as JSON text, for the run store.
  package var json: JSONValue {
    .object([
      ("commit", .optional(commit)),
      (
        "changed",
        .array(
          changedFiles.map {
            .object([("path", .string($0.path)), ("state", .string($0.state)), ("hash", .string($0.contentHash))])
          })
      ),
      ("more", .int(moreChanged)),
    ])
  }

  /// Reads the JSON the store keeps; nil when it is not a code record.
  package init?(json: JSONValue) {
    guard let files = json["changed"]?.array else { return nil }
    var changed: [ChangedFile] = []
    for file in files {
      guard let path = file["path"]?.string, let state = file["state"]?.string, let hash = file["hash"]?.string else {
        return nil
      }
      changed.append(ChangedFile(path: path, state: state, contentHash: hash))
    }
    self.init(commit: json["commit"]?.string, changedFiles: changed, moreChanged: max(0, json["more"]?.int ?? 0))
  }
}

/// A sweep as stored: a group of runs over a grid of values.
package struct SweepRecord: Sendable, Hashable {
  /// How a sweep ended, or that it is still going.
  package enum Status: String, Sendable, Hashable {
    case running, ok, failed, interrupted
  }

  /// The sweep's number, increasing and never reused in a store.
  package var id: Int
  /// When it started, in seconds since 1970.
  package var startedAt: Double
  /// When it ended, in seconds since 1970.
  package var finishedAt: Double?
  /// How it ended, or `running`.
  package var status: Status
  /// The pipeline's `name:`.
  package var pipelineName: String
  /// The pipeline file, as loaded.
  package var pipelineFile: String?
  /// The command that started it, as typed.
  package var command: String
  /// The grid.
  package var grid: SweepGrid
  /// The active profile when it started.
  package var profile: String?
  /// The bindings above the defaults when it started (see `RecordedBindings`), for `--resume`.
  package var bindings: String?
  /// How its points run, for `--resume`.
  package var settings: SweepSettings
  /// The process id of the shell that ran it last.
  package var ownerPID: Int32

  /// A record with these fields.
  package init(
    id: Int, startedAt: Double, finishedAt: Double? = nil, status: Status, pipelineName: String,
    pipelineFile: String? = nil, command: String, grid: SweepGrid, profile: String? = nil, bindings: String? = nil,
    settings: SweepSettings = SweepSettings(), ownerPID: Int32
  ) {
    self.settings = settings
    self.id = id
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.status = status
    self.pipelineName = pipelineName
    self.pipelineFile = pipelineFile
    self.command = command
    self.grid = grid
    self.profile = profile
    self.bindings = bindings
    self.ownerPID = ownerPID
  }
}

/// What `RunStore.beginSweep` needs to record a new sweep.
package struct NewSweep: Sendable, Hashable {
  /// When it started, in seconds since 1970.
  package var startedAt: Double
  /// The pipeline's `name:`.
  package var pipelineName: String
  /// The pipeline file, as loaded.
  package var pipelineFile: String?
  /// The command that starts it, as typed.
  package var command: String
  /// The grid of values.
  package var grid: SweepGrid
  /// The active profile, if any.
  package var profile: String?
  /// The bindings above the defaults (see `RecordedBindings`).
  package var bindings: String?
  /// How its points run.
  package var settings: SweepSettings

  /// A record with these fields.
  package init(
    startedAt: Double, pipelineName: String, pipelineFile: String?, command: String, grid: SweepGrid,
    profile: String?, bindings: String?, settings: SweepSettings
  ) {
    self.settings = settings
    self.startedAt = startedAt
    self.pipelineName = pipelineName
    self.pipelineFile = pipelineFile
    self.command = command
    self.grid = grid
    self.profile = profile
    self.bindings = bindings
  }
}

/// How a sweep's points run, kept with the sweep so `--resume` runs the rest the same way.
package struct SweepSettings: Sendable, Hashable {
  /// Points at once.
  package var jobs = 1
  /// Cancel the sweep at the first failing point.
  package var failFast = false
  /// Every point in a copy of its own (always so with more than one job).
  package var isolated = false
  /// Reuse steps whose fingerprint matches an earlier success.
  package var useCache = true
  /// Runs every step on this executor (`--executor`).
  package var executor: String?
  /// Bytes each step's log keeps (nil: no limit).
  package var logLimit: Int? = RunRequest.defaultLogLimit

  /// One point at a time in the folder, with the cache, default log limit.
  package init() {}

  /// The settings as the store keeps them.
  package var json: JSONValue {
    .object([
      ("jobs", .int(jobs)), ("failFast", .bool(failFast)), ("isolated", .bool(isolated)), ("useCache", .bool(useCache)),
      ("executor", .optional(executor)), ("logLimit", .optional(logLimit)),
    ])
  }

  /// Reads what the store keeps; what is missing or out of range keeps its default.
  package init(json: JSONValue?) {
    guard let json else { return }
    jobs = min(max(json["jobs"]?.int ?? 1, 1), 1024)
    failFast = json["failFast"]?.bool ?? false
    isolated = json["isolated"]?.bool ?? false
    useCache = json["useCache"]?.bool ?? true
    executor = json["executor"]?.string
    if let limit = json["logLimit"] { logLimit = limit.int.map { max(1, $0) } }
  }
}
