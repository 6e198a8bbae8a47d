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

  /// Lays out rows without a header, every column left-aligned.
  package static func plain(_ rows: [[String]], gap: String = "  ", indent: String = "") -> [String] {
    var table = TextTable(columns: [], rows: rows, showsHeader: false)
    table.gap = gap
    table.indent = indent
    return table.render()
  }

  /// Lays out `count` rows without a header, every column left-aligned, each row made by `row`
  /// where it is measured: on every core for thousands of rows (a `plan`).
  package static func plain(count: Int, row: @Sendable (Int) -> [String]) -> [String] {
    TextTable(columns: [], showsHeader: false).render(count: count, row: row)
  }

  /// The table's lines, without trailing spaces.
  package func render() -> [String] {
    let rows = self.rows
    return render(count: rows.count) { rows[$0] }
  }

  /// Rows' cells made one line, one row after another, with their widths in terminal columns,
  /// where each row ends, and the widest cell of each column.
  private struct MeasuredRows: Sendable {
    var cells: [String] = []
    var widths: [Int] = []
    var ends: [Int] = []
    var widest: [Int] = []

    /// The cells and widths of row `row`, padded with empty cells to `count`.
    func row(_ row: Int, count: Int) -> (cells: ArraySlice<String>, widths: ArraySlice<Int>) {
      let start = row == 0 ? 0 : ends[row - 1]
      let end = ends[row]
      if end - start == count { return (cells[start..<end], widths[start..<end]) }
      let missing = count - (end - start)
      return (
        (Array(cells[start..<end]) + repeatElement("", count: missing))[...],
        (Array(widths[start..<end]) + repeatElement(0, count: missing))[...]
      )
    }
  }

  private func render(count rowCount: Int, row: @Sendable (Int) -> [String]) -> [String] {
    // Each cell is made one line and measured once, where its row is made: a `plan` of
    // thousands of steps is thousands of rows, most of them printable ASCII, a column a byte.
    let chunks = ParallelChunks.map(rowCount) { range in
      var measured = MeasuredRows()
      measured.ends.reserveCapacity(range.count)
      for index in range {
        let cells = row(index)
        if measured.cells.isEmpty {
          measured.cells.reserveCapacity(range.count * cells.count)
          measured.widths.reserveCapacity(range.count * cells.count)
        }
        if measured.widest.count < cells.count {
          measured.widest += repeatElement(0, count: cells.count - measured.widest.count)
        }
        for (column, cell) in cells.enumerated() {
          let printable = ByteSearch.isPrintableASCII(cell)
          let text = printable ? cell : Self.oneLine(cell)
          let width = printable ? cell.utf8.count : TerminalText.width(text)
          measured.cells.append(text)
          measured.widths.append(width)
          measured.widest[column] = max(measured.widest[column], width)
        }
        measured.ends.append(measured.cells.count)
      }
      return measured
    }
    let count = chunks.reduce(columns.count) { max($0, $1.widest.count) }
    guard count > 0 else {
      return Array(repeating: Self.trimmingTrailingSpaces(indent), count: rowCount + (showsHeader ? 1 : 0))
    }
    let headers = (0..<count).map { $0 < columns.count ? columns[$0].header : "" }
    // A last column that is left-aligned is never padded (a line has no trailing spaces).
    let measured = count > 0 && column(at: count - 1)?.alignment != .right ? count - 1 : count
    var widths = [Int](repeating: 0, count: count)
    for chunk in chunks {
      for (column, width) in chunk.widest.enumerated() where column < measured {
        widths[column] = max(widths[column], width)
      }
    }
    var lines: [String] = []
    lines.reserveCapacity(rowCount + 1)
    if showsHeader {
      widths = zip(widths, headers).map { max($0, TerminalText.width($1)) }
      lines.append(
        line(headers[...], measured: headers.map(TerminalText.width)[...], widths: widths, style: { _ in headerStyle }))
    }
    // The lines of a table of thousands of rows (a `plan`) are laid out on every core, each
    // run of rows by the core that measured it.
    let (table, columnWidths) = (self, widths)
    let chunkLines = ParallelChunks.map(chunks.count, threshold: 2) { range in
      var lines: [String] = []
      lines.reserveCapacity(chunks[range].reduce(0) { $0 + $1.ends.count })
      for chunk in chunks[range] {
        for index in chunk.ends.indices {
          let (cells, cellWidths) = chunk.row(index, count: count)
          lines.append(
            table.line(cells, measured: cellWidths, widths: columnWidths, style: { table.column(at: $0)?.style }))
        }
      }
      return lines
    }
    for chunk in chunkLines { lines += chunk }
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
