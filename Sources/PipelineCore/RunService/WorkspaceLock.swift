import Glibc

/// One run at a time per pipeline folder: a run holds an exclusive `flock(2)` on
/// `.pipeshell/workspace.lock` from its start to its end (paused included), with the run's id,
/// its shell's pid and its command written in the file for the message another shell shows.
/// The kernel drops the lock when the shell dies, however it dies.
package final class WorkspaceLock: Sendable {
  /// Who holds the lock, as written in its file.
  package struct Holder: Sendable, Hashable {
    package var runID: Int?
    package var processID: Int32?
    package var command: String?
  }

  private let descriptor: Int32
  package let path: String

  private init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  deinit { close(descriptor) }

  /// Takes the lock of the store folder `folder`; `wait` keeps trying (every 100 ms) until
  /// `shouldStop` says otherwise.
  package static func acquire(
    inFolder folder: String, wait: Bool, shouldStop: () -> Bool = { false }
  ) throws(RunStartError) -> WorkspaceLock {
    let path = folder + "/workspace.lock"
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .store(.file(.current(.open, path: path))) }
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR else {
        let error = FileError.current(.lock, path: path)
        close(fd)
        throw .store(.file(error))
      }
      guard wait else {
        let holder = read(fd)
        close(fd)
        throw .workspaceBusy(holder)
      }
      if shouldStop() {
        close(fd)
        throw .interrupted
      }
      usleep(100_000)
    }
    return WorkspaceLock(descriptor: fd, path: path)
  }

  /// Writes who holds the lock (once the run has an id).
  package func describe(runID: Int, command: String) {
    let text = JSONWriter.text(
      .object([("run", .int(runID)), ("pid", .int(Int(getpid()))), ("command", .string(command))]))
    _ = ftruncate(descriptor, 0)
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
  }

  /// Drops the lock now (it is also dropped when the lock is released from memory).
  package func release() { _ = flock(descriptor, LOCK_UN) }

  private static func read(_ fd: Int32) -> Holder {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard count > 0, let json = JSONValue.parse(String(decoding: buffer[..<count], as: UTF8.self)) else {
      return Holder()
    }
    return Holder(
      runID: json["run"]?.int, processID: json["pid"]?.int.map { Int32(truncatingIfNeeded: $0) },
      command: json["command"]?.string)
  }
}
