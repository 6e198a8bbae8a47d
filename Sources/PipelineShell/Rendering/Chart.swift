import PipelineCore

/// One run's value of a metric at one value of a parameter, for `plot METRIC by PARAM`.
package struct ChartPoint: Sendable, Hashable {
  /// The parameter's value in that run: a number, or a label such as a choice.
  package var x: Value
  /// The metric's value in that run; NaN and infinities are left out of the chart.
  package var y: Double
  /// The series the run belongs to (the value of `plot ... for PARAM`), if any.
  package var series: String?

  /// Creates a point.
  package init(x: Value, y: Double, series: String? = nil) {
    self.x = x
    self.y = y
    self.series = series
  }
}

/// A terminal chart of a metric against a parameter, readable without colour.
///
/// Numeric parameters get a dot chart: every run is a `●`, and a dotted line joins the mean
/// at each parameter value (the note says so when runs share a value); a wide positive range
/// is drawn on a log scale. Other parameters get horizontal bars of the mean per value.
/// Pure: it returns lines and prints nothing.
package struct Chart: Sendable {
  /// The metric's name, on the y axis.
  package var metric: String
  /// The parameter's name, on the x axis.
  package var parameter: String
  /// The runs to draw.
  package var points: [ChartPoint]
  /// Columns of the plotting area (or of the bars).
  package var width: Int
  /// Rows of the plotting area of a dot chart.
  package var height: Int
  /// The parameter that separates series (`for PARAM`), for the legend.
  package var seriesParameter: String?

  /// The markers of series, in order; a chart has at most this many series.
  package static let seriesMarkers: [Character] = ["●", "○", "■", "□", "▲", "△", "◆", "◇", "★", "☆"]

  /// Creates a chart of `metric` by `parameter`.
  package init(
    metric: String, parameter: String, points: [ChartPoint], width: Int = 60, height: Int = 15
  ) {
    self.metric = metric
    self.parameter = parameter
    self.points = points
    self.width = max(width, 12)
    self.height = max(height, 3)
  }

  /// The series in the order they are drawn and listed (numerically when every name is a
  /// number), with their markers; one unnamed series when no point has one.
  func seriesOrder(_ points: [ChartPoint]) -> [(name: String?, marker: Character)] {
    let names = Set(points.map(\.series))
    let numeric = names.allSatisfy { $0.flatMap(Double.init) != nil }
    let sorted = names.sorted { a, b in
      if numeric, let x = a.flatMap(Double.init), let y = b.flatMap(Double.init) { return x < y }
      return (a ?? "") < (b ?? "")
    }
    return sorted.enumerated().map { ($1, Self.seriesMarkers[$0 % Self.seriesMarkers.count]) }
  }

  /// `● model=small  ○ model=big`, when there are series.
  func legend(_ series: [(name: String?, marker: Character)]) -> String? {
    guard series.contains(where: { $0.name != nil }) else { return nil }
    let label = seriesParameter.map { $0 + "=" } ?? ""
    return series.map { "\($0.marker) \(label)\($0.name ?? "-")" }.joined(separator: "  ")
  }

  /// The chart's lines: a dot chart when every x is a number, bars otherwise.
  package func render() -> [String] {
    let drawable = points.filter { $0.y.isFinite }
    let numeric = !drawable.isEmpty && drawable.allSatisfy { Self.number($0.x) != nil }
    return numeric ? renderDots() : renderBars()
  }

  /// The points that can be drawn, and a note for those that cannot.
  func drawablePoints(numericX: Bool) -> (points: [ChartPoint], note: String?) {
    let kept = points.filter { $0.y.isFinite && (!numericX || Self.number($0.x) != nil) }
    let dropped = points.count - kept.count
    guard dropped > 0 else { return (kept, nil) }
    let runs = dropped == 1 ? "1 run" : "\(dropped) runs"
    return (kept, "\(runs) without a plottable \(metric) value left out")
  }

  /// The first line: what is plotted against what, and over how many runs.
  func title(runs: Int) -> String {
    "\(metric) by \(parameter) (\(runs == 1 ? "1 run" : "\(runs) runs"))"
  }

  /// The lines for a chart with nothing to draw.
  func empty(note: String?) -> [String] {
    [title(runs: 0), "  no runs with a value of \(metric) to plot"]
      + (note.map { ["  " + $0] } ?? [])
  }

  /// The x value as a finite number, when it is one.
  static func number(_ value: Value) -> Double? {
    guard let number = value.number, number.isFinite else { return nil }
    return number
  }

  /// Where `value` lies between `low` (0) and `high` (1), clamped, without overflowing on
  /// extreme values.
  static func fraction(_ value: Double, from low: Double, to high: Double) -> Double {
    guard high > low else { return 0 }
    let result = (value / 2 - low / 2) / (high / 2 - low / 2)
    return result.isNaN ? 0 : min(1, max(0, result))
  }

  /// The cell a fraction of `count` cells falls on, rounded to the nearest.
  static func cells(_ fraction: Double, of count: Int) -> Int {
    Int((fraction * Double(count)).rounded())
  }

  /// An x value as an axis or bar label.
  static func label(_ value: Value) -> String {
    switch value {
    case .float(let f): return ChartNumber.format(f)
    default: return value.text
    }
  }
}
