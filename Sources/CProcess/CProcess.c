#define _GNU_SOURCE
#include "CProcess.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

static int build_actions(posix_spawn_file_actions_t *fa, const char *cwd, int stdin_null,
                         int out_fd, int err_fd, int take_terminal) {
  int rc = 0;
  if (!rc && take_terminal) rc = posix_spawn_file_actions_addtcsetpgrp_np(fa, 0);
  if (!rc && stdin_null) rc = posix_spawn_file_actions_addopen(fa, 0, "/dev/null", O_RDONLY, 0);
  if (!rc && cwd) rc = posix_spawn_file_actions_addchdir_np(fa, cwd);
  if (!rc && out_fd >= 0) rc = posix_spawn_file_actions_adddup2(fa, out_fd, 1);
  if (!rc && err_fd >= 0) rc = posix_spawn_file_actions_adddup2(fa, err_fd, 2);
  return rc;
}

static int build_attributes(posix_spawnattr_t *attr, int take_terminal) {
  sigset_t defaults, empty;
  sigemptyset(&defaults);
  int reset[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGCHLD, SIGTERM};
  for (unsigned i = 0; i < sizeof reset / sizeof reset[0]; i++) sigaddset(&defaults, reset[i]);
  sigemptyset(&empty);
  short group = take_terminal ? POSIX_SPAWN_SETPGROUP : POSIX_SPAWN_SETSID;
  int rc = posix_spawnattr_setflags(attr, group | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  if (!rc && take_terminal) rc = posix_spawnattr_setpgroup(attr, 0);
  if (!rc) rc = posix_spawnattr_setsigdefault(attr, &defaults);
  if (!rc) rc = posix_spawnattr_setsigmask(attr, &empty);
  return rc;
}

int cproc_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                const char *cwd, int stdin_null, int out_fd, int err_fd, int take_terminal) {
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  int rc = posix_spawn_file_actions_init(&fa);
  if (rc) return rc;
  rc = posix_spawnattr_init(&attr);
  if (rc) {
    posix_spawn_file_actions_destroy(&fa);
    return rc;
  }
  rc = build_actions(&fa, cwd, stdin_null, out_fd, err_fd, take_terminal);
  if (!rc) rc = build_attributes(&attr, take_terminal);
  if (!rc) rc = posix_spawn(pid, path, &fa, &attr, argv, envp);
  posix_spawnattr_destroy(&attr);
  posix_spawn_file_actions_destroy(&fa);
  return rc;
}

int cproc_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int cproc_set_pipe_size(int fd, int size) { return fcntl(fd, F_SETPIPE_SZ, size); }

int cproc_dup_cloexec_above(int fd, int minimum) { return fcntl(fd, F_DUPFD_CLOEXEC, minimum); }

int cproc_take_terminal_back(void) {
  sigset_t ttou, old;
  sigemptyset(&ttou);
  sigaddset(&ttou, SIGTTOU);
  pthread_sigmask(SIG_BLOCK, &ttou, &old);
  int rc = tcsetpgrp(0, getpgrp());
  int saved = errno;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  errno = saved;
  return rc;
}

int cproc_owns_terminal(void) { return isatty(0) && tcgetpgrp(0) == getpgrp(); }

int cproc_peek_child(pid_t pid) {
  siginfo_t info;
  info.si_pid = 0;
  info.si_code = 0;
  if (waitid(P_PID, (id_t)pid, &info, WEXITED | WSTOPPED | WNOHANG | WNOWAIT) != 0) return -1;
  return info.si_pid == 0 ? 0 : info.si_code;
}

int cproc_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

int cproc_wifexited(int status) { return WIFEXITED(status); }
int cproc_wexitstatus(int status) { return WEXITSTATUS(status); }
int cproc_wifsignaled(int status) { return WIFSIGNALED(status); }
int cproc_wtermsig(int status) { return WTERMSIG(status); }
int cproc_wifstopped(int status) { return WIFSTOPPED(status); }
int cproc_wstopsig(int status) { return WSTOPSIG(status); }
