/// Whether a stage is up to date, decided exactly as `dvc status` decides it
/// (`Stage.status`, `Output.status`, `ParamsDependency.workspace_status`), with DVC's report:
/// changed dependencies and params, changed outputs (`not in cache`, `deleted`, `modified`),
/// `always changed` and `changed command`.
package struct DVCStageStatus: Sendable, Hashable {
  /// How a dependency, param or output differs from `dvc.lock`.
  package enum Change: String, Sendable, Hashable {
    case modified, deleted, new
    case notInCache = "not in cache"
  }

  /// `changed deps`: a path and its change, or a params file and the change of each key (or of
  /// the whole file when it is gone or new), in DVC's order.
  package var changedDeps: [DVCValue.Entry] = []
  /// `changed outs`.
  package var changedOuts: [DVCValue.Entry] = []
  package var alwaysChanged = false
  package var changedCommand = false

  /// True when `dvc status` has nothing to say about the stage.
  package var isUpToDate: Bool { changedDeps.isEmpty && changedOuts.isEmpty && !alwaysChanged && !changedCommand }

  /// The stage's entry as `dvc status --json` prints it.
  package var json: DVCValue {
    var items: [DVCValue] = []
    if !changedDeps.isEmpty { items.append(.dict([.init(key: "changed deps", value: .dict(changedDeps))])) }
    if !changedOuts.isEmpty { items.append(.dict([.init(key: "changed outs", value: .dict(changedOuts))])) }
    if alwaysChanged { items.append(.string("always changed")) }
    if changedCommand { items.append(.string("changed command")) }
    return .list(items)
  }
}

/// Computes `DVCStageStatus` from the files on disk, `dvc.lock` and DVC's cache.
package struct DVCStatusChecker {
  /// The absolute path of the folder of `dvc.yaml`.
  package var folder: String
  package var cache: DVCCache?
  /// The current params files, by path relative to `folder` (as `ParamsFile.path`).
  package var paramsFiles: [String: ParamsFile]
  /// Where the `.dvcignore` files that apply to folders start (the repository's root).
  package var repositoryRoot: String?
  /// Asks http(s) servers for the `ETag` of URL dependencies; nil where nothing may be asked
  /// (such a dependency then counts as changed).
  package var urls: DVCURLInfoSource?

  package init(
    folder: String, cache: DVCCache?, paramsFiles: [String: ParamsFile], repositoryRoot: String? = nil,
    urls: DVCURLInfoSource? = nil
  ) {
    self.folder = folder
    self.cache = cache
    self.paramsFiles = paramsFiles
    self.repositoryRoot = repositoryRoot
    self.urls = urls
  }

  /// How a URL dependency changed since `recorded`: DVC compares the server's `ETag` (and
  /// size) with what it recorded; one that cannot be asked counts as `deleted`, as DVC finds
  /// it missing.
  func urlChange(_ url: String, recorded: DVCLockFile.Entry?) -> DVCStageStatus.Change? {
    guard let info = urls?.info(of: url) else { return .deleted }
    guard let recorded, recorded.checksum == info.checksum, recorded.size == info.size else { return .modified }
    return nil
  }

  package func status(of stage: DVCStage, lock: DVCLockFile.Stage?) throws(DVCHashingError) -> DVCStageStatus {
    var status = DVCStageStatus()
    if !stage.frozen {
      for dep in stage.deps {
        let entry = lock?.dep(dep.path)
        if DVCPath.isURL(dep.path) {
          if let change = urlChange(dep.path, recorded: entry) {
            status.changedDeps.append(.init(key: dep.path, value: .string(change.rawValue)))
          }
          continue
        }
        if let change = try workspaceChange(stage.projectPath(dep.path), recorded: entry) {
          status.changedDeps.append(.init(key: stage.projectPath(dep.path), value: .string(change.rawValue)))
        }
      }
      for params in stage.params {
        if let change = paramsChange(params, of: stage, lock: lock) {
          status.changedDeps.append(.init(key: stage.projectPath(params.file), value: change))
        }
      }
    }
    for out in stage.outs {
      let path = stage.projectPath(out.path.path)
      let entry = lock?.out(out.path.path)
      if let md5 = entry?.md5, out.cache, !(cache?.contains(md5, legacy: entry?.isLegacy ?? false) ?? false) {
        status.changedOuts.append(.init(key: path, value: .string(DVCStageStatus.Change.notInCache.rawValue)))
      } else if let change = try workspaceChange(path, recorded: entry) {
        status.changedOuts.append(.init(key: path, value: .string(change.rawValue)))
      }
    }
    status.alwaysChanged = stage.alwaysChanged
    if let lock { status.changedCommand = !lock.command.pythonEquals(Self.command(of: stage)) }
    return status
  }

  /// The command as `dvc.lock` records it.
  package static func command(of stage: DVCStage) -> DVCValue {
    stage.commandIsList ? .list(stage.commandTexts.map { .string($0) }) : .string(stage.commandTexts.first ?? "")
  }

  /// `workspace_status` of a file or folder.
  func workspaceChange(_ path: String, recorded: DVCLockFile.Entry?) throws(DVCHashingError) -> DVCStageStatus
    .Change?
  {
    guard
      let current = try DVCHashing.hash(
        path: absolute(path), legacy: recorded?.isLegacy ?? false, repositoryRoot: repositoryRoot)
    else {
      return .deleted
    }
    guard let md5 = recorded?.md5 else { return .modified }
    return md5 == current.md5 ? nil : .modified
  }

  /// `ParamsDependency.workspace_status`: the file gone, no values recorded, or key by key.
  func paramsChange(_ params: DVCParamsDependency, of stage: DVCStage, lock: DVCLockFile.Stage?) -> DVCValue? {
    let path = stage.projectPath(params.file)
    guard let file = paramsFiles[path] else { return .string(DVCStageStatus.Change.deleted.rawValue) }
    guard let recorded = lock?.params.first(where: { $0.key == params.file })?.value.entries else {
      return .string(DVCStageStatus.Change.new.rawValue)
    }
    let actual = DVCParamsValues.values(for: params, in: file)
    let keys: [String]
    if params.isWholeFile {
      var seen = Set<String>()
      keys = (actual.map(\.key) + recorded.map(\.key)).filter { seen.insert($0).inserted }
    } else {
      keys = params.keys
    }
    var changes: [DVCValue.Entry] = []
    for key in keys {
      let now = actual.first { $0.key == key }?.value
      let then = recorded.first { $0.key == key }?.value
      let change: DVCStageStatus.Change
      switch (now, then) {
      case (nil, _): change = .deleted
      case (_, nil): change = .new
      case (let now?, let then?) where !now.pythonEquals(then, sameNaNObject: file.format == .yaml): change = .modified
      default: continue
      }
      if !changes.contains(where: { $0.key == key }) {
        changes.append(.init(key: key, value: .string(change.rawValue)))
      }
    }
    return changes.isEmpty ? nil : .dict(changes)
  }

  func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : DVCPath.normalize(folder + "/" + path)
  }
}

/// The values of a stage's params in a file, as DVC reads them (`read_params(flatten=True)`):
/// each key's value (a section is a mapping), or every top-level key for a whole file.
package enum DVCParamsValues {
  package static func values(for params: DVCParamsDependency, in file: ParamsFile) -> [DVCValue.Entry] {
    let root = file.value
    if params.isWholeFile { return root.entries ?? [] }
    var out: [DVCValue.Entry] = []
    for key in params.keys where !out.contains(where: { $0.key == key }) {
      if let value = DVCParamsSelection.select(key, in: root) { out.append(.init(key: key, value: value)) }
    }
    return out
  }
}
