#if canImport(Glibc)
  import Glibc
#endif

/// A lock file that proves a run's shell is alive: the shell holds an exclusive `flock(2)`
/// on it for as long as the run goes on, and the kernel drops the lock when the process
/// dies, however it dies.
///
/// A pid alone is not proof: pids are reused (a container's shell is often pid 1 every
/// time), while a lock cannot outlive its process. The descriptor is close-on-exec so that a
/// step's children never inherit it, and `flock` locks belong to one open file, so two
/// stores in one process see each other's locks.
enum RunLock {
  /// What probing a lock file found.
  enum Probe {
    /// A live process holds it.
    case held
    /// Nobody holds it; the descriptor holds a shared lock until closed.
    case free(Int32)
    /// There is no such file.
    case missing
  }

  /// Creates the lock file and takes its exclusive lock; returns the descriptor to keep.
  static func acquire(_ path: String) throws(FileError) -> Int32 {
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .current(.open, path: path) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let error = FileError.current(.lock, path: path)
      close(fd)
      throw error
    }
    return fd
  }

  /// Drops a lock taken by `acquire` and removes its file.
  static func release(_ fd: Int32, path: String) {
    unlink(path)
    close(fd)
  }

  /// Tests whether a process holds the lock, without waiting.
  static func probe(_ path: String) -> Probe {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return errno == ENOENT ? .missing : .held }
    if flock(fd, LOCK_SH | LOCK_NB) == 0 { return .free(fd) }
    close(fd)
    return .held
  }

  /// For a run whose lock file is gone: true when its recorded process cannot be its
  /// owner any more, because no such process exists or it is this process (which would
  /// still hold the file had it started the run).
  static func ownerIsGone(pid: Int32) -> Bool {
    if pid == getpid() { return true }
    return kill(pid, 0) != 0 && errno == ESRCH
  }
}
