import Testing

@testable import PipelineShell

@Suite struct ChartNumberTests {
  @Test(arguments: [
    (0.0, "0"), (1.0, "1"), (-3.0, "-3"), (0.914, "0.914"), (0.91449, "0.9145"), (12.5, "12.5"),
    (1234.56, "1235"), (123_456.0, "123456"), (0.001, "0.001"), (0.0001, "0.0001"),
    (0.000015, "1.5e-5"), (2.5e12, "2.5e12"), (1e308, "1e308"), (-1e-300, "-1e-300"),
    (Double.nan, "nan"), (Double.infinity, "inf"),
  ])
  func formatsShortly(value: Double, text: String) {
    #expect(ChartNumber.format(value) == text)
  }

  @Test func labelsKeepDistinctValuesDistinct() {
    #expect(ChartNumber.labels([0.91412, 0.91414]) == ["0.91412", "0.91414"])
    #expect(ChartNumber.labels([1, 1, 2]) == ["1", "1", "2"])
  }

  @Test(arguments: [1.0, 10, 1000, 0.001, 0.01, 2, 5e-7, 3e200])
  func log10MatchesDecades(value: Double) {
    let exact = Double(ChartNumber.decimalExponent(value))
    #expect(value.log10 >= exact && value.log10 < exact + 1)
  }

  @Test func log10IsPrecise() {
    #expect(abs(2.0.log10 - 0.30102999566398120) < 1e-12)
    #expect(1000.0.log10 == 3)
  }
}
