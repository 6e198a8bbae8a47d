import Testing

@testable import PipelineCore

@Suite struct StepLogWriterTests {
  @Test func chunksOfSeveralStepsLandInOrderAndAreWholeOnceClosed() {
    let folder = TemporaryFolder()
    let root = folder.path
    let writer = StepLogWriter { step in "\(root)/\(step).log" }
    let chunks = (0..<200).map { sampleBytes(count: 1 + $0 * 97, seed: UInt64($0)) }
    for (index, chunk) in chunks.enumerated() {
      writer.append(index % 3 == 0 ? "b" : "a", chunk)
    }
    writer.close("a")
    let expectedA = chunks.enumerated().filter { $0.offset % 3 != 0 }.flatMap(\.element)
    #expect(folder.read(folder.file("a.log")) == expectedA, "closing waits for the queued writes")
    writer.append("b", [10])
    writer.closeAll()
    #expect(
      folder.read(folder.file("b.log")) == chunks.enumerated().filter { $0.offset % 3 == 0 }.flatMap(\.element) + [10])
    #expect(folder.mode(folder.file("a.log")) == 0o600)
    #expect(writer.problems.isEmpty)
  }

  @Test func aLogThatCannotBeOpenedIsReportedOnceAndTheOthersAreWritten() {
    let folder = TemporaryFolder()
    let root = folder.path
    let writer = StepLogWriter { step in step == "lost" ? "\(root)/missing/folder/lost.log" : "\(root)/\(step).log" }
    for _ in 0..<3 {
      writer.append("lost", Array("x".utf8))
      writer.append("kept", Array("y".utf8))
    }
    writer.closeAll()
    #expect(writer.problems.count == 1)
    #expect(writer.problems.first?.contains("cannot open '\(folder.file("missing/folder/lost.log"))'") == true)
    #expect(writer.problems.first?.contains("No such file or directory") == true)
    #expect(folder.read(folder.file("kept.log")) == Array("yyy".utf8))
  }
}
