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
}
