import Synchronization

/// Takes a running step's raw output: masks each stream, emits it, and picks `::metric` lines
/// out of stdout. Holds only the masker's tail and one partial line, so memory stays flat.
final class StepOutputProcessor: Sendable {
  private struct State {
    var stdoutMasker: StreamMasker
    var stderrMasker: StreamMasker
    var partialLine: [UInt8] = []
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
    self.state = Mutex(State(stdoutMasker: StreamMasker(secrets: secrets), stderrMasker: StreamMasker(secrets: secrets)))
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

  private static func scanMetrics(_ bytes: [UInt8], state s: inout State) {
    for byte in bytes {
      if byte == 10 {
        if s.partialLine.first == UInt8(ascii: ":"),
          let (name, value) = MetricsReader.metric(inLine: Substring(String(decoding: s.partialLine, as: UTF8.self)))
        {
          s.metrics[name] = value
        }
        s.partialLine.removeAll(keepingCapacity: true)
      } else if s.partialLine.count < maximumLine {
        s.partialLine.append(byte)
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
