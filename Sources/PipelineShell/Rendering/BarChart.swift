import PipelineCore

/// The bar chart of `plot` for a categorical parameter: one horizontal bar per value, the
/// mean of the runs that share it, drawn from a zero axis so negative means go left.
extension Chart {
  /// The most bars drawn; the note says how many more values there were.
  static let maximumBars = 40
  /// The widest label before it is cut with `…`.
  static let maximumLabelWidth = 20

  /// The chart drawn as horizontal bars, one per parameter value.
  package func renderBars() -> [String] {
    let (points, dropped) = drawablePoints(numericX: false)
    guard !points.isEmpty else { return empty(note: dropped) }
    let series = seriesOrder(points)
    let markers = Dictionary(series.map { ($0.name ?? "", $0.marker) }, uniquingKeysWith: { a, _ in a })
    let all = Self.categories(points, series: series.map(\.name))
    let shown = Array(all.prefix(Self.maximumBars))
    let labels = shown.enumerated().map { index, category in
      // A value's first bar names it; its other series' bars leave the name out.
      let named = index == 0 || shown[index - 1].label != category.label
      let text = TerminalText.truncated(named ? category.label : "", to: Self.maximumLabelWidth)
      guard series.count > 1 else { return text }
      return TerminalText.padded(
        text, to: min(Self.maximumLabelWidth, all.map { TerminalText.width($0.label) }.max() ?? 0))
        + " " + String(markers[category.series ?? ""] ?? " ")
    }
    let labelWidth = labels.map { TerminalText.width($0) }.max() ?? 0
    let values = zip(ChartNumber.labels(shown.map(\.mean)), shown).map { text, category in
      category.count > 1 ? "\(text)  (mean of \(category.count))" : text
    }
    let valueWidth = values.map { TerminalText.width($0) }.max() ?? 0
    let bars = BarScale(
      means: shown.map(\.mean), cells: max(10, width - labelWidth - valueWidth - 3))
    var lines = [title(runs: points.count), ""]
    for (index, category) in shown.enumerated() {
      let label = TerminalText.padded(labels[index], to: labelWidth)
      lines.append(label + " " + bars.bar(category.mean) + " " + values[index])
    }
    let margin = String(repeating: " ", count: labelWidth + 1)
    if all.count > shown.count {
      lines.append(margin + " \(all.count - shown.count) more values of \(parameter) not shown")
    }
    if let legend = legend(series) { lines.append(margin + " " + legend) }
    if let dropped { lines.append(margin + " " + dropped) }
    return lines
  }

  /// One bar's data: the value's label, the mean of its runs and how many there were.
  struct Category {
    var label: String
    var series: String?
    var mean: Double
    var count: Int
  }

  /// Groups runs by parameter value (and series, in `series` order within a value):
  /// numerically ordered when every value is a number, else in label order.
  private static func categories(_ points: [ChartPoint], series: [String?]) -> [Category] {
    var groups: [String: (x: Value, total: Double, count: Int)] = [:]
    var bySeries: [String: [String?: (total: Double, count: Int)]] = [:]
    for point in points {
      let key = label(point.x)
      let group = groups[key, default: (point.x, 0, 0)]
      groups[key] = (group.x, group.total + point.y, group.count + 1)
      let sum = bySeries[key, default: [:]][point.series, default: (0, 0)]
      bySeries[key, default: [:]][point.series] = (sum.total + point.y, sum.count + 1)
    }
    let numeric = groups.values.allSatisfy { number($0.x) != nil }
    let keys = groups.keys.sorted { a, b in
      numeric ? number(groups[a]!.x)! < number(groups[b]!.x)! : a < b
    }
    return keys.flatMap { key in
      series.compactMap { name -> Category? in
        guard let sum = bySeries[key]?[name] else { return nil }
        return Category(label: key, series: name, mean: sum.total / Double(sum.count), count: sum.count)
      }
    }
  }
}

/// Turns means into bars of block characters around a zero axis `│`.
struct BarScale {
  let cells: Int
  let low: Double
  let high: Double
  /// Cells left of the zero axis, for negative means.
  let negativeCells: Int
  private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  init(means: [Double], cells: Int) {
    low = min(0, means.min() ?? 0)
    high = max(0, means.max() ?? 0)
    self.cells = cells
    negativeCells = Chart.cells(Chart.fraction(0, from: low, to: high), of: cells)
  }

  /// The bar for one mean: the negative side, the zero axis, the positive side.
  func bar(_ mean: Double) -> String {
    let positiveCells = cells - negativeCells
    let position = Chart.fraction(mean, from: low, to: high)
    if mean < 0 {
      let length = max(0, negativeCells - Chart.cells(position, of: cells))
      return String(repeating: " ", count: negativeCells - length)
        + String(repeating: "█", count: length) + "│" + String(repeating: " ", count: positiveCells)
    }
    let eighths = max(0, Chart.cells(position, of: cells * 8) - negativeCells * 8)
    let body = String(repeating: "█", count: eighths / 8) + Self.eighths[eighths % 8]
    return String(repeating: " ", count: negativeCells) + "│"
      + TerminalText.padded(body, to: positiveCells)
  }
}
