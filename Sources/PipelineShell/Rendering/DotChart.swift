/// The dot chart of `plot` for a numeric parameter: `●` for each run, `·` joining the mean
/// at each parameter value, a y axis with its extremes labelled, an x axis with the values.
extension Chart {
  /// The chart drawn as dots on a grid of `width` by `height` cells.
  package func renderDots() -> [String] {
    let (points, dropped) = drawablePoints(numericX: true)
    guard !points.isEmpty else { return empty(note: dropped) }
    let xs = points.map { Chart.number($0.x)! }
    let scale = DotScale(xs: xs, ys: points.map(\.y), width: width, height: height)
    let series = seriesOrder(points)
    var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
    var means: [(x: Double, y: Double)] = []
    var joined = false
    for one in series {
      let members = points.filter { $0.series == one.name }
      let own = Self.means(xs: members.map { Chart.number($0.x)! }, ys: members.map(\.y))
      for (a, b) in zip(own, own.dropFirst()) { scale.join((a.x, a.y), (b.x, b.y), on: &grid) }
      joined = joined || own.count < members.count
      means += own
    }
    for one in series {
      for point in points where point.series == one.name {
        grid[scale.row(point.y)][scale.column(Chart.number(point.x)!)] = one.marker
      }
    }

    let yLabels = yAxisLabels(scale)
    let labelWidth = yLabels.values.map { TerminalText.width($0) }.max() ?? 0
    var lines = [title(runs: points.count), ""]
    for (index, row) in grid.enumerated() {
      let label = TerminalText.padded(yLabels[index] ?? "", to: labelWidth, right: true)
      let axis = yLabels[index] == nil ? "│" : "┤"
      lines.append(trimmed(label + " " + axis + String(row)))
    }
    let margin = String(repeating: " ", count: labelWidth + 1)
    let ticks = xAxisLabels(Array(Set(xs)).sorted(), scale)
    lines.append(margin + "└" + axisLine(ticks))
    lines.append(trimmed(margin + " " + labelLine(ticks)))
    var notes: [String] = []
    if let legend = legend(series) { notes.append(legend) }
    if scale.logarithmic { notes.append("\(parameter) on a log scale") }
    if joined {
      notes.append("· joins the mean of the runs at each \(parameter)" + (series.count > 1 ? " in each series" : ""))
    }
    if let dropped { notes.append(dropped) }
    return lines + notes.map { margin + " " + $0 }
  }

  /// The mean y at each distinct x, in x order.
  private static func means(xs: [Double], ys: [Double]) -> [(x: Double, y: Double)] {
    var sums: [Double: (total: Double, count: Int)] = [:]
    for (x, y) in zip(xs, ys) {
      let sum = sums[x, default: (0, 0)]
      sums[x] = (sum.total + y, sum.count + 1)
    }
    return sums.keys.sorted().map { x in (x, sums[x]!.total / Double(sums[x]!.count)) }
  }

  /// Row index to label: the top and bottom rows, and the middle on tall charts.
  private func yAxisLabels(_ scale: DotScale) -> [Int: String] {
    var rows = [0, height - 1]
    if scale.yMin == scale.yMax {
      rows = [scale.row(scale.yMin)]
    } else if height >= 7 {
      rows.insert((height - 1) / 2, at: 1)
    }
    let labels = ChartNumber.labels(rows.map(scale.value(atRow:)))
    return Dictionary(uniqueKeysWithValues: zip(rows, labels))
  }

  /// Labels for x values that fit without touching: the extremes first, then the rest.
  private func xAxisLabels(_ xs: [Double], _ scale: DotScale) -> [AxisLabel] {
    let texts = ChartNumber.labels(xs)
    let order =
      xs.indices.count <= 2 ? Array(xs.indices) : [0, xs.count - 1] + Array(1..<(xs.count - 1))
    var placed: [AxisLabel] = []
    for index in order {
      let column = scale.column(xs[index])
      let textWidth = TerminalText.width(texts[index])
      let start = max(0, min(column - (textWidth - 1) / 2, width - textWidth))
      let clear = placed.allSatisfy {
        start >= $0.start + TerminalText.width($0.text) + 2 || start + textWidth + 2 <= $0.start
      }
      if clear { placed.append(AxisLabel(start: start, column: column, text: texts[index])) }
    }
    return placed.sorted { $0.start < $1.start }
  }

  private func axisLine(_ ticks: [AxisLabel]) -> String {
    var line = Array(repeating: Character("─"), count: width)
    for tick in ticks { line[tick.column] = "┬" }
    return String(line)
  }

  private func labelLine(_ ticks: [AxisLabel]) -> String {
    var line = ""
    for tick in ticks {
      line +=
        String(repeating: " ", count: max(0, tick.start - TerminalText.width(line))) + tick.text
    }
    return line
  }

  private func trimmed(_ line: String) -> String {
    var line = line
    while line.last == " " { line.removeLast() }
    return line
  }
}

/// A label under the x axis: where its text starts and the column of its tick.
struct AxisLabel {
  var start: Int
  var column: Int
  var text: String
}

/// Maps data to grid cells for a dot chart.
struct DotScale {
  let xMin: Double, xMax: Double, yMin: Double, yMax: Double
  let width: Int, height: Int
  /// True when x spans two or more decades of positive values and is drawn on a log scale.
  let logarithmic: Bool

  /// (An empty axis spans 0 to 0.)
  init(xs: [Double], ys: [Double], width: Int, height: Int) {
    let low = xs.min() ?? 0
    let high = xs.max() ?? 0
    logarithmic = low > 0 && high / low >= 100
    xMin = logarithmic ? low.log10 : low
    xMax = logarithmic ? high.log10 : high
    yMin = ys.min() ?? 0
    yMax = ys.max() ?? 0
    self.width = width
    self.height = height
  }

  func column(_ x: Double) -> Int {
    guard xMax > xMin else { return (width - 1) / 2 }
    let t = logarithmic ? x.log10 : x
    return Chart.cells(Chart.fraction(t, from: xMin, to: xMax), of: width - 1)
  }

  func row(_ y: Double) -> Int {
    guard yMax > yMin else { return (height - 1) / 2 }
    return Chart.cells(1 - Chart.fraction(y, from: yMin, to: yMax), of: height - 1)
  }

  /// The y value a row stands for (its centre).
  func value(atRow row: Int) -> Double {
    guard yMax > yMin else { return yMin }
    let f = Double(row) / Double(height - 1)
    return yMax * (1 - f) + yMin * f
  }

  /// Draws `·` on the empty cells of the straight line between two points.
  func join(_ a: (Double, Double), _ b: (Double, Double), on grid: inout [[Character]]) {
    let (c1, r1, c2, r2) = (column(a.0), row(a.1), column(b.0), row(b.1))
    let steps = max(abs(c2 - c1), abs(r2 - r1))
    guard steps > 1 else { return }
    for step in 1..<steps {
      let f = Double(step) / Double(steps)
      let c = Int((Double(c1) + Double(c2 - c1) * f).rounded())
      let r = Int((Double(r1) + Double(r2 - r1) * f).rounded())
      if grid[r][c] == " " { grid[r][c] = "·" }
    }
  }
}
