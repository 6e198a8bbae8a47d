/// Sizes in bytes for people and from people: `10 MiB`, and `10M`, `512k`, `1G`, `none`.
package enum ByteCount {
  /// `0 B`, `812 B`, `1.5 KiB`, `10 MiB`, `2.3 GiB`.
  package static func text(_ bytes: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(bytes) B" }
    let rounded = (value * 10).rounded() / 10
    let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    return "\(text) \(units[unit])"
  }

  /// Reads `10M`, `10MiB`, `512k`, `1G`, `4096` (bytes); nil when it is not a size or is more
  /// than `maximum`.
  package static func parse(_ text: String, maximum: Int = 1 << 50) -> Int? {
    var digits = text.lowercased()
    for suffix in ["ib", "b"] where digits.hasSuffix(suffix) && digits.count > suffix.count {
      digits.removeLast(suffix.count)
      break
    }
    let multipliers: [Character: Int] = ["k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40]
    var multiplier = 1
    if let last = digits.last, let m = multipliers[last] {
      multiplier = m
      digits.removeLast()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let number = Double(digits),
      number >= 0
    else { return nil }
    let bytes = number * Double(multiplier)
    guard bytes <= Double(maximum) else { return nil }
    return Int(bytes)
  }
}
