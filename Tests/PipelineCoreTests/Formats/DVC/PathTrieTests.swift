import Testing

@testable import PipelineCore

/// The outputs table DVC's graph is built from: who produces a path, a folder holding it, or
/// paths inside it, with parts told apart by their bytes.
@Suite struct PathTrieTests {
  @Test func insertionsReportDuplicatesAndNesting() {
    var trie = PathTrie()
    #expect(isInserted(trie.insert("data/raw", stage: 0)))
    guard case .duplicate(let stage) = trie.insert("data/raw", stage: 1) else {
      Issue.record("a second producer of data/raw was accepted")
      return
    }
    #expect(stage == 0)
    guard case .inside(let parent, let owner) = trie.insert("data/raw/a.csv", stage: 2) else {
      Issue.record("an output inside data/raw was accepted")
      return
    }
    #expect(parent == "data/raw" && owner == 0)
    guard case .holds(let inner, let innerOwner) = trie.insert("data", stage: 3) else {
      Issue.record("an output holding data/raw was accepted")
      return
    }
    #expect(inner == "data/raw" && innerOwner == 0)
  }

  /// Thousands of outputs in one folder (a `matrix`) make the table grow many times; every
  /// output is still found, and a folder finds all of them in the order added.
  @Test func manyOutputsInOneFolderAreAllFound() {
    var trie = PathTrie()
    for stage in 0..<3000 { #expect(isInserted(trie.insert("models/m\(stage).pkl", stage: stage))) }
    #expect(isInserted(trie.insert("metrics/all.json", stage: 3000)))
    for stage in [0, 1, 1499, 2999] { #expect(trie.producers(overlapping: "models/m\(stage).pkl") == [stage]) }
    #expect(trie.producers(overlapping: "models") == Array(0..<3000))
    #expect(trie.producers(overlapping: "models/m3000.pkl").isEmpty)
    #expect(trie.producers(overlapping: "metrics/all.json/x") == [3000])
    #expect(trie.producers(overlapping: ".") == Array(0...3000))
  }

  /// A name is its bytes: `é` composed and decomposed are two outputs, as they are two files.
  @Test func partsAreComparedByTheirBytes() {
    var trie = PathTrie()
    #expect(isInserted(trie.insert("out/\u{E9}.csv", stage: 0)))
    #expect(isInserted(trie.insert("out/e\u{301}.csv", stage: 1)))
    #expect(trie.producers(overlapping: "out/e\u{301}.csv") == [1])
    #expect(trie.producers(overlapping: "out//\u{E9}.csv") == [0])
  }

  private func isInserted(_ insertion: PathTrie.Insertion) -> Bool {
    if case .inserted = insertion { return true }
    return false
  }
}
