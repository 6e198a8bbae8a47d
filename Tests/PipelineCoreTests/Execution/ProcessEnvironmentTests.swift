import FoundationEssentials
import Testing

@testable import PipelineCore

@Suite struct ProcessEnvironmentTests {
  @Test func theProcessEnvironmentIsWhatFoundationReads() {
    let read = ProcessEnvironment.current()
    #expect(read == ProcessInfo.processInfo.environment)
    #expect(!read.isEmpty)
  }

  @Test func entriesAreSplitAtTheirFirstEqualsSign() {
    let entries = ["A=1", "B=x=y", "C=", "D==", "NOEQUALS", "=empty-name", "A=second", "É=é"].map { Array($0.utf8) }
    #expect(
      ProcessEnvironment.variables(entries) == ["A": "1", "B": "x=y", "C": "", "D": "=", "É": "é"])
  }

  @Test func bytesThatAreNotUTF8AreReplaced() {
    let entries: [[UInt8]] = [[UInt8(ascii: "K"), UInt8(ascii: "="), 0xFF, UInt8(ascii: "v")]]
    #expect(ProcessEnvironment.variables(entries) == ["K": "\u{FFFD}v"])
  }
}
