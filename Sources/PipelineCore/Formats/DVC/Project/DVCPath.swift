/// POSIX path arithmetic as Python's `posixpath` does it, which DVC uses for every path of a
/// project: `normpath` folds `.`, `..` and repeated slashes; `join` starts over at an absolute part.
package enum DVCPath {
  /// `posixpath.normpath`
  package static func normalize(_ path: String) -> String {
    if isNormal(path) { return path }
    if path.isEmpty { return "." }
    let leading = path.prefix { $0 == "/" }.count
    let prefix = leading == 0 ? "" : leading == 2 ? "//" : "/"
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if prefix.isEmpty {
          parts.append(part)
        }
        continue
      }
      parts.append(part)
    }
    let joined = prefix + parts.joined(separator: "/")
    return joined.isEmpty ? "." : joined
  }

  /// True when `normalize` would return the path as it is: no empty, `.` or `..` part, and no
  /// slash at the end (most paths of a project; checked byte by byte).
  static func isNormal(_ path: String) -> Bool {
    path.utf8.withContiguousStorageIfAvailable(isNormal(bytes:)) ?? isNormal(bytes: Array(path.utf8))
  }

  private static func isNormal<Bytes: Collection<UInt8>>(bytes: Bytes) -> Bool {
    var partLength = 0, dots = 0, first = true
    for byte in bytes {
      if byte == UInt8(ascii: "/") {
        if (partLength == 0 && !first) || (partLength == dots && dots <= 2 && partLength > 0) { return false }
        partLength = 0
        dots = 0
        first = false
        continue
      }
      partLength += 1
      if byte == UInt8(ascii: ".") { dots += 1 }
    }
    if partLength == 0 { return false }  // empty, or ending with a slash
    return !(partLength == dots && dots <= 2) || (first && bytes.count == 1 && bytes.first == UInt8(ascii: "."))
  }

  /// Whether `path` starts with `prefix`, byte by byte as Python compares (`String.hasPrefix`
  /// compares characters, and would not see `..` in front of a combining mark).
  static func starts(_ path: String, with prefix: String) -> Bool {
    ByteSearch.hasPrefix(path, prefix)
  }

  /// Whether `path` ends with `suffix`, byte by byte (see `starts(_:with:)`).
  static func ends(_ path: String, with suffix: String) -> Bool {
    ByteSearch.hasSuffix(path, suffix)
  }

  /// True for a path DVC reads from another file system (`https://…`, `s3://…`, `remote://…`):
  /// `get_cloud_fs` picks the file system by the URL's scheme among those DVC knows
  /// (`dvc_objects.fs.scheme.Schemes`, and `remote://` for a configured remote). Any other path
  /// (`file:///x`, `ftp://x`, a Windows drive `C://x`) is taken as the project's.
  package static func isURL(_ path: String) -> Bool {
    guard ByteSearch.holds(UInt8(ascii: ":"), in: path), let separator = path.utf8.firstIndex(of: UInt8(ascii: ":")),
      path.utf8[separator...].starts(with: "://".utf8)
    else { return false }
    return knownSchemes.contains(String(decoding: path.utf8[..<separator], as: UTF8.self).lowercased())
  }

  /// The file systems DVC reads dependencies from, by scheme.
  private static let knownSchemes: Set<String> = [
    "http", "https", "s3", "gs", "azure", "hdfs", "webhdfs", "ssh", "gdrive", "oss", "webdav", "webdavs", "remote",
  ]

  /// `posixpath.join(base, path)`
  package static func join(_ base: String, _ path: String) -> String {
    if path.utf8.first == UInt8(ascii: "/") || base.isEmpty { return path }
    return base.utf8.last == UInt8(ascii: "/") ? base + path : base + "/" + path
  }

  /// `normpath(join(base, path))`, the project-relative form of a path written relative to `base`.
  package static func resolve(_ path: String, in base: String) -> String {
    normalize(join(base, path))
  }

  /// `posixpath.relpath(path, start)` for two absolute, normalized paths.
  package static func relative(_ path: String, to start: String) -> String {
    let target = path.split(separator: "/"), base = start.split(separator: "/")
    var common = 0
    while common < target.count, common < base.count, target[common] == base[common] { common += 1 }
    let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }

  /// True when `child` is `parent` or inside it (both normalized).
  package static func isInside(_ child: String, _ parent: String) -> Bool {
    if parent == "." { return !child.hasPrefix("../") && child != ".." && !child.hasPrefix("/") }
    return child == parent || child.hasPrefix(parent.hasSuffix("/") ? parent : parent + "/")
  }
}

/// What is at a path of a project.
package enum DVCFileKind: Sendable, Hashable {
  case missing, file, directory
}

/// Read access to a project's files, by path relative to the folder that holds `dvc.yaml`.
/// Loading needs the params and `vars` files; tests may serve them from memory.
package protocol DVCFileAccess: Sendable {
  /// The absolute path of the folder, or `` when the files are not on disk.
  var root: String { get }
  /// What is at `path`.
  func kind(of path: String) -> DVCFileKind
  /// The UTF-8 text of the file at `path`; a file that cannot be read is a diagnostic (at
  /// `location`, where the file was named).
  func text(of path: String, at location: SourceLocation?) throws(DiagnosticError) -> String
  /// How places in the file at `path` are labelled in messages (`dvc.yaml:3:15`): a path the
  /// user can open from where they are, which is DVC's own relative path only when the shell
  /// runs in the project's folder.
  func label(_ path: String) -> String
}

extension DVCFileAccess {
  /// Files not on disk (tests, fuzzing) are labelled by their paths in the project.
  package func label(_ path: String) -> String { path }
}
