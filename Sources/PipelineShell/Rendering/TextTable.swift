import PipelineCore

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
    let count = rows.reduce(columns.count) { max($0, $1.count) }
    guard count > 0 else {
      return Array(repeating: Self.trimmingTrailingSpaces(indent), count: rows.count + (showsHeader ? 1 : 0))
    }
    // Each cell is made one line and measured once: a `plan` of thousands of steps is
    // thousands of rows, most of them printable ASCII, a column a byte.
    var cells: [String] = []
    var cellWidths: [Int] = []
    cells.reserveCapacity(rows.count * count)
    cellWidths.reserveCapacity(rows.count * count)
    for row in rows {
      for index in 0..<count {
        let cell = index < row.count ? row[index] : ""
        if ByteSearch.isPrintableASCII(cell) {
          cells.append(cell)
          cellWidths.append(cell.utf8.count)
        } else {
          let text = Self.oneLine(cell)
          cells.append(text)
          cellWidths.append(TerminalText.width(text))
        }
      }
    }
    let headers = (0..<count).map { $0 < columns.count ? columns[$0].header : "" }
    // A last column that is left-aligned is never padded (a line has no trailing spaces).
    let measured = count > 0 && column(at: count - 1)?.alignment != .right ? count - 1 : count
    var widths = [Int](repeating: 0, count: count)
    for (position, width) in cellWidths.enumerated() where position % count < measured {
      widths[position % count] = max(widths[position % count], width)
    }
    var lines: [String] = []
    lines.reserveCapacity(rows.count + 1)
    if showsHeader {
      widths = zip(widths, headers).map { max($0, TerminalText.width($1)) }
      lines.append(
        line(headers[...], measured: headers.map(TerminalText.width)[...], widths: widths, style: { _ in headerStyle }))
    }
    // The lines of a table of thousands of rows (a `plan`) are laid out on every core.
    let (table, laidOut, measuredWidths, columnWidths) = (self, cells, cellWidths, widths)
    let rowLines = ParallelChunks.map(rows.count) { range in
      range.map { row in
        let cellRange = row * count..<(row + 1) * count
        return table.line(
          laidOut[cellRange], measured: measuredWidths[cellRange], widths: columnWidths,
          style: { table.column(at: $0)?.style })
      }
    }
    for chunk in rowLines { lines += chunk }
    return lines
  }

  /// One line, built as bytes: appending to a `String` cell by cell cost a few hundred
  /// instructions an append, over a `plan` of thousands of rows.
  private func line(
    _ cells: ArraySlice<String>, measured: ArraySlice<Int>, widths: [Int],
    style: (Int) -> (@Sendable (String) -> String)?
  ) -> String {
    var line: [UInt8] = []
    line.reserveCapacity(
      indent.utf8.count + cells.reduce(0) { $0 + $1.utf8.count } + widths.reduce(0, +) + gap.utf8.count * cells.count)
    line.appendUTF8(of: indent)
    for index in 0..<cells.count {
      if index > 0 { line.appendUTF8(of: gap) }
      let text = cells[cells.startIndex + index]
      var width = measured[measured.startIndex + index]
      var styled = text
      if !text.isEmpty, let style = style(index) {
        styled = style(text)
        width = TerminalText.width(styled)
      }
      let padding = widths[index] == 0 ? 0 : max(0, widths[index] - width)
      let right = column(at: index)?.alignment == .right
      if right { line.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding)) }
      line.appendUTF8(of: styled)
      if !right { line.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding)) }
    }
    while line.last == UInt8(ascii: " ") { line.removeLast() }
    return String(decoding: line, as: UTF8.self)
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
    ByteSearch.contains(in: text, where: { $0 < 0x20 || $0 >= 0x80 }) && text.contains(where: \.isNewline)
  }

  private static func trimmingTrailingSpaces(_ text: String) -> String {
    guard text.utf8.last == UInt8(ascii: " ") else { return text }
    var text = text
    while text.last == " " { text.removeLast() }
    return text
  }
}
