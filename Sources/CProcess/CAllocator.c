#include "CProcess.h"

#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int cproc_set_heap_growth_padding(int bytes) { return mallopt(M_TOP_PAD, bytes); }

/// The size and alignment of the heaps glibc maps for threads' arenas on 64-bit systems
/// (HEAP_MAX_SIZE: twice the largest mmap threshold, 2 * 4 MiB * sizeof(long)).
static const uintptr_t thread_heap_size = (uintptr_t)64 << 20;

/// A block below glibc's mmap threshold (128 KiB), so that it comes from the heap itself.
static const size_t heap_probe_size = 120 << 10;

int cproc_advise_huge_pages_for_this_threads_heap(void) {
  void *probe = malloc(heap_probe_size);
  if (probe == NULL) return -1;
  uintptr_t address = (uintptr_t)probe;
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t brk_end = (uintptr_t)sbrk(0);
  uintptr_t start, length;
  if (address < brk_end) {  // the main arena: from this block to the end of the brk heap
    start = address & ~(page - 1);
    length = brk_end - start;
  } else {  // a thread's arena: the whole aligned heap it lives in, mapped or not yet
    start = address & ~(thread_heap_size - 1);
    length = thread_heap_size;
  }
  free(probe);
  int advised = madvise((void *)start, length, MADV_HUGEPAGE);
  return advised == 0 || errno == ENOMEM ? 0 : -1;  // ENOMEM: a part of the range is not mapped
}
