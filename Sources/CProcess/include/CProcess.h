#ifndef CPROCESS_H
#define CPROCESS_H
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>

// Thin, non-variadic wrappers over posix_spawn, process groups, the terminal foreground and
// wait status decoding: the parts Swift cannot reach (GNU extensions, macros). No logic.

/// Spawns `path` with `argv`/`envp` (NULL-terminated) via posix_spawn, leading a new session
/// without a controlling terminal (POSIX_SPAWN_SETSID), or, when `take_terminal`, in its own
/// process group of our session (POSIX_SPAWN_SETPGROUP, pgroup 0); either way its process
/// group id is its pid. Default INT QUIT TSTP TTIN TTOU PIPE CHLD TERM handlers
/// (POSIX_SPAWN_SETSIGDEF) and an empty signal mask (POSIX_SPAWN_SETSIGMASK).
/// File actions, in order: tcsetpgrp(0) if `take_terminal`
/// (posix_spawn_file_actions_addtcsetpgrp_np); stdin from /dev/null if `stdin_null`;
/// chdir(`cwd`) (posix_spawn_file_actions_addchdir_np); dup2 `out_fd` to 1 and `err_fd` to 2.
/// Nothing is closed explicitly: descriptors above 2 must be close-on-exec (glibc checks each
/// file action's descriptors with a getrlimit call, so needless close actions cost syscalls).
/// Returns 0 and stores the pid, or an errno value.
int cproc_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                const char *cwd, int stdin_null, int out_fd, int err_fd, int take_terminal);

/// pipe2(fds, O_CLOEXEC): returns 0, or -1 with errno set.
int cproc_pipe_cloexec(int fds[2]);

/// fcntl(fd, F_DUPFD_CLOEXEC, minimum): returns the new fd, or -1 with errno set.
int cproc_dup_cloexec_above(int fd, int minimum);

/// fcntl(fd, F_SETPIPE_SZ, size): returns the pipe's new capacity, or -1 with errno set.
int cproc_set_pipe_size(int fd, int size);

/// tcsetpgrp(0, getpgrp()) with SIGTTOU blocked in the calling thread around it, so the
/// shell takes the terminal foreground back from a child. Returns 0, or -1 with errno set.
int cproc_take_terminal_back(void);

/// True (1) when fd 0 is a terminal whose foreground process group is ours.
int cproc_owns_terminal(void);

/// waitid(P_PID, pid, WEXITED|WSTOPPED|WNOHANG|WNOWAIT): peeks at the child's state without
/// reaping it. Returns the siginfo si_code (CLD_EXITED, CLD_KILLED, CLD_DUMPED, CLD_STOPPED,
/// ...) or 0 when nothing is reported yet, or -1 with errno set.
int cproc_peek_child(pid_t pid);

/// pidfd_open(pid, 0) through syscall(2): a close-on-exec descriptor that polls readable once
/// the child has exited. Returns the descriptor, or -1 with errno set (ENOSYS before Linux 5.3).
int cproc_pidfd_open(pid_t pid);

/// The CLD_* codes reported by cproc_peek_child.
enum {
  CPROC_CLD_EXITED = CLD_EXITED,
  CPROC_CLD_KILLED = CLD_KILLED,
  CPROC_CLD_DUMPED = CLD_DUMPED,
  CPROC_CLD_STOPPED = CLD_STOPPED,
};

/// ioctl(dest_fd, FICLONE, src_fd): makes `dest_fd`'s file share `src_fd`'s blocks (a
/// reflink: copy on write, no data copied) where the file system can (btrfs, XFS, ...).
/// Returns 0, or -1 with errno set (EOPNOTSUPP, EXDEV, EINVAL where it cannot).
int cproc_clone_file(int dest_fd, int src_fd);

/// copy_file_range(in_fd, NULL, out_fd, NULL, length, 0): copies up to `length` bytes inside
/// the kernel (no trip through user space). Returns the bytes copied (0 at the end of the
/// input), or -1 with errno set (ENOSYS, EXDEV, EINVAL where it cannot).
long cproc_copy_file_range(int in_fd, int out_fd, unsigned long length);

/// WIFEXITED(status).
int cproc_wifexited(int status);
/// WEXITSTATUS(status).
int cproc_wexitstatus(int status);
/// WIFSIGNALED(status).
int cproc_wifsignaled(int status);
/// WTERMSIG(status).
int cproc_wtermsig(int status);
/// WIFSTOPPED(status).
int cproc_wifstopped(int status);
/// WSTOPSIG(status).
int cproc_wstopsig(int status);

/// Bytes glibc adds to each growth of a heap (M_TOP_PAD); 1 on success, 0 on failure.
int cproc_set_heap_growth_padding(int bytes);

/// Asks the kernel for transparent huge pages (MADV_HUGEPAGE) in the heap the calling thread's
/// malloc arena takes its memory from: the rest of the brk heap for the main arena, the whole
/// aligned heap for a thread's arena. 0 on success (also where huge pages are off, which makes
/// the advice a no-op), -1 with errno set.
int cproc_advise_huge_pages_for_this_threads_heap(void);

#endif
