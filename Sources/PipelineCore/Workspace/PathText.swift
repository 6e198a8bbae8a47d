#if canImport(Glibc)
  import Glibc
#endif

/// Paths as text: made lexically normal, and relative to a folder.
package enum PathText {
  /// True when `path` holds a NUL character, where the system would end it: `/\0x` is `/` to
  /// `chmod`. Such a path is never handed to a system call.
  /// (Every command of a plan is searched.)
  package static func holdsNUL(_ path: String) -> Bool { ByteSearch.holds(0, in: path) }

  /// `path` with `.` and empty components removed and `..` applied (lexically; an absolute
  /// path never climbs above `/`).
  package static func normalized(_ path: String) -> String {
    if isNormalAbsolute(path) { return path }
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
        continue
      }
      if part == "..", path.hasPrefix("/") { continue }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
  }

  /// `path` relative to `folder` (both absolute), `""` for the folder itself; nil when `path`
  /// is outside it.
  package static func relative(_ path: String, to folder: String) -> String? {
    let path = normalized(path)
    let folder = normalized(folder)
    if path == folder { return "" }
    let prefix = folder == "/" ? "/" : folder + "/"
    guard path.hasPrefix(prefix) else { return nil }
    return String(path.dropFirst(prefix.count))
  }

  /// Whether `path` is absolute with no empty, `.` or `..` part and no trailing `/`, so that
  /// it is normal already: most paths are, and the planner normalizes one per step input.
  private static func isNormalAbsolute(_ path: String) -> Bool {
    guard path.utf8.first == UInt8(ascii: "/") else { return false }
    return hasNormalParts(path, from: 1)
  }

  /// Whether `path` is relative with no empty, `.` or `..` part and no trailing `/`
  /// (`models/a.pkl`): joined to a normal folder, it stays normal.
  package static func isNormalRelative(_ path: String) -> Bool {
    guard let first = path.utf8.first, first != UInt8(ascii: "/") else { return false }
    return hasNormalParts(path, from: 0)
  }

  /// The bytes of `path` from byte `start` on are parts between single slashes, none of them
  /// empty, `.` or `..`. A byte loop over contiguous UTF-8 (the planner asks for every input
  /// and output of every step).
  private static func hasNormalParts(_ path: String, from start: Int) -> Bool {
    path.utf8.withContiguousStorageIfAvailable { partsAreNormal($0[start...]) }
      ?? partsAreNormal(Array(path.utf8)[start...])
  }

  private static func partsAreNormal(_ bytes: some Collection<UInt8>) -> Bool {
    var length = 0
    var onlyDots = true
    for byte in bytes {
      if byte == UInt8(ascii: "/") {
        if length == 0 || (onlyDots && length <= 2) { return false }
        length = 0
        onlyDots = true
      } else {
        length += 1
        onlyDots = onlyDots && byte == UInt8(ascii: ".")
      }
    }
    return length > 0 && !(onlyDots && length <= 2)
  }
}
