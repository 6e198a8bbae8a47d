import PipelineShell
import Testing

@Suite struct TextLineReaderTests {
  static func lines(_ text: String) -> [String] {
    let reader = TextLineReader(text)
    var lines: [String] = []
    while case .line(let line) = reader.readLine(prompt: "") { lines.append(line) }
    return lines
  }

  @Test func splitsLines() {
    #expect(Self.lines("load p.yaml\nget lr\n") == ["load p.yaml", "get lr"])
    #expect(Self.lines("a\n\nb") == ["a", "", "b"])
    #expect(Self.lines("") == [])
  }

  /// `\r\n` is one Character in Swift: a script with CRLF line ends was read as one line.
  @Test func splitsCRLFLines() {
    #expect(Self.lines("load p.yaml\r\nget lr\r\n") == ["load p.yaml", "get lr"])
    #expect(Self.lines("set a \\\r\n  1\r\n") == ["set a \\", "  1"])
  }
}
