import Testing

@testable import PipelineCore

/// The memo in front of a table: what was remembered is found by an equal key (not only the
/// same storage), the oldest is forgotten once it is full, and a key never remembered is not found.
@Suite struct RecentHitsTests {
  @Test func findsWhatWasRememberedForAnEqualKey() {
    var hits = RecentHits<String, Int>(capacity: 3)
    hits.remember("train.lr", 1)
    hits.remember("train.epochs", 2)
    #expect(hits.found(for: String("train.") + "lr") == 1)
    #expect(hits.found(for: "train.epochs") == 2)
    #expect(hits.found(for: "train") == nil)
  }

  @Test func forgetsTheOldestWhenFull() {
    var hits = RecentHits<Int, String>(capacity: 2)
    hits.remember(1, "one")
    hits.remember(2, "two")
    hits.remember(3, "three")
    #expect(hits.found(for: 1) == nil)
    #expect(hits.found(for: 2) == "two")
    #expect(hits.found(for: 3) == "three")
  }

  @Test func anEmptyMemoFindsNothing() {
    let hits = RecentHits<[String], Bool>()
    #expect(hits.found(for: []) == nil)
  }
}
