#define _GNU_SOURCE
#include "CProcess.h"

#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

int cproc_clone_file(int dest_fd, int src_fd) { return ioctl(dest_fd, FICLONE, src_fd); }

long cproc_copy_file_range(int in_fd, int out_fd, unsigned long length) {
  return (long)copy_file_range(in_fd, NULL, out_fd, NULL, length, 0);
}
