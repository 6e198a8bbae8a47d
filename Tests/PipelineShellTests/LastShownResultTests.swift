import Synchronization
import Testing

@testable import PipelineShell

/// The last plan shown is kept until the next one replaces it: one at a time, so a shell that
/// plans a thousand times holds one plan, not a thousand.
@Suite(.serialized) struct LastShownResultTests {
  private final class Freed: Sendable {
    private let state = Mutex(false)
    var isSet: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
  }

  private final class Tracked: Sendable {
    let freed: Freed
    init(_ freed: Freed) { self.freed = freed }
    deinit { freed.set() }
  }

  @Test func theResultKeptBeforeIsFreedWhenTheNextIsKept() {
    let first = Freed(), second = Freed()
    LastShownResult.keep(Tracked(first))
    #expect(!first.isSet)
    LastShownResult.keep(Tracked(second))
    #expect(first.isSet)
    #expect(!second.isSet)
    LastShownResult.keep(0)
    #expect(second.isSet)
  }
}
