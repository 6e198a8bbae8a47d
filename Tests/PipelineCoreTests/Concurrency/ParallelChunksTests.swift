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

  @Test func aLargeCountIsSplitIntoOneRunPerCore() {
    let runs = ParallelChunks.map(10_000) { range in range.count }
    #expect(runs.reduce(0, +) == 10_000)
    #expect(runs.count == max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
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
