/// Lays out completion candidates in columns that fit the terminal, filled top to bottom and
/// then left to right, as `ls` and shells do.
enum CandidateColumns {
  /// The lines to print for `items` on a terminal `width` columns wide.
  static func lines(_ items: [String], width: Int) -> [String] {
    guard !items.isEmpty else { return [] }
    let cell = (items.map(\.count).max() ?? 0) + 2
    let columns = max(1, min(items.count, max(width, 1) / cell))
    let rows = (items.count + columns - 1) / columns
    return (0..<rows).map { row in
      var line = ""
      for column in 0..<columns {
        let index = column * rows + row
        guard index < items.count else { break }
        let item = items[index]
        line += item + String(repeating: " ", count: cell - item.count)
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }
}
