/// Short number labels for chart axes and bar values: about four significant digits,
/// no trailing zeros, and scientific notation only for very large or small magnitudes.
package enum ChartNumber {
  /// `value` with `significant` digits: `0.914`, `12.5`, `1235`, `-3`, `1.5e-7`.
  package static func format(_ value: Double, significant: Int = 4) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    if value == 0 { return "0" }
    let exponent = decimalExponent(value)
    if exponent >= 9 || exponent < -4 {
      return scientific(value, exponent: exponent, significant: significant)
    }
    return plain(rounded(value, decimals: max(0, significant - 1 - exponent)))
  }

  /// `1.5e-7`: the mantissa rounded to `significant` digits, carried into the exponent.
  private static func scientific(_ value: Double, exponent: Int, significant: Int) -> String {
    var exponent = exponent
    var mantissa = rounded(value / power(exponent), decimals: significant - 1)
    if abs(mantissa) >= 10 {
      mantissa /= 10
      exponent += 1
    }
    guard mantissa.isFinite else { return "\(value)" }
    return plain(mantissa) + "e" + String(exponent)
  }

  /// Labels for several values, with just enough digits that distinct values stay distinct.
  package static func labels(_ values: [Double]) -> [String] {
    let distinct = Set(values).count
    for significant in 4...12 {
      let labels = values.map { format($0, significant: significant) }
      if Set(labels).count == distinct { return labels }
    }
    return values.map { format($0, significant: 15) }
  }

  private static func rounded(_ value: Double, decimals: Int) -> Double {
    let scale = power(decimals)
    let result = (value * scale).rounded() / scale
    return result.isFinite ? result : value
  }

  private static func plain(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
  }

  /// The `e` with 10^e <= |value| < 10^(e+1), counted exactly on decimal boundaries.
  static func decimalExponent(_ value: Double) -> Int {
    let magnitude = abs(value)
    var exponent = 0
    while exponent < 308, magnitude >= power(exponent + 1) { exponent += 1 }
    while exponent > -324, magnitude < power(exponent) { exponent -= 1 }
    return exponent
  }

  /// 10 to the power `exponent`, correctly rounded (as the literal `1eN` would be).
  static func power(_ exponent: Int) -> Double {
    if exponent < -323 { return 0 }
    if exponent > 308 { return .infinity }
    return powersOfTen[exponent + 323]
  }

  private static let powersOfTen: [Double] = (-323...308).map { Double("1e\($0)")! }
}

extension Double {
  /// Base-10 logarithm without Foundation, precise enough for placing points on an axis.
  var log10: Double {
    guard self > 0, isFinite else { return self == 0 ? -.infinity : .nan }
    let exponent = ChartNumber.decimalExponent(self)
    let value = self / ChartNumber.power(exponent)
    // ln(v) = 2 atanh((v - 1) / (v + 1)), a series that converges for v in [1, 10).
    let t = (value - 1) / (value + 1)
    var term = t
    var sum = 0.0
    var n = 1.0
    while abs(term) > 1e-17 {
      sum += term / n
      term *= t * t
      n += 2
    }
    return Double(exponent) + 2 * sum / 2.302585092994046
  }
}
