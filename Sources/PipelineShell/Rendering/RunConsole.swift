import PipelineCore
import Synchronization

/// Shows a run as it happens: each step's start and end with its state and duration, its
/// output live (prefixed by the step's name when several steps run at once), and a summary
/// table with metrics at the end.
package final class RunConsole: RunEventSubscriber {
  private struct State {
    var partial: [String: [UInt8]] = [:]
    var results: [String: StepRecord] = [:]
    var order: [String] = []
    var runningCount = 0
  }

  private let output: any OutputSink
  private let style: Style
  /// Prefix output lines with the step's name when more than one job may run.
  private let mayOverlap: Bool
  /// Only the closing line of the run (for sweeps).
  private let quiet: Bool
  private let state = Mutex(State())

  package init(output: any OutputSink, style: Style, jobs: Int, quiet: Bool = false) {
    self.output = output
    self.style = style
    self.mayOverlap = jobs > 1
    self.quiet = quiet
  }

  package func handle(_ event: RunEvent) {
    if quiet {
      if case .runFinished(let summary) = event { output.line("  " + RunSummaryTable.headline(summary, style: style)) }
      if case .stepFinished(let r) = event, r.state != .ok { output.line("  " + StepLine.text(r, style: style)) }
      output.flush()
      return
    }
    switch event {
    case .runStarted(_, let steps):
      state.withLock { $0.order = steps }
    case .stepStarted(let record, let attempt):
      if attempt == 1 { state.withLock { $0.runningCount += 1 } }
      let again = attempt > 1 ? style.yellow(" (attempt \(attempt))") : ""
      let lines = (record.command ?? "").split(separator: "\n", omittingEmptySubsequences: true)
      let shown = TerminalText.showingControls((lines.first.map(String.init) ?? "") + (lines.count > 1 ? " …" : ""))
      output.line(style.dim("▶ \(record.name)\(again)" + (shown.isEmpty ? "" : "  " + shown)))
    case .stepPlaced: break
    case .output(let step, let stream, let bytes):
      show(bytes, of: step, stream: stream)
    case .stepSkipped(let r):
      record(r)
      output.line("  " + StepLine.text(r, style: style))
    case .stepReused(let result), .stepFinished(let result):
      if case .stepFinished = event { state.withLock { $0.runningCount -= 1 } }
      // The terminal echoed ^C without a newline.
      if result.state == .interrupted { output.line() }
      flushPartial(result.name)
      record(result)
      output.line("  " + StepLine.text(result, style: style))
    case .runFinished(let summary):
      let (results, order) = state.withLock { ($0.results, $0.order) }
      do { output.lines(RunSummaryTable.lines(order.compactMap { results[$0] }, style: style)) }
      output.line(RunSummaryTable.headline(summary, style: style))
    }
    switch event {
    case .stepStarted, .stepFinished: break  // written with what follows within microseconds
    default: output.flush()
    }
  }

  /// A step's start and end lines are written together with the next write: in a chain the end
  /// of one step and the start of the next take one write, once the next step's process runs.
  /// Whenever the run waits they are written at once.
  package func runIsWaiting() { output.flush() }

  private func record(_ result: StepRecord) {
    state.withLock { $0.results[result.name] = result }
  }

  /// Lines are prefixed only while more than one step runs; a lone step's output passes
  /// through as it comes. Standard error goes to standard error either way.
  private func show(_ bytes: [UInt8], of step: String, stream: OutputStream) {
    let key = Self.key(step, stream)
    let overlapping = mayOverlap && state.withLock { $0.runningCount > 1 || !($0.partial[key]?.isEmpty ?? true) }
    guard overlapping else {
      if stream == .stderr { output.writeError(bytes: bytes) } else { output.write(bytes: bytes) }
      return
    }
    let lines = state.withLock { s -> [String] in
      var buffer = s.partial[key, default: []] + bytes
      var complete: [String] = []
      while let newline = buffer.firstIndex(of: 10) {
        complete.append(String(decoding: buffer[..<newline], as: UTF8.self))
        buffer.removeSubrange(...newline)
      }
      s.partial[key] = buffer
      return complete
    }
    for line in lines { emit(style.cyan(step) + " | " + line, stream) }
  }

  private func flushPartial(_ step: String) {
    for stream in [OutputStream.stdout, .stderr] {
      let key = Self.key(step, stream)
      let rest = state.withLock { s -> [UInt8] in
        defer { s.partial[key] = nil }
        return s.partial[key] ?? []
      }
      if !rest.isEmpty { emit(style.cyan(step) + " | " + String(decoding: rest, as: UTF8.self), stream) }
    }
  }

  private func emit(_ line: String, _ stream: OutputStream) {
    if stream == .stderr { output.writeError(line + "\n") } else { output.line(line) }
  }

  private static func key(_ step: String, _ stream: OutputStream) -> String {
    stream == .stderr ? step + "\u{0}err" : step
  }
}

/// One line for a finished step: `train  ok  3.1 s  loss=0.182`.
package enum StepLine {
  package static func text(_ r: StepRecord, style: Style) -> String {
    var parts = [r.name, state(r.state, style: style)]
    if let d = r.duration, r.state != .reused { parts.append(Seconds.text(d)) }
    if let reason = r.reason { parts.append(style.dim(reason)) }
    if !r.metrics.isEmpty { parts.append(MetricText.text(r.metrics)) }
    return parts.joined(separator: "  ")
  }

  package static func state(_ s: StepState, style: Style) -> String {
    switch s {
    case .ok: return style.green("ok")
    case .reused: return style.cyan("reused")
    case .skipped: return style.yellow("skipped")
    case .failed, .timedOut, .interrupted: return style.red(s.rawValue)
    case .pending, .running: return s.rawValue
    }
  }
}

/// Durations for people: `0.4 s`, `12 s`, `3 m 5 s`.
package enum Seconds {
  package static func text(_ seconds: Double) -> String {
    if seconds < 10 { return String(Double(Int(seconds * 10 + 0.5)) / 10) + " s" }
    if seconds < 60 { return "\(Int(seconds + 0.5)) s" }
    return "\(Int(seconds) / 60) m \(Int(seconds) % 60) s"
  }
}

/// Metrics as `name=value` pairs, sorted by name.
package enum MetricText {
  package static func text(_ metrics: [String: Double]) -> String {
    metrics.sorted { $0.key < $1.key }.map { "\($0.key)=\(number($0.value))" }.joined(separator: " ")
  }

  /// A metric value with up to 4 significant decimals.
  package static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
    let text = ChartNumber.format(value, significant: 4)
    return text
  }
}
