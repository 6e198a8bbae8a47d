import PipelineCore
import Testing

@testable import PipelineShell

@Suite struct ChartTests {
  static func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  static func points(_ pairs: [(Value, Double)]) -> [ChartPoint] {
    pairs.map { ChartPoint(x: $0.0, y: $0.1) }
  }

  @Test func dotChartOfASweepOverLearningRates() {
    let chart = Chart(
      metric: "accuracy", parameter: "lr",
      points: Self.points([
        (.float(0.001), 0.80), (.float(0.01), 0.90), (.float(0.01), 0.88), (.float(0.1), 0.85),
      ]),
      width: 30, height: 7)
    let expected = """
      accuracy by lr (4 runs)

       0.9 ┤               ●
           │              ·●···
           │           ···     ·······
      0.85 ┤        ···               ···●
           │     ···
           │  ···
       0.8 ┤●·
           └┬──────────────┬─────────────┬
            0.001         0.01         0.1
            lr on a log scale
            · joins the mean of the runs at each lr
      """
    #expect(chart.render() == Self.lines(expected))
  }

  @Test func dotChartWithNegativeValuesAndANaN() {
    let chart = Chart(
      metric: "loss", parameter: "epochs",
      points: Self.points([(.int(1), 2), (.int(2), 1), (.int(4), -0.5), (.int(8), .nan)]),
      width: 30, height: 5)
    let expected = """
      loss by epochs (3 runs)

         2 ┤●··
           │   ·····
           │        ··●····
           │               ··········
      -0.5 ┤                         ····●
           └┬─────────┬──────────────────┬
            1         2                  4
            1 run without a plottable loss value left out
      """
    #expect(chart.render() == Self.lines(expected))
  }

  @Test func barChartOfAChoiceMeansSharedValues() {
    let chart = Chart(
      metric: "accuracy", parameter: "model",
      points: Self.points([
        (.string("tree"), 0.5), (.string("mlp"), 0.9), (.string("linear"), 0.8),
        (.string("mlp"), 1.0),
      ]),
      width: 40)
    let expected = """
      accuracy by model (4 runs)

      linear │███████████▊   0.8
      mlp    │██████████████ 0.95  (mean of 2)
      tree   │███████▍       0.5
      """
    #expect(chart.render() == Self.lines(expected))
  }

  @Test func barChartDrawsNegativeMeansLeftOfZero() {
    let chart = Chart(
      metric: "gain", parameter: "mode",
      points: Self.points([(.string("a"), -1), (.string("b"), 3)]), width: 20)
    #expect(
      chart.render() == [
        "gain by mode (2 runs)", "",
        "a ████│           -1",
        "b     │██████████ 3",
      ])
  }

  @Test func nothingToPlot() {
    let empty = Chart(metric: "accuracy", parameter: "lr", points: [])
    #expect(
      empty.render() == ["accuracy by lr (0 runs)", "  no runs with a value of accuracy to plot"])
    let nans = Chart(
      metric: "accuracy", parameter: "lr",
      points: Self.points([(.int(1), .nan), (.int(2), .infinity)]))
    #expect(nans.render().last == "  2 runs without a plottable accuracy value left out")
  }

  @Test func onePointSitsInTheMiddle() {
    let lines = Chart(
      metric: "m", parameter: "p", points: Self.points([(.int(3), 0.5)]), width: 20, height: 5
    )
    .render()
    #expect(
      lines == [
        "m by p (1 run)", "", "    │", "    │", "0.5 ┤         ●", "    │", "    │",
        "    └─────────┬──────────", "              3",
      ])
  }

  @Test func equalValuesShareOneRowAndOneLabel() {
    let chart = Chart(
      metric: "m", parameter: "p", points: Self.points((1...5).map { (.int($0), 7) }), width: 20,
      height: 5)
    let lines = chart.render()
    #expect(lines[4] == "7 ┤●····●····●···●····●")
    #expect(lines.filter { $0.contains("┤") }.count == 1)
    #expect(lines.filter { $0.contains("●") }.count == 1)
  }

  @Test func manyXValuesGetLabelsThatDoNotTouch() {
    let points = (0..<200).map { ChartPoint(x: .int($0 * 1009), y: Double($0 % 13)) }
    let lines = Chart(metric: "m", parameter: "seed", points: points).render()
    let plotRows = lines.filter { $0.contains("┤") || $0.contains("│") }
    #expect(plotRows.count == 15)
    #expect(plotRows.allSatisfy { TerminalText.width($0) <= 4 + 60 })
    let labels = lines[lines.count - 1].split(separator: " ")
    #expect(labels.first == "0" && labels.last == "200791")
    #expect(!lines[lines.count - 1].contains(where: { $0 != " " && !$0.isNumber }))
  }

  @Test func manyCategoriesAreCappedAndLongLabelsCut() {
    let points = (0..<45).map {
      ChartPoint(x: .string("value-\($0)-with-a-rather-long-name"), y: Double($0))
    }
    let lines = Chart(metric: "m", parameter: "name", points: points).render()
    #expect(lines.count == 2 + 40 + 1)
    #expect(lines.last?.hasSuffix("5 more values of name not shown") == true)
    #expect(lines[2].hasPrefix("value-0-with-a-rath… │"))
  }

  @Test func boolsAndMixedValuesAreCategories() {
    let bools = Chart(
      metric: "m", parameter: "flag", points: Self.points([(.bool(true), 1), (.bool(false), 2)]))
    #expect(bools.render()[2].hasPrefix("false │"))
    let mixed = Chart(
      metric: "m", parameter: "x",
      points: Self.points([(.int(2), 1), (.string("b"), 2), (.float(.nan), 3)]))
    #expect(mixed.render().count == 5)
  }

  @Test func extremeValuesAndTinySizesDoNotCrash() {
    let extremes = Self.points([
      (.float(-1e308), 1e308), (.float(1e308), -1e308), (.float(0), 0),
      (.float(.leastNonzeroMagnitude), 1),
    ])
    for (width, height) in [(1, 1), (12, 3), (60, 15), (200, 40)] {
      #expect(
        !Chart(metric: "m", parameter: "p", points: extremes, width: width, height: height).render()
          .isEmpty)
      #expect(
        !Chart(metric: "m", parameter: "p", points: extremes, width: width, height: height)
          .renderBars().isEmpty)
    }
    let zeros = Chart(
      metric: "m", parameter: "p", points: Self.points([(.string("a"), 0), (.string("b"), 0)]))
    #expect(zeros.render()[2] == "a │" + String(repeating: " ", count: 55) + " 0")
    let tiny = Self.points([(.float(1e-300), 1), (.float(2e-300), 2), (.float(1e300), 3)])
    #expect(Chart(metric: "m", parameter: "p", points: tiny).render().last == "   p on a log scale")
  }
}
