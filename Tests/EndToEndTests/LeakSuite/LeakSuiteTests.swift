import Glibc
import Testing

/// The leak suite (issue 11): each vector is a small scenario run against the built binary,
/// and the secret's plaintext and encodings must show nowhere it could reach (`LeakRunner`).
/// Vectors that leak until a fix lands are listed with why, and run only with
/// `LEAK_SUITE_DISABLED=1` (to see which of them hold by now).
@Suite("Leak suite") struct LeakSuiteTests {
  static let running = LeakVectors.all.filter { $0.disabled == nil }
  static let waiting = LeakVectors.all.filter { $0.disabled != nil }

  @Test(arguments: running)
  func noLeak(_ vector: LeakVector) throws {
    try Self.check(vector)
  }

  @Test(
    .enabled(
      if: Environment.value("LEAK_SUITE_DISABLED") == "1", "each of these leaks until a fix lands: see its `disabled`"),
    arguments: waiting)
  func noLeakOnceFixed(_ vector: LeakVector) throws {
    try Self.check(vector)
  }

  /// The counts for the README, printed; and every vector named once.
  @Test func vectorCounts() {
    print("leak suite: \(LeakVectors.all.count) vectors, \(Self.running.count) run, \(Self.waiting.count) disabled")
    for vector in Self.waiting { print("  disabled: \(vector.name) (\(vector.disabled ?? ""))") }
    let names = LeakVectors.all.map(\.name)
    #expect(Set(names).count == names.count, "vector names must be unique")
    #expect(LeakVectors.all.count >= 80)
    #expect(Self.waiting.allSatisfy { $0.disabled?.hasPrefix("leaks until: ") ?? false })
  }

  static func check(_ vector: LeakVector) throws {
    if vector.needsSlurm, let reason = SlurmRunTests.unavailable { try Test.cancel("Slurm \(reason)") }
    let outcome = try LeakRunner().run(vector)
    let needles = LeakNeedles(secret: vector.secret)
    for place in outcome.places {
      for leak in needles.found(in: place.bytes) {
        Issue.record("\(vector.name): the secret is in \(place.name): \(leak)")
      }
    }
    let capturing = vector.files.values.contains { $0.contains("%CAPTURE%") } && vector.capturesCommandLines
    if capturing, !outcome.places.contains(where: { $0.name.hasPrefix("proc/step.") }) {
      Issue.record("\(vector.name): no step recorded its command line (did the step run?):\n\(outcome.shown)")
    }
    for text in vector.expect where !outcome.shown.contains(text) {
      Issue.record(
        "\(vector.name): the output should show \(text.debugDescription) (did the scenario run?):\n\(outcome.shown)")
    }
  }
}

/// The test process's environment (tests may read it; the product's code never does).
enum Environment {
  static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
