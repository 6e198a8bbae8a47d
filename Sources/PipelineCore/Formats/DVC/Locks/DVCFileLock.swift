#if canImport(Glibc)
  import Glibc
#endif

/// One of DVC's lock files (`.dvc/tmp/lock`, the repository's; `.dvc/tmp/rwlock.lock`, the
/// stage table's guard), taken as `zc.lockfile` takes it, so that DVC and pipeshell exclude
/// each other: an exclusive `flock(2)` (not `fcntl`) on the file, which then holds `" <pid>\n"`.
/// The kernel drops it when the process dies; the file stays, as DVC leaves it.
package final class DVCFileLock: Sendable {
  /// DVC tries 7 times, 0.5 s apart (3 s in all) before giving up (`dvc/lock.py`).
  package static let defaultRetries = 6
  package static let retryMicroseconds: UInt32 = 500_000

  /// DVC's message when a lock stays taken (`FAILED_TO_LOCK_MESSAGE`).
  package static let failedMessage =
    "Unable to acquire lock. Most likely another DVC process is running or was terminated abruptly. "
    + "Check the page <https://dvc.org/doc/user-guide/troubleshooting#lock-issue> for other possible reasons "
    + "and to learn how to resolve this."

  /// Why a lock could not be taken.
  package enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Another process held it through every try.
    case held(path: String)
    /// The file could not be opened or locked.
    case file(FileError)

    package var description: String {
      switch self {
      case .held(let path): return "\(DVCFileLock.failedMessage) (the lock is '\(path)')"
      case .file(let error): return "cannot take DVC's lock: \(error)"
      }
    }
  }

  private let descriptor: Int32
  package let path: String

  private init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  deinit { close(descriptor) }

  /// Takes the lock at `path`, trying `retries` more times `delayMicroseconds` apart as DVC does.
  package static func acquire(
    _ path: String, retries: Int = defaultRetries, delayMicroseconds: UInt32 = retryMicroseconds
  ) throws(Problem) -> DVCFileLock {
    var attempts = 0
    while true {
      if let lock = try attempt(path) { return lock }
      attempts += 1
      if attempts > retries { throw .held(path: path) }
      usleep(delayMicroseconds)
    }
  }

  /// One try: nil when another process holds the lock.
  private static func attempt(_ path: String) throws(Problem) -> DVCFileLock? {
    do {
      try FileError.refusingNUL(path, .open)
    } catch {
      throw .file(error)
    }
    var fd: Int32
    repeat {
      fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o666)
    } while fd < 0 && errno == EINTR
    guard fd >= 0 else { throw .file(.current(.open, path: path)) }
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      if errno == EINTR { continue }
      let code = errno
      close(fd)
      if code == EWOULDBLOCK { return nil }
      throw .file(FileError(.lock, path: path, code: code))
    }
    // zc.lockfile writes the holder's pid, with a space before and a newline after.
    let text = Array(" \(getpid())\n".utf8)
    _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    _ = ftruncate(fd, off_t(text.count))
    return DVCFileLock(descriptor: fd, path: path)
  }

  /// Drops the lock now (closing the file drops it too).
  package func release() { _ = flock(descriptor, LOCK_UN) }
}
