import CYAML

/// Reads YAML text into `YAMLNode`s through libyaml, with limits that keep hostile input
/// (deep nesting, alias bombs, huge files) from crashing or hanging the shell.
package struct YAMLReader: Sendable {
  package var maximumDepth = 64
  package var maximumNodes = 1_000_000
  package var maximumBytes = 64 << 20

  package init() {}

  /// Parses the first document of `text`; an empty document is an empty mapping.
  package func read(_ text: String, file: String) throws(DiagnosticError) -> YAMLNode {
    if text.utf8.count > maximumBytes {
      throw DiagnosticError(
        Diagnostic("file is larger than \(maximumBytes >> 20) MiB", at: .init(file: file, line: 1, column: 1)))
    }
    if ByteSearch.holds(0, in: text) {
      throw DiagnosticError(
        Diagnostic("file holds a NUL byte; expected YAML text", at: .init(file: file, line: 1, column: 1)))
    }
    var builder = YAMLTreeBuilder(file: file, maximumDepth: maximumDepth, maximumNodes: maximumNodes)
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw DiagnosticError(Diagnostic("could not start the YAML parser"))
    }
    defer { yaml_parser_delete(&parser) }
    var bytes = Array(text.utf8)
    return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(DiagnosticError) -> YAMLNode in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      while true {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
          throw DiagnosticError(YAMLReader.parserDiagnostic(parser, file: file))
        }
        defer { yaml_event_delete(&event) }
        if try builder.consume(event) { break }
      }
      return builder.result ?? YAMLNode(.mapping([]), at: .init(file: file, line: 1, column: 1))
    }
  }

  static func parserDiagnostic(_ parser: yaml_parser_t, file: String) -> Diagnostic {
    let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
    let mark = parser.problem_mark
    let location = SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    var notes: [String] = []
    if let context = parser.context.map({ String(cString: $0) }) {
      let at = parser.context_mark
      notes.append("\(context) at line \(at.line + 1), column \(at.column + 1)")
    }
    return Diagnostic("invalid YAML: \(problem)", at: location, notes: notes)
  }
}
