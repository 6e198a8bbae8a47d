#if canImport(Glibc)
  import Glibc
#endif

/// What DVC saw of a file in the workspace when it hashed it (`_localfs_info`): whether it is a
/// symbolic link and what it says, and the inode and link count of what it reads as.
struct DVCWorkspaceFile: Equatable {
  var isSymlink: Bool
  /// A symbolic link's text, as `readlink` gives it.
  var destination: String?
  var inode: UInt64
  var linkCount: Int

  /// Neither a symbolic link nor one of several hard links (`fs.iscopy`).
  var isCopy: Bool { !isSymlink && linkCount <= 1 }

  init(isSymlink: Bool, destination: String? = nil, inode: UInt64, linkCount: Int) {
    self.isSymlink = isSymlink
    self.destination = destination
    self.inode = inode
    self.linkCount = linkCount
  }

  /// What is at `path` now; nil when nothing is (or a link that leads nowhere).
  init?(path: String) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    isSymlink = info.st_mode & S_IFMT == S_IFLNK
    destination = nil
    if isSymlink {
      destination = try? WorkspaceCopy.linkTarget(path, size: Int(info.st_size))
      guard stat(path, &info) == 0 else { return nil }
    }
    inode = UInt64(info.st_ino)
    linkCount = Int(info.st_nlink)
  }
}

/// `dvc commit`'s second half (`Output.commit(relink=True)`, `dvc_data.hashfile.checkout`): once
/// an output is in DVC's cache, the files in the workspace are made what `cache.type` asks
/// (links into the cache), and their objects read-only.
extension DVCCheckout {
  /// What becomes of one file.
  enum RelinkAction: Equatable {
    /// Left as it is.
    case keep
    /// Left in place, its mode set to the cache's file mode (`cache.unprotect`).
    case unprotect
    /// Replaced by a link to (or a copy of) its object (`_relink`).
    case relink
  }

  /// A file that is an output itself: DVC has no record of how it was linked, so it is always
  /// linked again, except a plain file when `cache.type` starts with `copy`.
  static func actionForFileOutput(_ file: DVCWorkspaceFile, kinds: [LinkKind]) -> RelinkAction {
    file.isCopy && kinds.first == .copy ? .unprotect : .relink
  }

  /// A file of a folder output, as DVC saw it before adding it (`_needs_relink`, then
  /// `_checkout_file`); `objectInode` is its object's, nil when the object cannot be read.
  static func actionForFolderFile(
    _ file: DVCWorkspaceFile, kinds: [LinkKind], objectInode: UInt64?, objectPath: String
  ) -> RelinkAction {
    guard needsRelink(file, kinds: kinds, objectInode: objectInode, objectPath: objectPath) else { return .keep }
    return file.isCopy && kinds.first == .copy ? .unprotect : .relink
  }

  /// Whether the file is not yet what the first of `kinds` it matches makes of it.
  static func needsRelink(
    _ file: DVCWorkspaceFile, kinds: [LinkKind], objectInode: UInt64?, objectPath: String
  ) -> Bool {
    for kind in kinds {
      switch kind {
      case .copy where file.isCopy, .reflink where file.isCopy:
        return false
      case .hardlink where file.linkCount > 1 && objectInode != nil:
        return file.inode != objectInode
      case .symlink where file.isSymlink && file.destination != nil:
        return file.destination != objectPath
      default:
        continue
      }
    }
    return true
  }

  /// Does `action` for the file at `path`, whose object is `object`.
  func apply(_ action: RelinkAction, at path: String, object: String) throws(FileError) {
    switch action {
    case .keep:
      return
    case .unprotect:
      _ = chmod(path, fileMode)  // `_unprotect_file` of a file that is no link
    case .relink:
      try PosixFiles.remove(path)
      try place(object, at: path, kinds: kinds)
      _ = chmod(object, 0o444)  // `cache.protect`, whose failure DVC ignores
    }
  }

  /// DVC's `set_exec` on an output that is an executable file: its owner's execute bit, through
  /// a link onto its object too; DVC goes on when it cannot.
  static func setOwnerExecutable(_ path: String) {
    var info = stat()
    if stat(path, &info) == 0 { _ = chmod(path, info.st_mode | S_IXUSR) }
  }

  /// The mode DVC gives a file it unprotects (`LocalHashFileDB._file_mode`): 0664 in a shared
  /// cache (`cache.shared`), else 0666 without the process's umask.
  static func fileMode(inDVCFolder dvcFolder: String) -> mode_t {
    if let shared = DVCConfig.value("cache", "shared", in: dvcFolder), !shared.isEmpty { return 0o664 }
    return 0o666 & ~processUmask()
  }

  /// The umask, read from `/proc/self/status` (setting it to read it would race other threads);
  /// 022 when it cannot be read.
  static func processUmask() -> mode_t {
    guard let file = try? OpenFile("/proc/self/status", flags: O_RDONLY),
      let bytes = try? file.readBytes(upTo: 1 << 16)
    else { return 0o022 }
    let text = String(decoding: bytes, as: UTF8.self)
    for line in text.split(separator: "\n") where line.hasPrefix("Umask:") {
      if let mask = mode_t(line.dropFirst("Umask:".count).trimmingSpacesSubstring, radix: 8) { return mask }
    }
    return 0o022
  }
}
