import Glibc

/// Stops the run when an invariant does not hold, printing what and with which values; libFuzzer
/// then saves the input as a crash.
package func fuzzRequire(
  _ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
) {
  guard !condition else { return }
  let text = "fuzz invariant failed at \(file):\(line): \(message())\n"
  _ = text.withCString { write(2, $0, strlen($0)) }
  abort()
}

/// `String(reflecting:)` shortened, for invariant messages.
package func fuzzShow(_ value: Any) -> String {
  let text = String(reflecting: value)
  return text.count > 2_000 ? String(text.prefix(2_000)) + "…" : text
}
