import Glibc
import Testing

@testable import PipelineCore

/// Not a test: reports masking throughput when `PIPESHELL_BENCH_MASKER` is set (see
/// `Scripts/bench/masker.sh`, which runs it in a release build). Asserts nothing about time.
@Suite("MaskerThroughput", .serialized, .enabled(if: getenv("PIPESHELL_BENCH_MASKER") != nil))
struct MaskerThroughputTests {
  static let secrets = [
    "ghp_R2d2C3poBb8Ww1Lk9Qz7Xy4Mn6Vt0Jh5Fs", "AKIAIOSFODNN7EXAMPLE", "sk-live-4eC39HqLyjWDarjtT1zdp7dc",
    "correct horse battery staple", "hunter2-but-longer!", "xoxb-123456789012-abcdefABCDEF",
    "postgres://admin:Pa55w0rd@db", "eyJhbGciOiJIUzI1NiJ9.payload", "S3cr3t/Key+With=Symbols", "q9#Lm!Zx@7Tp",
  ]

  /// Log-like text: printable words, spaces and newlines, with no secret in it.
  static func logText(bytes count: Int) -> [UInt8] {
    var generator = MaskerFixtures.SeededGenerator(state: 1)
    let noise = MaskerFixtures.randomBytes(count, using: &generator)
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 =:/.-_,[]()\n ".utf8)
    return noise.map { alphabet[Int($0) % alphabet.count] }
  }

  /// CPU seconds used by this thread: fairer than wall time on a shared machine.
  static func threadCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
  }

  @Test(arguments: [0, 1, 10])
  func report(secretCount: Int) {
    let chunk = 64 * 1024
    let text = Self.logText(bytes: 64 << 20)
    var masker = StreamMasker(secrets: Array(Self.secrets.prefix(secretCount)))
    var emitted = 0
    let start = MonotonicClock.now()
    let cpuStart = Self.threadCPUTime()
    for _ in 0..<16 {
      var offset = 0
      while offset < text.count {
        emitted += masker.feed(Array(text[offset..<min(text.count, offset + chunk)])).count
        offset += chunk
      }
    }
    emitted += masker.flush().count
    let seconds = MonotonicClock.now() - start
    let cpuSeconds = Self.threadCPUTime() - cpuStart
    let megabytes = Double(16 * text.count) / 1_048_576
    print(
      "masker: \(secretCount) secrets, \(Int(megabytes)) MiB: \(Int(megabytes / seconds)) MiB/s wall,",
      "\(Int(megabytes / cpuSeconds)) MiB/s of CPU time (\(emitted) bytes out)")
  }
}
