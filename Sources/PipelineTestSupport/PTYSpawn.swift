import Glibc

/// posix_spawn for the PTY tier: a new session (so the pty opened by path becomes the
/// controlling terminal), default signal handlers and an empty signal mask.
enum PTYSpawn {
  /// glibc's POSIX_SPAWN_SETSID, hidden from Swift behind `__USE_GNU`.
  private static let setSessionFlag: Int32 = 0x80

  static func spawn(
    _ executable: String, arguments: [String], environment: [String: String], terminal: String,
    workingDirectory: String?
  ) throws(PTYError) -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGCHLD, SIGTERM, SIGHUP] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(setSessionFlag | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    // posix_spawn_file_actions_addchdir_np is hidden from Swift: `sh` changes folder, then
    // execs the program in place (same pid, still the session leader).
    let command =
      workingDirectory.map { ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", $0, executable] }
      ?? [executable]
    let argv = (command + arguments).map { strdup($0) } + [nil]
    let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
    guard result == 0 else { throw .system("posix_spawn \(executable)", result) }
    return pid
  }
}
