import FoundationEssentials
import PipelineTestSupport
import Testing

/// Every `Transcripts/*.psh` file is run against the built binary and its output compared
/// with the `# CHECK:` lines written in it.
@Suite struct TranscriptTests {
  static let folder: String = {
    let file = #filePath
    return String(file[..<file.lastIndex(of: "/")!]) + "/Transcripts"
  }()

  static let names: [String] = {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".psh") }.map { String($0.dropLast(4)) }.sorted()
  }()

  @Test(arguments: names)
  func transcript(_ name: String) throws {
    let text = try #require(FileManager.default.contents(atPath: "\(Self.folder)/\(name).psh"))
    let transcript = Transcript(name: name, script: String(decoding: text, as: UTF8.self))
    let (lines, status) = try TranscriptRunner().run(transcript)
    if let diff = transcript.mismatch(actual: lines) { Issue.record(Comment(rawValue: diff)) }
    #expect(status == transcript.exitStatus, "exit status of \(name)")
  }
}
