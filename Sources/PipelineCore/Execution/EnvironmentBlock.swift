import Glibc
import Synchronization

/// Builds a child's `envp`: `NAME=value` C strings sorted by name, in one allocation.
///
/// Sorting ~40 names for every step cost more than the rest of starting it, so the names
/// of the last environment are kept in order: an environment with exactly the same names
/// (every step of a run, whatever their values) reuses that order. Shared by a launcher's
/// concurrent spawns.
final class EnvironmentBlock: Sendable {
  private let lastNames = Mutex<[String]>([])

  /// Calls `body` with a NULL-terminated array of `NAME=value` strings for `environment`.
  func withEnvironment<R>(
    _ environment: [String: String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    let (names, values) = ordered(environment)
    var size = 0
    for index in names.indices { size += names[index].utf8.count + values[index].utf8.count + 2 }
    let block = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, size))
    defer { block.deallocate() }
    var pointers: [UnsafeMutablePointer<CChar>?] = []
    pointers.reserveCapacity(names.count + 1)
    var offset = 0
    for index in names.indices {
      pointers.append(block + offset)
      offset += Self.copy(names[index], to: block + offset)
      block[offset] = CChar(UInt8(ascii: "="))
      offset += 1
      offset += Self.copy(values[index], to: block + offset)
      block[offset] = 0
      offset += 1
    }
    pointers.append(nil)
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }

  /// The names sorted, with their values.
  private func ordered(_ environment: [String: String]) -> (names: [String], values: [String]) {
    let last = lastNames.withLock { $0 }
    if last.count == environment.count {
      var values: [String] = []
      values.reserveCapacity(last.count)
      for name in last {
        guard let value = environment[name] else { break }
        values.append(value)
      }
      // Same count and every earlier name present: the same names, so the same order.
      if values.count == last.count { return (last, values) }
    }
    let names = environment.keys.sorted()
    lastNames.withLock { $0 = names }
    return (names, names.map { environment[$0]! })
  }

  /// Copies the UTF-8 bytes of `text` (without a terminator) and returns how many.
  private static func copy(_ text: String, to destination: UnsafeMutablePointer<CChar>) -> Int {
    var text = text
    return text.withUTF8 { bytes in
      if let base = bytes.baseAddress { memcpy(destination, base, bytes.count) }
      return bytes.count
    }
  }
}
