#ifndef CPROCESS_H
#define CPROCESS_H
#include <spawn.h>
#include <sys/types.h>
// posix_spawn helpers that Swift cannot reach (GNU extensions hidden by _GNU_SOURCE).
#endif
