import CProcess

#if canImport(Glibc)
  import Glibc
#endif

/// An isolated run's copy of the pipeline's folder, made as cheaply as the file system allows:
/// each file is cloned (a reflink: blocks shared copy-on-write, so writing either side never
/// changes the other) where the file system can; otherwise a file no step may write is shared
/// by hard link and every other file is copied inside the kernel. Folders are made, symbolic
/// links made again as they are, modes and modification times kept. The run store
/// (`.pipeshell`) and git's metadata (`.git`) are never copied, at any depth.
///
/// A hard link is one file under two names: a step that wrote into it in place (rather than
/// replacing it) would change the folder's file too. Only files the pipeline declares as
/// step inputs and no step declares as an output, and files nobody may write (no write
/// permission), are linked (see `IsolationPolicy`); `changedLinkedFiles` tells afterwards
/// whether one was written anyway.
package struct WorkspaceCopy: Sendable {
  /// How the files reached the copy.
  package struct Counts: Sendable, Hashable {
    /// Files cloned (reflinks).
    package var cloned = 0
    /// Files shared by hard link.
    package var linked = 0
    /// Files copied.
    package var copied = 0
    /// Bytes copied.
    package var bytesCopied = 0
    /// Folders made.
    package var folders = 0
    /// Symbolic links made.
    package var links = 0
    /// Sockets, pipes and devices, which are not copied.
    package var skipped = 0
  }

  /// A file shared with the folder by hard link, as it was when linked.
  struct LinkedFile: Sendable, Hashable {
    var relative: String
    var size: Int
    var modified: Int
  }

  /// Names never copied, at any depth.
  package static let skippedNames: Set<String> = [".pipeshell", ".git"]
  /// The deepest folder nesting copied.
  static let maximumDepth = 256

  /// The folder copied.
  package let root: String
  /// Where the copy is.
  package let location: String
  package private(set) var counts = Counts()
  private(set) var linked: [LinkedFile] = []

  private init(root: String, location: String) {
    self.root = root
    self.location = location
  }

  /// Copies `root` to `location` (which must not exist, and may be inside `root`); `mayLink` says, for a path relative
  /// to `root`, whether the file may be shared by hard link when it cannot be cloned.
  package static func make(
    of root: String, at location: String, mayLink: (String) -> Bool
  ) throws(FileError) -> WorkspaceCopy {
    try FileError.refusingNUL(root, .open)
    try FileError.refusingNUL(location, .createFolder)
    var copy = WorkspaceCopy(root: root, location: location)
    var cloning = FileCloning()
    try PosixFiles.makeFolders(PosixFiles.parentFolder(of: location), mode: 0o700)
    try copy.copyFolder("", depth: 0, cloning: &cloning, mayLink: mayLink)
    return copy
  }

  /// Files shared by hard link that were written since (relative paths): the folder's own
  /// files changed with them.
  package func changedLinkedFiles() -> [String] {
    linked.filter { file in
      guard let now = Self.status(root + "/" + file.relative) else { return true }
      return Int(now.st_size) != file.size || Self.modified(now) != file.modified
    }.map(\.relative)
  }

  private mutating func copyFolder(
    _ relative: String, depth: Int, cloning: inout FileCloning, mayLink: (String) -> Bool
  ) throws(FileError) {
    let source = relative.isEmpty ? root : root + "/" + relative
    let target = relative.isEmpty ? location : location + "/" + relative
    guard let info = Self.status(source) else { throw .current(.inspect, path: source) }
    guard mkdir(target, 0o700) == 0 else { throw .current(.createFolder, path: target) }
    counts.folders += 1
    guard depth < Self.maximumDepth else { throw FileError(.createFolder, path: target, code: ELOOP) }
    for name in PosixFiles.names(in: source).sorted() where !Self.skippedNames.contains(name) {
      let child = relative.isEmpty ? name : relative + "/" + name
      // A copy made inside the folder is not copied into itself.
      if root + "/" + child == location { continue }
      try copyEntry(child, cloning: &cloning, mayLink: mayLink, depth: depth)
    }
    _ = chmod(target, info.st_mode & 0o7777)
  }

  private mutating func copyEntry(
    _ relative: String, cloning: inout FileCloning, mayLink: (String) -> Bool, depth: Int
  ) throws(FileError) {
    let source = root + "/" + relative
    let target = location + "/" + relative
    guard let info = Self.status(source) else { throw .current(.inspect, path: source) }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      try copyFolder(relative, depth: depth + 1, cloning: &cloning, mayLink: mayLink)
    case S_IFLNK:
      let destination = try Self.linkTarget(source, size: Int(info.st_size))
      guard symlink(destination, target) == 0 else { throw .current(.link, path: target) }
      counts.links += 1
    case S_IFREG:
      try copyFile(relative, info: info, cloning: &cloning, mayLink: mayLink)
    default:
      counts.skipped += 1
    }
  }

  private mutating func copyFile(
    _ relative: String, info: stat, cloning: inout FileCloning, mayLink: (String) -> Bool
  ) throws(FileError) {
    let source = root + "/" + relative
    let target = location + "/" + relative
    // A clone is always the better copy: a file is shared by hard link only once cloning is
    // known not to work here (and copied when linking fails, as across file systems).
    var linkable = mayLink(relative) || info.st_mode & 0o222 == 0
    if cloning.works == false, linkable {
      if link(source, target) == 0 {
        counts.linked += 1
        linked.append(LinkedFile(relative: relative, size: Int(info.st_size), modified: Self.modified(info)))
        return
      }
      linkable = false
    }
    do {
      let input = try OpenFile(source, flags: O_RDONLY)
      let output = try OpenFile(target, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
      let cloned = try cloning.clone(input.descriptor, into: output.descriptor, path: target)
      if cloned {
        counts.cloned += 1
      } else if !linkable {
        counts.bytesCopied += try FileCloning.copyContent(input, to: output, size: Int(info.st_size), path: target)
        counts.copied += 1
      }
      if cloned || !linkable {
        var times = [info.st_atim, info.st_mtim]
        _ = futimens(output.descriptor, &times)
        guard fchmod(output.descriptor, info.st_mode & 0o7777) == 0 else {
          throw FileError.current(.write, path: target)
        }
        return
      }
    }
    // Cloning was just found not to work, on this very file: share it after all.
    try PosixFiles.remove(target)
    try copyFile(relative, info: info, cloning: &cloning, mayLink: mayLink)
  }

  /// The text of the symbolic link at `path` (`size` from its `lstat`).
  static func linkTarget(_ path: String, size: Int) throws(FileError) -> String {
    var buffer = [CChar](repeating: 0, count: max(size, 255) + 2)
    let count = readlink(path, &buffer, buffer.count - 1)
    guard count >= 0 else { throw .current(.read, path: path) }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func status(_ path: String) -> stat? {
    var info = stat()
    return !PathText.holdsNUL(path) && lstat(path, &info) == 0 ? info : nil
  }

  static func modified(_ info: stat) -> Int {
    Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)
  }
}
