import Glibc
import Testing

@testable import PipelineCore

@Suite struct ParallelChunksTests {
  @Test(arguments: [0, 1, 511, 512, 513, 4001])
  func theRunsCoverEveryIndexOnceAndInOrder(_ count: Int) {
    let runs = ParallelChunks.map(count) { range in Array(range) }
    #expect(runs.flatMap { $0 } == Array(0..<count))
    #expect(runs.allSatisfy { !$0.isEmpty })
    if count < ParallelChunks.threshold { #expect(runs.count == min(count, 1)) }
  }

  /// A few runs per core, so a core that is held up does not hold up the whole (a core that
  /// is free takes the next run); none smaller than a worker's start is worth.
  @Test(arguments: [600, 4001, 10_000])
  func aLargeCountIsSplitIntoAFewRunsPerCore(_ count: Int) {
    let cores = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    let runs = ParallelChunks.map(count) { range in range.count }
    #expect(runs.reduce(0, +) == count)
    if cores == 1 {
      #expect(runs.count == 1)
    } else {
      #expect(runs.count >= cores && runs.count <= cores * ParallelChunks.runsPerCore)
      #expect(runs.dropLast().allSatisfy { $0 >= ParallelChunks.smallestRun })
      if count >= cores * ParallelChunks.runsPerCore * ParallelChunks.smallestRun {
        #expect(runs.count == cores * ParallelChunks.runsPerCore)
      }
    }
  }

  @Test(arguments: [true, false]) func bothGiveEachResultWhetherTogetherOrNot(_ together: Bool) {
    let (a, b) = ParallelChunks.both(together: together) {
      (0..<1000).reduce(0, +)
    } _: {
      "second"
    }
    #expect(a == 499_500 && b == "second")
  }
}
