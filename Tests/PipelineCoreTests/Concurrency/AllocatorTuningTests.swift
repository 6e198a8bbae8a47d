import Testing

@testable import PipelineCore

@Suite struct AllocatorTuningTests {
  /// glibc takes the padding (a libc without `M_TOP_PAD` would refuse it, and nothing else changes).
  @Test func theAllocatorTakesThePadding() {
    #expect(AllocatorTuning.growHeapsInLargeSteps())
  }
}
