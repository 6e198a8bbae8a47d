import FoundationEssentials
import Glibc
import PipelineCore

/// The files the shell reads and writes, behind a protocol so tests can use a temp folder
/// or fakes.
package protocol FileSystem: Sendable {
  func read(_ path: String) throws(CommandError) -> String
  func write(_ text: String, to path: String) throws(CommandError)
  func exists(_ path: String) -> Bool
  func isDirectory(_ path: String) -> Bool
  /// Names in a folder, for path completion.
  func contents(of folder: String) -> [String]
  /// Text that changes when the file changes (its size, modification time and inode); nil
  /// when it does not exist.
  func stamp(_ path: String) -> String?
  var currentDirectory: String { get }
}

/// The real disk.
package struct LocalFileSystem: FileSystem {
  package init() {}

  /// The largest file the shell reads (pipelines, params files, scripts).

  package func read(_ path: String) throws(CommandError) -> String {
    do {
      return try TextFile.read(path, upTo: TextFile.largestFile)
    } catch {
      switch error.code {
      case EFBIG:
        throw .failed(
          "'\(path)' is larger than \(TextFile.largestFile >> 20) MiB; expected a pipeline, params file or script")
      case ENOENT: throw .failed("no such file: '\(path)'")
      default: throw .failed("cannot read '\(path)'")
      }
    }
  }

  package func write(_ text: String, to path: String) throws(CommandError) {
    try? FileManager.default.createDirectory(atPath: Paths.folder(of: path), withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
      throw .failed("cannot write '\(path)'")
    }
  }

  package func exists(_ path: String) -> Bool { PosixFiles.exists(path) }

  package func isDirectory(_ path: String) -> Bool { PosixFiles.isFolder(path) }

  package func contents(of folder: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
  }

  package var currentDirectory: String { PosixFiles.workingFolder() ?? FileManager.default.currentDirectoryPath }

  package func stamp(_ path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return "\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)"
  }
}

/// Path helpers shared by commands.
package enum Paths {
  /// `path` made absolute against `base`, with `.` and `..` folded.
  package static func absolute(_ path: String, base: String) -> String {
    let joined = path.hasPrefix("/") ? path : base + "/" + path
    var parts: [Substring] = []
    for part in joined.split(separator: "/") {
      if part == "." || part.isEmpty { continue }
      if part == ".." { _ = parts.popLast(); continue }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }

  /// The folder part of a path.
  package static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// `path` relative to `base` when it lies inside it, else unchanged.
  package static func relative(_ path: String, to base: String) -> String {
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }
}

/// What the shell knows of a file it read, to notice edits: its stat stamp (size, times, inode),
/// checked first, and a hash of its content, which decides (a file written and put back as it
/// was has not changed).
package struct FileStamp: Sendable, Hashable {
  /// `FileSystem.stamp`; nil when the file did not exist.
  package var stat: String?
  /// A hash of the content; nil when the file did not exist or could not be read.
  package var content: String?

  package init(stat: String?, content: String?) {
    self.stat = stat
    self.content = content
  }

  /// The file's stamp now.
  package init(_ path: String, in files: any FileSystem) {
    stat = files.stamp(path)
    content = stat == nil ? nil : Self.content(of: path, in: files)
  }

  /// A hash of the file's content, or nil.
  package static func content(of path: String, in files: any FileSystem) -> String? {
    guard let text = try? files.read(path) else { return nil }
    return ContentHasher.hash(text)
  }
}
