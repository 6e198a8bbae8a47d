import Testing

@testable import PipelineCore

/// `::metric` lines are found in a step's stdout however its writes split the lines.
@Suite struct MetricLineScanTests {
  static func metrics(_ chunks: [String]) -> [String: Double] {
    let processor = StepOutputProcessor(step: "s", secrets: [], emit: { _ in })
    for chunk in chunks { processor.take(.stdout, Array(chunk.utf8)) }
    processor.finish()
    return processor.metrics
  }

  @Test func linesSplitAnywhereAreJoined() {
    let text = "epoch 1\n::metric loss=0.5\nnoise :: metric\n::metric acc=0.9\n"
    for cut in 0...text.utf8.count {
      let bytes = Array(text.utf8)
      let parts = [String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[cut...], as: UTF8.self)]
      #expect(Self.metrics(parts) == ["loss": 0.5, "acc": 0.9], "cut at \(cut)")
    }
  }

  @Test func onlyLinesStartingWithAColonCountAndTheLastLineNeedsNoNewline() {
    #expect(Self.metrics(["x::metric a=1\n", " ::metric b=2\n", "::metric c=3"]) == ["c": 3])
  }

  @Test func aLongLineBeforeAMetricDoesNotHideIt() {
    let long = String(repeating: "a", count: 100_000)
    #expect(Self.metrics([long, long + "\n::met", "ric e=5\n"]) == ["e": 5])
    let longMetric = "::metric f=6" + String(repeating: " ", count: 10_000) + "\n"
    #expect(Self.metrics([longMetric]) == ["f": 6])
  }
}
