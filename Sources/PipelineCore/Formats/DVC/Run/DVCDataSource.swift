#if canImport(Glibc)
  import Glibc
#endif

/// A `.dvc` file made by `dvc add` (a stage with no `cmd` and no `deps`, `Stage.is_data_source`),
/// as `dvc repro` treats one whose output a stage it reproduces depends on: when DVC would call it
/// changed (an output modified, deleted or not in DVC's cache, or a DVC 1 top-level `md5`), it
/// is verified ("Verifying data sources in stage"), its outputs go into DVC's cache and the file
/// is rewritten with their new hashes (`Stage.save`, `commit`, `SingleStageFile.dump`).
struct DVCDataSource {
  /// The absolute path of the `.dvc` file.
  let file: String
  let text: String
  let root: DVCNode
  /// Its outputs: absolute path, the record of it and whether DVC caches it.
  let outputs: [(path: String, entry: DVCLockFile.Entry, cache: Bool)]

  /// The `.dvc` file at `file` when it is a data source made by `dvc add`; nil when there is no
  /// such file, it cannot be read, or it is another kind of stage (an import, a DVC 1 stage with
  /// a command), which pipeshell leaves alone.
  static func load(_ file: String) -> DVCDataSource? {
    let folder = PosixFiles.parentFolder(of: file)
    guard PosixFiles.exists(file), !PosixFiles.isFolder(file),
      let text = try? LocalDVCFiles(root: folder).text(of: file, at: nil),
      let root = try? YAMLParamsReader().read(text, file: file),
      root.entries != nil, root["cmd"] == nil, (root["deps"]?.items ?? []).isEmpty,
      let outs = root["outs"]?.items, !outs.isEmpty
    else { return nil }
    var outputs: [(path: String, entry: DVCLockFile.Entry, cache: Bool)] = []
    for out in outs {
      guard let path = out["path"]?.string, !path.contains("://") else { return nil }
      var entry = DVCLockFile.Entry(
        path: path, hashName: out["hash"]?.string, md5: out["md5"]?.string, size: nil, fileCount: nil,
        isExecutable: false, location: out.location)
      if case .int(let number)? = out["md5"]?.kind { entry.md5 = String(number) }
      if case .bigInt(let digits)? = out["md5"]?.kind { entry.md5 = digits }
      var cache = true
      if case .bool(let flag)? = out["cache"]?.kind { cache = flag }
      outputs.append((DVCPath.resolve(path, in: folder), entry, cache))
    }
    return DVCDataSource(file: file, text: text, root: root, outputs: outputs)
  }

  /// The `.dvc` files whose output may hold `path` (absolute): `path.dvc`, then the same for each
  /// folder above it, below the repository's `root` — where `dvc add` puts them.
  static func candidates(for path: String, repositoryRoot root: String) -> [String] {
    var found: [String] = []
    var current = DVCPath.normalize(path)
    while DVCPath.isInside(current, root), current != root {
      found.append(current + ".dvc")
      current = PosixFiles.parentFolder(of: current)
    }
    return found
  }

  /// True when one of its outputs is `path` or holds it, or lies inside it.
  func overlaps(_ path: String) -> Bool {
    outputs.contains { $0.path == path || DVCPath.isInside(path, $0.path) || DVCPath.isInside($0.path, path) }
  }

  /// Whether `dvc repro` would call it changed (`Stage.changed`): a top-level `md5` (which DVC 3
  /// no longer computes for data sources), or an output not in the cache, deleted or modified.
  func changed(_ checker: DVCStatusChecker) throws(DVCHashingError) -> Bool {
    if root["md5"] != nil { return true }
    for out in outputs {
      if let md5 = out.entry.md5, out.cache, !(checker.cache?.contains(md5, legacy: out.entry.isLegacy) ?? false) {
        return true
      }
      if try checker.workspaceChange(out.path, recorded: out.entry) != nil { return true }
    }
    return false
  }

  /// Its outputs that are not there (`check_missing_outputs`).
  var missingOutputs: [String] { outputs.map(\.path).filter { !PosixFiles.exists($0) } }
}
