/// A stretch of a text file, from a line and column to a line and column just past its end
/// (1-based, columns counted in characters as `SourceLocation` counts them).
package struct SourceSpan: Sendable, Hashable {
  package var startLine: Int
  package var startColumn: Int
  package var endLine: Int
  package var endColumn: Int

  package init(start: (line: Int, column: Int), end: (line: Int, column: Int)) {
    startLine = start.line
    startColumn = start.column
    endLine = end.line
    endColumn = end.column
  }

  /// The columns the span covers on `line` (1-based, end exclusive; `Int.max` for the rest
  /// of the line), or nil when it covers none of it.
  package func columns(onLine line: Int) -> Range<Int>? {
    guard line >= startLine, line <= endLine else { return nil }
    let from = line == startLine ? startColumn : 1
    let to = line == endLine ? endColumn : Int.max
    return from < to ? from..<to : nil
  }
}
