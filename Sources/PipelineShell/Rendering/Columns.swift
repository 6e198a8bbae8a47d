/// Pads rows of cells into aligned columns (plain text; the last column is not padded).
enum Columns {
  static func format(_ rows: [[String]], gap: String = "  ", indent: String = "") -> [String] {
    var widths: [Int] = []
    for row in rows {
      for (i, cell) in row.enumerated() {
        if i >= widths.count { widths.append(0) }
        widths[i] = max(widths[i], cell.count)
      }
    }
    return rows.map { row in
      var line = indent
      for (i, cell) in row.enumerated() {
        line += i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count) + gap
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }
}
