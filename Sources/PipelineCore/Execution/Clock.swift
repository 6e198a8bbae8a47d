import Glibc

/// The time of day, behind a protocol so tests and records can use a fixed clock.
package protocol Clock: Sendable {
  /// Seconds since 1970.
  func now() -> Double
}

/// The real wall clock.
package struct SystemClock: Clock {
  package init() {}

  package func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
  }
}
