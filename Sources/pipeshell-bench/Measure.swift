import Glibc

/// Timing on the monotonic clock and the report format: one `name value unit` line each.
enum Measure {
  /// Nanoseconds on the monotonic clock.
  static func nanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// Runs `body` and returns its result with the time it took, in milliseconds.
  static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = nanoseconds()
    let result = try body()
    return (result, Double(nanoseconds() - start) / 1_000_000)
  }

  /// The median of some samples (the mean of the two middle ones for an even count).
  static func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// Prints `name value unit`, the value with three decimals.
  static func report(_ name: String, _ value: Double, _ unit: String) {
    let rounded = (value * 1000).rounded() / 1000
    print("\(name) \(rounded) \(unit)")
  }

  /// Prints the median of each named series, in milliseconds.
  static func reportMedians(_ prefix: String, _ series: KeyValuePairs<String, [Double]>) {
    for (name, samples) in series { report("\(prefix).\(name)", median(samples), "ms") }
  }
}

/// A failure that ends the benchmark with a message on standard error.
struct BenchFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
