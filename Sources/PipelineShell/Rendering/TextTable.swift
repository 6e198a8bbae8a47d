/// A column-aligned plain-text table, for `params`, `runs`, `compare` and `sweep`.
///
/// Widths are measured in terminal columns on the visible text, so cells may carry ANSI
/// styles (or a column's `style` may add them) without breaking the alignment.
package struct TextTable: Sendable {
  /// How cells sit within their column.
  package enum Alignment: Sendable, Hashable {
    case left, right
  }

  /// One column: its header, alignment and an optional styling of each of its cells.
  package struct Column: Sendable {
    /// The header text; shown when the table shows headers.
    package var header: String
    /// Left for text, right for numbers.
    package var alignment: Alignment
    /// Wraps a cell's text in escape sequences, e.g. `{ style.red($0) }`; nil leaves it.
    package var style: (@Sendable (String) -> String)?

    /// Creates a column.
    package init(
      _ header: String = "", alignment: Alignment = .left,
      style: (@Sendable (String) -> String)? = nil
    ) {
      self.header = header
      self.alignment = alignment
      self.style = style
    }
  }

  /// The columns, left to right.
  package var columns: [Column]
  /// The rows of cell texts; short rows are padded with empty cells.
  package var rows: [[String]]
  /// Whether the first line is the column headers.
  package var showsHeader: Bool
  /// Styles the header cells, e.g. `{ style.bold($0) }`.
  package var headerStyle: (@Sendable (String) -> String)?
  /// What goes between two columns.
  package var gap = "  "
  /// What goes before every line.
  package var indent = ""

  /// Creates a table.
  package init(columns: [Column], rows: [[String]] = [], showsHeader: Bool = true) {
    self.columns = columns
    self.rows = rows
    self.showsHeader = showsHeader
  }

  /// Adds a row at the bottom.
  package mutating func append(_ row: [String]) { rows.append(row) }

  /// The table's lines, without trailing spaces.
  /// Lays out rows without a header, every column left-aligned.
  package static func plain(_ rows: [[String]], gap: String = "  ", indent: String = "") -> [String] {
    var table = TextTable(columns: [], rows: rows, showsHeader: false)
    table.gap = gap
    table.indent = indent
    return table.render()
  }

  package func render() -> [String] {
    let count = max(columns.count, rows.map(\.count).max() ?? 0)
    // Rows are used as they are when full and on one line (a `plan` of thousands of steps).
    let cells = rows.map { row in
      row.count == count && !row.contains(where: Self.hasLineBreak)
        ? row : (0..<count).map { $0 < row.count ? Self.oneLine(row[$0]) : "" }
    }
    let headers = (0..<count).map { $0 < columns.count ? columns[$0].header : "" }
    // A last column that is left-aligned is never padded (a line has no trailing spaces).
    let measured = count > 0 && column(at: count - 1)?.alignment != .right ? count - 1 : count
    var widths = (0..<count).map { index in
      index < measured ? cells.map { TerminalText.width($0[index]) }.max() ?? 0 : 0
    }
    if showsHeader {
      widths = zip(widths, headers).map { max($0, TerminalText.width($1)) }
    }
    var lines: [String] = []
    if showsHeader { lines.append(line(headers, widths: widths, style: { _ in headerStyle })) }
    for row in cells { lines.append(line(row, widths: widths, style: { column(at: $0)?.style })) }
    return lines
  }

  private func line(
    _ cells: [String], widths: [Int], style: (Int) -> (@Sendable (String) -> String)?
  ) -> String {
    var line = indent
    for (index, text) in cells.enumerated() {
      if index > 0 { line += gap }
      let styled = text.isEmpty ? text : style(index).map { $0(text) } ?? text
      let padding = widths[index] == 0 ? 0 : max(0, widths[index] - TerminalText.width(styled))
      let right = column(at: index)?.alignment == .right
      if right { Self.appendSpaces(padding, to: &line) }
      line += styled
      if !right { Self.appendSpaces(padding, to: &line) }
    }
    return Self.trimmingTrailingSpaces(line)
  }

  private static let spaces = String(repeating: " ", count: 64)

  /// Pads with spaces, mostly from one string of them: no new string for each cell of a table
  /// of thousands of rows.
  private static func appendSpaces(_ count: Int, to line: inout String) {
    var left = count
    while left > 0 {
      let chunk = min(left, spaces.utf8.count)
      line += Substring(spaces.utf8.prefix(chunk))
      left -= chunk
    }
  }

  private func column(at index: Int) -> Column? {
    index < columns.count ? columns[index] : nil
  }

  /// A cell stays on one line: line breaks show as `↵`.
  private static func oneLine(_ text: String) -> String {
    guard hasLineBreak(text) else { return text }
    return String(text.map { $0.isNewline ? "↵" : $0 })
  }

  /// Bytes first: walking a long command's characters (grapheme by grapheme) to find none
  /// took a tenth of `plan` over thousands of steps.
  private static func hasLineBreak(_ text: String) -> Bool {
    text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x80 }) && text.contains(where: \.isNewline)
  }

  private static func trimmingTrailingSpaces(_ text: String) -> String {
    guard text.utf8.last == UInt8(ascii: " ") else { return text }
    var text = text
    while text.last == " " { text.removeLast() }
    return text
  }
}
