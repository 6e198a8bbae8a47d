import Testing

@testable import PipelineCore

/// "Did you mean": the closest name within a third of the word's length (at least 2 edits).
@Suite struct SuggestionTests {
  @Test func theClosestNameWithinTheLimitWins() {
    #expect(Suggestion.closest(to: "epohcs", in: ["lr", "epochs", "epoch_count"]) == "epochs")
    #expect(Suggestion.closest(to: "EPOCH", in: ["epochs", "epoch"]) == "epoch")
    #expect(Suggestion.closest(to: "lrr", in: ["lr", "l"]) == "lr")
    #expect(Suggestion.closest(to: "model", in: ["epochs", "lr"]) == nil)
  }

  @Test func aNameShorterOrLongerByMoreThanTheLimitIsNoSuggestion() {
    #expect(Suggestion.closest(to: "abcdefghij", in: ["abcdef"]) == nil)  // 4 apart, limit 3
    #expect(Suggestion.closest(to: "abcdefghi", in: ["abcdef"]) == "abcdef")  // 3 apart, limit 3
    #expect(Suggestion.closest(to: String(repeating: "x", count: 100_000), in: ["run", "plan", "explain"]) == nil)
  }

  @Test func aTieKeepsTheFirstCandidate() {
    #expect(Suggestion.closest(to: "cat", in: ["bat", "hat"]) == "bat")
  }
}
