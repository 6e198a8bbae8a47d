import CProcess

#if canImport(Glibc)
  import Glibc
#endif

/// Cloning files (reflinks) and copying their content inside the kernel, remembering whether
/// the file system can clone so that a copy of many files asks once.
struct FileCloning {
  /// Whether cloning works here: nil until tried.
  private(set) var works: Bool?

  /// Clones `input`'s content into `output` (an empty file); false when the file system
  /// cannot (then `works` is false and later calls do not try again).
  mutating func clone(_ input: Int32, into output: Int32, path: String) throws(FileError) -> Bool {
    guard works != false else { return false }
    if cproc_clone_file(output, input) == 0 {
      works = true
      return true
    }
    let code = errno
    // Not possible on this file system (or between these two): copy instead, from now on.
    if [EOPNOTSUPP, ENOTSUP, EXDEV, EINVAL, ENOTTY, ENOSYS, EPERM].contains(code) {
      works = false
      return false
    }
    throw FileError(.write, path: path, code: code)
  }

  /// Copies `input`'s content to `output` (both at offset 0), inside the kernel where it can
  /// (`copy_file_range`), else through a buffer. Returns the bytes copied.
  static func copyContent(
    _ input: borrowing OpenFile, to output: borrowing OpenFile, size: Int, path: String
  ) throws(FileError) -> Int {
    var copied = 0
    while true {
      let count = cproc_copy_file_range(input.descriptor, output.descriptor, 1 << 30)
      if count > 0 {
        copied += count
        continue
      }
      if count == 0, copied >= size { return copied }
      if count < 0, errno == EINTR { continue }
      // Not supported here (or a file that says it is empty but is not, as in /proc): copy
      // through a buffer from the start.
      if count < 0, ![ENOSYS, EXDEV, EINVAL, EOPNOTSUPP, ENOTSUP].contains(errno) {
        throw .current(.write, path: path)
      }
      break
    }
    guard lseek(input.descriptor, 0, SEEK_SET) == 0, lseek(output.descriptor, 0, SEEK_SET) == 0,
      ftruncate(output.descriptor, 0) == 0
    else { throw .current(.write, path: path) }
    copied = 0
    try input.forEachChunk { (chunk) throws(FileError) in
      try output.write(chunk)
      copied += chunk.count
    }
    return copied
  }
}
