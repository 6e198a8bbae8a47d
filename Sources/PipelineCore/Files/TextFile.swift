#if canImport(Glibc)
  import Glibc
#endif

/// Small text files (pipelines, params files, scripts) read whole with plain POSIX calls: the
/// shell reads several at every load, and Foundation's file manager costs more to start than
/// such a read takes.
package enum TextFile {
  /// The text of the file at `path`, decoded as UTF-8 (invalid bytes repaired); a file of more
  /// than `limit` bytes is refused with `EFBIG`, a folder with `EISDIR`.
  package static func read(_ path: String, upTo limit: Int) throws(FileError) -> String {
    let file = try OpenFile(path, flags: O_RDONLY)
    let bytes = try file.readWhole(upTo: limit)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// True when something is at `path` (a dangling symbolic link counts as nothing).
  package static func exists(_ path: String) -> Bool { PosixFiles.exists(path) }

  /// True when `path` is a folder or a link to one.
  package static func isFolder(_ path: String) -> Bool { PosixFiles.isFolder(path) }

  /// The process's working folder, or nil when it cannot be named (removed, or unreadable).
  package static func workingFolder() -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

extension OpenFile {
  /// The rest of the file, at most `limit` bytes (more is `EFBIG`), in one buffer of the size
  /// `fstat` gives, grown only when the file grew while it was read.
  func readWhole(upTo limit: Int) throws(FileError) -> [UInt8] {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .current(.inspect, path: path) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw FileError(.read, path: path, code: EISDIR) }
    let expected = max(0, Int(info.st_size))
    guard expected <= limit else { throw FileError(.read, path: path, code: EFBIG) }
    // One byte more than expected: a read that fills it says the file is longer than it was.
    var bytes = [UInt8](repeating: 0, count: expected + 1)
    var count = 0
    while true {
      if count == bytes.count {
        guard count <= limit else { throw FileError(.read, path: path, code: EFBIG) }
        bytes += repeatElement(0, count: min(max(count, 4096), limit + 1 - count))
      }
      let got = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let start = buffer.baseAddress else { return 0 }  // never: the buffer holds a byte
        return Glibc.read(descriptor, start + count, buffer.count - count)
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw .current(.read, path: path)
      }
      if got == 0 { break }
      count += got
    }
    guard count <= limit else { throw FileError(.read, path: path, code: EFBIG) }
    bytes.removeLast(bytes.count - count)
    return bytes
  }
}
