import Glibc

/// Follows one of a job's output files (`-o`/`-e`) as Slurm writes it, handing on the new bytes
/// exactly as they are: chunks are cut wherever a read ends, in the middle of a line or of a
/// UTF-8 character alike, and the masker and the log downstream take bytes, so nothing is
/// decoded, re-encoded or mangled here.
///
/// The file appears only once the job runs; until then there is nothing to read. When the job
/// has ended, `finish` opens the file again before reading the rest: on a shared file system
/// (NFS) opening is what makes another host's last writes visible.
final class SlurmOutputTail {
  /// Bytes read at a time.
  static let chunkSize = 64 * 1024
  /// The most one `drain` reads, so that one chatty stream does not starve the other.
  static let drainLimit = 1 << 20

  let path: String
  let stream: OutputStream
  private var descriptor: Int32 = -1
  /// Bytes handed on so far.
  private(set) var offset = 0
  private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)

  init(path: String, stream: OutputStream) {
    self.path = path
    self.stream = stream
  }

  deinit {
    closeFile()
    buffer.deallocate()
  }

  /// Hands on whatever was written since the last call (at most `drainLimit` bytes); returns
  /// how many bytes that was.
  @discardableResult
  func drain(_ output: (OutputStream, [UInt8]) -> Void) -> Int {
    if descriptor < 0 { openFile() }
    guard descriptor >= 0, hasNewBytes else { return 0 }
    return readAvailable(limit: Self.drainLimit, output)
  }

  /// Hands on everything left once the job has ended, then closes the file.
  func finish(_ output: (OutputStream, [UInt8]) -> Void) {
    closeFile()
    openFile()
    while readAvailable(limit: Int.max, output) > 0 {}
    closeFile()
  }

  private func openFile() {
    var fd: Int32
    repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
    guard fd >= 0 else { return }  // not there yet: the job has not started writing
    if offset > 0, lseek(fd, off_t(offset), SEEK_SET) < 0 {
      close(fd)
      return
    }
    descriptor = fd
  }

  private func closeFile() {
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
  }

  private func readAvailable(limit: Int, _ output: (OutputStream, [UInt8]) -> Void) -> Int {
    guard descriptor >= 0 else { return 0 }
    var total = 0
    while total < limit {
      var count = 0
      repeat { count = read(descriptor, buffer.baseAddress, buffer.count) } while count < 0 && errno == EINTR
      guard count > 0 else { break }
      offset += count
      total += count
      output(stream, Array(buffer[0..<count]))
    }
    return total
  }

  /// True when the open file holds bytes past `offset` (one fstat, cheaper than a read that
  /// finds nothing).
  private var hasNewBytes: Bool {
    var info = stat()
    return fstat(descriptor, &info) != 0 || Int(info.st_size) > offset
  }
}
