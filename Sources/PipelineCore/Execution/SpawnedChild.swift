import CProcess
import Glibc

/// A `SHELL -c` child (`/bin/sh` unless asked) in its own process group, its stdout and stderr
/// on pipes we read.
struct SpawnedChild {
  let pid: pid_t
  let stdoutFD: Int32
  let stderrFD: Int32
  /// Our copies of the pipes' write ends (close-on-exec), for the supervisor to close.
  let writeEnds: [Int32]
  /// True when the child was made the terminal's foreground group and we must take it back.
  let hasTerminal: Bool

  /// The child's process group id: it leads its own group.
  var processGroup: pid_t { pid }

  /// Starts the request's command. Every pipe end is close-on-exec, so the child keeps only the
  /// write ends it gets as stdout and stderr; ours are returned open (`writeEnds`).
  static func spawn(_ request: ProcessRequest, environment block: EnvironmentBlock) throws(SpawnFailure) -> SpawnedChild
  {
    let out = try makePipe()
    let err: (read: Int32, write: Int32)
    do { err = try makePipe() } catch {
      closeAll(out.read, out.write)
      throw error
    }
    let takeTerminal = request.takesTerminal && cproc_owns_terminal() != 0
    let shell = request.shell.first ?? UserShell.posixPath
    let arguments = (request.shell.isEmpty ? [shell] : request.shell) + ["-c", request.command]
    var pid: pid_t = 0
    fflush(nil)
    let code = withCStrings(arguments) { argv in
      block.withEnvironment(request.environment) { envp in
        cproc_spawn(
          &pid, shell, argv, envp, request.workingDirectory, takeTerminal ? 0 : 1, out.write, err.write,
          takeTerminal ? 1 : 0)
      }
    }
    guard code == 0 else {
      closeAll(out.read, err.read, out.write, err.write)
      if takeTerminal { _ = cproc_take_terminal_back() }
      // The child's chdir and exec fail alike (ENOENT, ENOTDIR, EACCES): say which it was.
      // Looked at only now, so a step that starts costs no stat.
      try checkDirectory(request.workingDirectory)
      throw .spawn(errno: code)
    }
    return SpawnedChild(
      pid: pid, stdoutFD: out.read, stderrFD: err.read, writeEnds: [out.write, err.write], hasTerminal: takeTerminal)
  }

  private static func checkDirectory(_ path: String) throws(SpawnFailure) {
    var info = stat()
    guard stat(path, &info) == 0 else { throw .workingDirectory(path, errno: errno) }
    guard info.st_mode & S_IFMT == S_IFDIR else { throw .workingDirectory(path, errno: ENOTDIR) }
  }

  /// A close-on-exec pipe whose ends are above 2, so dup2 onto stdout/stderr always clears
  /// close-on-exec and concurrent spawns never inherit each other's pipes.
  private static func makePipe() throws(SpawnFailure) -> (read: Int32, write: Int32) {
    var fds: [Int32] = [-1, -1]
    guard cproc_pipe_cloexec(&fds) == 0 else { throw .pipe(errno: errno) }
    for index in fds.indices where fds[index] <= 2 {
      let moved = cproc_dup_cloexec_above(fds[index], 3)
      guard moved >= 0 else {
        let code = errno
        closeAll(fds[0], fds[1])
        throw .pipe(errno: code)
      }
      close(fds[index])
      fds[index] = moved
    }
    return (fds[0], fds[1])
  }

  static func closeAll(_ fds: Int32...) {
    for fd in fds where fd >= 0 { close(fd) }
  }

  /// Calls `body` with a NULL-terminated C array of copies of `strings`.
  private static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}
