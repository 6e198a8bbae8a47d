import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Independent work over many items (a DVC `matrix` of thousands of stages) split into one
/// run of consecutive items per core. The results come back in the order of the runs, so what
/// is made from them is the same as from one loop over the items.
package enum ParallelChunks {
  /// Fewer items than this are worked on the calling thread, as one run: starting threads
  /// costs more than it saves.
  package static let threshold = 512

  /// Runs made for each core: a core that finishes early (or whose neighbour the machine's
  /// other tenants hold up) takes the next run, instead of waiting for one run of half the work.
  static let runsPerCore = 4

  /// The fewest items in a run: each run costs its worker a copy of the state it starts from.
  static let smallestRun = 128

  /// `work` over `0..<count`, split into runs of consecutive indexes (a few per core, for up to
  /// 8 cores), each run's result in order.
  package static func map<Result: Sendable>(
    _ count: Int, threshold: Int = threshold, _ work: @Sendable (Range<Int>) -> Result
  ) -> [Result] {
    guard count > 0 else { return [] }
    let cores = count < threshold ? 1 : max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    let runs = cores == 1 ? 1 : max(cores, min(cores * runsPerCore, count / smallestRun))
    let size = (count + runs - 1) / runs
    let ranges = stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    guard ranges.count > 1 else { return ranges.map(work) }
    let results = Mutex<[Int: Result]>([:])
    DispatchQueue.concurrentPerform(iterations: ranges.count) { index in
      AllocatorTuning.useHugePagesForThisThreadsHeap()
      let result = work(ranges[index])
      results.withLock { $0[index] = result }
    }
    let finished = results.withLock { $0 }
    return ranges.indices.compactMap { finished[$0] }
  }

  /// `first` and `second` at once, on two cores, when `together` (else one after the other on
  /// the calling thread): two independent checks of a large project.
  package static func both<A: Sendable, B: Sendable>(
    together: Bool, _ first: @Sendable () -> A, _ second: @Sendable () -> B
  ) -> (A, B) {
    guard together, sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1 else { return (first(), second()) }
    let results = Mutex<(A?, B?)>((nil, nil))
    DispatchQueue.concurrentPerform(iterations: 2) { index in
      AllocatorTuning.useHugePagesForThisThreadsHeap()
      if index == 0 {
        let result = first()
        results.withLock { $0.0 = result }
      } else {
        let result = second()
        results.withLock { $0.1 = result }
      }
    }
    let (a, b) = results.withLock { $0 }
    return (a ?? first(), b ?? second())  // both are set once concurrentPerform returns
  }
}
