import Glibc
import Synchronization

/// Takes a running step's raw output: masks each stream, emits it, and picks `::metric` lines
/// out of stdout. Holds only the masker's tail and one partial line, so memory stays flat.
final class StepOutputProcessor: Sendable {
  private struct State {
    var stdoutMasker: StreamMasker
    var stderrMasker: StreamMasker
    /// The start of the current line (up to `maximumLine` bytes) while it may be a metric.
    var partialLine: [UInt8] = []
    /// The current line does not start with `:`, so it cannot be a metric.
    var ignoringLine = false
    var metrics: [String: Double] = [:]
  }

  private let step: String
  private let emit: @Sendable (RunEvent) -> Void
  private let state: Mutex<State>
  /// Longer lines are not searched for metrics.
  private static let maximumLine = 4096

  init(step: String, secrets: [String], emit: @escaping @Sendable (RunEvent) -> Void) {
    self.step = step
    self.emit = emit
    self.state = Mutex(
      State(stdoutMasker: StreamMasker(secrets: secrets), stderrMasker: StreamMasker(secrets: secrets)))
  }

  var metrics: [String: Double] { state.withLock { $0.metrics } }

  func take(_ stream: OutputStream, _ bytes: [UInt8]) {
    let masked = state.withLock { s -> [UInt8] in
      let out = stream == .stdout ? s.stdoutMasker.feed(bytes) : s.stderrMasker.feed(bytes)
      if stream == .stdout { Self.scanMetrics(out, state: &s) }
      return out
    }
    if !masked.isEmpty { emit(.output(step: step, stream: stream, bytes: masked)) }
  }

  func finish() {
    let (out, err) = state.withLock { s -> ([UInt8], [UInt8]) in
      let out = s.stdoutMasker.flush()
      Self.scanMetrics(out + [10], state: &s)
      return (out, s.stderrMasker.flush())
    }
    if !out.isEmpty { emit(.output(step: step, stream: .stdout, bytes: out)) }
    if !err.isEmpty { emit(.output(step: step, stream: .stderr, bytes: err)) }
  }

  /// Collects lines that start with `:` (only those can be `::metric` lines) and parses each
  /// at its newline. Works on whole runs of bytes between newlines, not byte by byte: a step
  /// may print gigabytes.
  private static func scanMetrics(_ bytes: [UInt8], state s: inout State) {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var start = 0
      while start < buffer.count {
        var end = buffer.count
        if let newline = memchr(UnsafeRawPointer(base + start), 10, buffer.count - start) {
          end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline))
        }
        if !s.ignoringLine, start < end {
          if s.partialLine.isEmpty, buffer[start] != UInt8(ascii: ":") {
            s.ignoringLine = true
          } else if s.partialLine.count < maximumLine {
            s.partialLine.append(contentsOf: buffer[start..<min(end, start + maximumLine - s.partialLine.count)])
          }
        }
        guard end < buffer.count else { return }
        if !s.ignoringLine, s.partialLine.first == UInt8(ascii: ":"),
          let (name, value) = MetricsReader.metric(inLine: Substring(String(decoding: s.partialLine, as: UTF8.self)))
        {
          s.metrics[name] = value
        }
        s.partialLine.removeAll(keepingCapacity: true)
        s.ignoringLine = false
        start = end + 1
      }
    }
  }
}

/// Reads small text files (metrics) without Foundation's full weight.
enum FileText {
  static func read(_ path: String) -> String? {
    LocalDynamicSources.readFile(path)
  }
}
