import Testing

@testable import PipelineShell

@Suite("Completion columns")
struct CandidateColumnsTests {
  @Test func fillsColumnsTopToBottom() {
    let lines = CandidateColumns.lines(["a", "bb", "ccc", "d", "e"], width: 11)
    #expect(lines == ["a    d", "bb   e", "ccc"])
  }

  @Test func oneColumnWhenNarrow() {
    #expect(CandidateColumns.lines(["alpha", "beta"], width: 3) == ["alpha", "beta"])
  }

  @Test func oneLineWhenWide() {
    #expect(CandidateColumns.lines(["linear", "mlp", "tree"], width: 80) == ["linear  mlp     tree"])
  }
}
