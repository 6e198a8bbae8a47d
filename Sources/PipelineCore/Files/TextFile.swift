#if canImport(Glibc)
  import Glibc
#endif

/// Small text files (pipelines, params files, scripts) read whole with plain POSIX calls: the
/// shell reads several at every load, and Foundation's file manager costs more to start than
/// such a read takes.
package enum TextFile {
  /// The largest pipeline, params file or `${file:}` file read whole (this bounds memory).
  package static let largestFile = 64 << 20

  /// The text of the file at `path`, decoded as UTF-8 (invalid bytes repaired); a file of more
  /// than `limit` bytes is refused with `EFBIG`, a folder with `EISDIR`.
  package static func read(_ path: String, upTo limit: Int) throws(FileError) -> String {
    let file = try OpenFile(path, flags: O_RDONLY)
    return String(decoding: try file.readBytes(upTo: limit), as: UTF8.self)
  }
}
