#if canImport(Glibc)
  import Glibc
#endif

/// An open file descriptor that closes itself, with reads and writes that retry on EINTR.
///
/// Every descriptor is opened close-on-exec, so that a step's child process never inherits
/// a store file (in particular a run's lock, which must die with the shell).
struct OpenFile: ~Copyable {
  /// Bytes read at a time when streaming a file.
  static let chunkSize = 64 * 1024

  let descriptor: Int32
  let path: String

  /// Opens `path` with `open(2)` flags; `O_CLOEXEC` is always added.
  init(_ path: String, flags: Int32, mode: mode_t = 0o644) throws(FileError) {
    try FileError.refusingNUL(path, .open)
    var fd: Int32
    repeat {
      fd = open(path, flags | O_CLOEXEC, mode)
    } while fd < 0 && errno == EINTR
    guard fd >= 0 else { throw .current(.open, path: path) }
    self.descriptor = fd
    self.path = path
  }

  /// Takes ownership of a descriptor that is already open.
  init(adopting descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  deinit { close(descriptor) }

  /// Reads the file to its end in chunks of `chunkSize`, never holding more than one chunk.
  func forEachChunk(_ body: (UnsafeRawBufferPointer) throws(FileError) -> Void) throws(FileError) {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let count = read(descriptor, buffer.baseAddress, buffer.count)
      if count < 0 {
        if errno == EINTR { continue }
        throw .current(.read, path: path)
      }
      if count == 0 { return }
      try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }
  }

  /// Reads at most `limit` bytes from the current position to the end (more is `EFBIG`). What
  /// is left of a regular file goes into one buffer of that size, one byte more saying the file
  /// grew while it was read; a file that reports no size (a pipe, `/proc`) is read in pages.
  func readBytes(upTo limit: Int) throws(FileError) -> [UInt8] {
    var info = stat()
    var expected = 0
    let position = lseek(descriptor, 0, SEEK_CUR)
    if position >= 0, fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
      expected = max(0, Int(info.st_size) - Int(position))
    }
    guard expected <= limit else { throw FileError(.read, path: path, code: EFBIG) }
    var bytes = [UInt8](repeating: 0, count: expected + 1)
    var count = 0
    while true {
      if count == bytes.count {
        guard count <= limit else { throw FileError(.read, path: path, code: EFBIG) }
        bytes += repeatElement(0, count: min(max(count, 4096), limit + 1 - count))
      }
      let got = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let start = buffer.baseAddress else { return 0 }  // never: the buffer holds a byte
        return read(descriptor, start + count, buffer.count - count)
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

  /// Writes every byte of `buffer`, looping over short writes.
  func write(_ buffer: UnsafeRawBufferPointer) throws(FileError) {
    var offset = 0
    while offset < buffer.count {
      let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        throw .current(.write, path: path)
      }
      offset += count
    }
  }

  /// Writes every byte of an array.
  func write(_ bytes: [UInt8]) throws(FileError) {
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(FileError) in try write(buffer) }
    }
    try result.get()
  }

  /// Flushes the file's data to the disk with `fsync(2)`.
  func sync() throws(FileError) {
    guard fsync(descriptor) == 0 else { throw .current(.sync, path: path) }
  }

  /// Sets the permission bits with `fchmod(2)`.
  func setMode(_ mode: mode_t) throws(FileError) {
    guard fchmod(descriptor, mode) == 0 else { throw .current(.write, path: path) }
  }

  /// The permission bits, from `fstat(2)`.
  func mode() throws(FileError) -> mode_t {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw .current(.inspect, path: path) }
    return info.st_mode & 0o7777
  }
}
