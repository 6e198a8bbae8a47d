#if canImport(Glibc)
  import Glibc
#endif

/// Puts an output back from DVC's cache as `dvc checkout` does (`dvc_data.hashfile.checkout`):
/// first checked as `outs_cached` checks it (each object there with the MD5 it is named by; a
/// corrupted one is deleted, as DVC deletes it), then each file linked or copied by the first
/// of `cache.type`'s kinds that works here (DVC's default: reflink, else copy).
struct DVCCheckout {
  /// A way of putting a cached file in place (`cache.type`).
  enum LinkKind: String, CaseIterable {
    case reflink, hardlink, symlink, copy
  }

  /// What an output's hash names in the cache, once checked.
  enum Object {
    case file(String)
    /// A folder: each file's path inside it and its object.
    case folder([(relpath: String, object: String)])
  }

  /// The largest `.dir` manifest read.

  var cache: DVCCache
  var kinds: [LinkKind]
  /// The mode of a file DVC unprotects (`fileMode(inDVCFolder:)`).
  var fileMode: mode_t = 0o644

  /// Checks out as the DVC repository at `root` asks (`cache.type`, `cache.shared`).
  static func inRepository(_ root: String, cache: DVCCache) -> DVCCheckout {
    let dvcFolder = root == "/" ? "/.dvc" : root + "/.dvc"
    return DVCCheckout(cache: cache, kinds: kinds(inDVCFolder: dvcFolder), fileMode: fileMode(inDVCFolder: dvcFolder))
  }

  /// The link kinds `cache.type` names in DVC's config (`.dvc/config`, `config.local`), in order.
  static func kinds(inDVCFolder dvcFolder: String) -> [LinkKind] {
    guard let written = DVCConfig.value("cache", "type", in: dvcFolder) else { return [.reflink, .copy] }
    let kinds = written.split(separator: ",").compactMap { LinkKind(rawValue: String($0).trimmingSpaces) }
    return kinds.isEmpty ? [.reflink, .copy] : kinds
  }

  /// The checked object an output's MD5 names, or nil when it is missing or corrupted.
  func object(_ md5: String) -> Object? {
    guard md5.hasSuffix(".dir") else { return verified(md5) ? .file(cache.objectPath(md5)) : nil }
    guard verified(md5), let files = manifest(cache.objectPath(md5)) else { return nil }
    var objects: [(relpath: String, object: String)] = []
    for (relpath, fileMD5) in files {
      guard verified(fileMD5) else { return nil }
      objects.append((relpath, cache.objectPath(fileMD5)))
    }
    return .folder(objects)
  }

  /// Whether the object is there and its content has the MD5 it is named by (`HashFileDB.check`);
  /// one that does not is deleted, as DVC deletes it.
  private func verified(_ md5: String) -> Bool {
    let path = cache.objectPath(md5)
    guard let info = try? DVCHashing.file(path: path) else { return false }
    if info.md5 == String(md5.prefix { $0 != "." }) { return true }
    try? PosixFiles.remove(path)
    return false
  }

  /// The files a `.dir` object lists; nil when it is not DVC's manifest, or names a path that
  /// leaves its folder.
  private func manifest(_ path: String) -> [(String, String)]? {
    guard let items = DVCCache.manifestItems(at: path) else { return nil }
    var files: [(String, String)] = []
    for item in items {
      guard case .string(let relpath)? = item["relpath"], case .string(let md5)? = item["md5"],
        Self.staysInside(relpath)
      else { return nil }
      files.append((relpath, md5))
    }
    return files
  }

  static func staysInside(_ relpath: String) -> Bool {
    !relpath.hasPrefix("/") && !relpath.contains("\0")
      && relpath.split(separator: "/", omittingEmptySubsequences: false).allSatisfy {
        !$0.isEmpty && $0 != "." && $0 != ".."
      }
  }

  /// Replaces whatever is at `path` with the object; a file output recorded as executable gets
  /// its owner's execute bit back (`Output.set_exec`; DVC does not for the files of a folder).
  /// `copied` ignores `cache.type`: an output DVC does not cache ends up a plain copy.
  func checkout(_ object: Object, to path: String, isExecutable: Bool, copied: Bool = false) throws(FileError) {
    let kinds = copied ? [.copy] : kinds
    try FolderRemoval.remove(path)
    try PosixFiles.makeFolders(PosixFiles.parentFolder(of: path))
    switch object {
    case .file(let source):
      try place(source, at: path, kinds: kinds)
      // DVC adds the owner's execute bit only, and goes on when it cannot (`set_exec`).
      if isExecutable { Self.setOwnerExecutable(path) }
    case .folder(let files):
      try PosixFiles.makeFolders(path)
      for (relpath, source) in files {
        let destination = path + "/" + relpath
        try PosixFiles.makeFolders(PosixFiles.parentFolder(of: destination))
        try place(source, at: destination, kinds: kinds)
      }
    }
  }

  /// Errors after which DVC tries the next link kind (`_try_links`).
  static let unsupported: Set<Int32> = [EPERM, ENOTSUP, EOPNOTSUPP, EXDEV, ENOTTY, ENOSYS, EINVAL, EAGAIN]

  /// Puts one file in place by the first of `kinds` that works here (`_try_links`).
  func place(_ source: String, at destination: String, kinds: [LinkKind]) throws(FileError) {
    var last = FileError(.link, path: destination, code: ENOTSUP)
    for kind in kinds {
      do {
        if try link(source, at: destination, kind: kind) { return }
      } catch  where Self.unsupported.contains(error.code) {
        last = error
        try? PosixFiles.remove(destination)
      }
    }
    throw last
  }

  /// Puts one file in place; false when the kind cannot be used here (try the next).
  private func link(_ source: String, at destination: String, kind: LinkKind) throws(FileError) -> Bool {
    switch kind {
    case .symlink:
      guard symlink(source, destination) == 0 else { throw .current(.link, path: destination) }
      return true
    case .hardlink where (PosixFiles.size(source) ?? 0) > 0:
      try PosixFiles.link(source, to: destination)
      return true
    case .hardlink:
      // DVC makes an empty file rather than one more link to the one empty object.
      _ = try OpenFile(destination, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o666)
      return true
    case .reflink, .copy:
      let input = try OpenFile(source, flags: O_RDONLY)
      let output = try OpenFile(destination, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o666)
      if kind == .reflink {
        var cloning = FileCloning()
        let cloned = try cloning.clone(input.descriptor, into: output.descriptor, path: destination)
        if !cloned { try? PosixFiles.remove(destination) }
        return cloned
      }
      _ = try FileCloning.copyContent(input, to: output, size: PosixFiles.size(source) ?? 0, path: destination)
      return true
    }
  }
}
