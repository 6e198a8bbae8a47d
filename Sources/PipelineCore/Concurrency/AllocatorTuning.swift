import CProcess

/// How the C allocator grows its heaps, set once when a process starts.
///
/// glibc gives each worker thread of `ParallelChunks` a heap of its own and grows it by the
/// few pages each allocation needs: loading a DVC `matrix` of 4,000 stages made 2,766
/// `mprotect` calls, each taking the process's memory-map lock that the other core's page
/// faults wait on. Growing by 16 MiB at a time makes that about 40 calls. The padding is
/// address space: pages nobody touches are never made resident, so peak memory is unchanged.
package enum AllocatorTuning {
  /// The padding each heap grows by, beyond what an allocation needs.
  package static let growthPadding: Int32 = 16 << 20

  /// Sets the padding; call before any thread is started. False when the allocator refused it
  /// (the process then runs as before, only slower).
  @discardableResult
  package static func growHeapsInLargeSteps() -> Bool {
    cproc_set_heap_growth_padding(growthPadding) == 1
  }

  /// Asks for huge pages (2 MiB) in the heap the calling thread allocates from; call when a
  /// thread is about to allocate much (the workers of `ParallelChunks`). A page of memory costs
  /// a fault the first time it is touched, and faults are slow on virtual machines (about 2.5 µs
  /// each here): planning a 4,000-stage DVC `matrix` made 5,900 faults, 1,250 with huge pages,
  /// and ran 1.12x faster. Not at start: a small project touches a few hundred pages, fewer
  /// bytes than one huge page, which costs more to clear than they cost to fault (foreach-120
  /// ran 1.03x slower). Where the kernel's transparent huge pages are off, this does nothing.
  /// False when the kernel refused.
  @discardableResult
  package static func useHugePagesForThisThreadsHeap() -> Bool {
    cproc_advise_huge_pages_for_this_threads_heap() == 0
  }
}
