import Dispatch
import PipelineCore
import Synchronization

/// Shows a sweep as it runs. One point at a time: its label, then its run's closing line (as
/// a run's console does, quietly). Several at once on a terminal: a live line per running
/// point (its run, the step it is on, for how long), redrawn in place, with a line for each
/// point as it ends above them. Several at once elsewhere: a plain line when a point starts
/// and one when it ends.
package final class SweepConsole: SweepEventSubscriber {
  /// What a running point shows.
  private struct Live {
    var label: String
    var runID: Int?
    var step: String?
    var started: Double
  }

  private struct State {
    var live: [Int: Live] = [:]
    /// Lines of the live block on screen now.
    var drawn = 0
    var ended = false
  }

  private let output: any OutputSink
  private let style: Style
  private let total: Int
  private let parallel: Bool
  private let terminal: Bool
  private let columns: @Sendable () -> Int?
  private let clock: any Clock
  private let state = Mutex(State())
  /// Signalled when the sweep ends, to stop the ticker that updates the live lines' times.
  private let stopTicking = DispatchSemaphore(value: 0)

  /// A console for a sweep of `total` points; `parallel` when points run at once, `terminal`
  /// when output goes to a terminal that can redraw lines.
  package init(
    output: any OutputSink, style: Style, total: Int, parallel: Bool, terminal: Bool,
    columns: @escaping @Sendable () -> Int?, clock: any Clock
  ) {
    self.output = output
    self.style = style
    self.total = total
    self.parallel = parallel
    self.terminal = parallel && terminal
    self.columns = columns
    self.clock = clock
    guard parallel && terminal else { return }
    DispatchQueue.global().async { [weak self, stopTicking] in
      while stopTicking.wait(timeout: .now() + .milliseconds(500)) == .timedOut {
        guard let self else { return }
        self.redraw(adding: [])
      }
    }
  }

  /// `[3/8] lr=0.1`.
  private func prefix(_ point: SweepPoint) -> String { "[\(point.index + 1)/\(total)] \(point.label)" }

  /// One at a time: the run's quiet console; at a terminal: what follows the point's steps.
  package func subscribers(for point: SweepPoint) -> [any RunEventSubscriber] {
    guard parallel else { return [RunConsole(output: output, style: style, jobs: 1, quiet: true)] }
    return terminal ? [Progress(console: self, index: point.index)] : []
  }

  /// Names the point (and its run).
  package func pointStarted(_ point: SweepPoint, runID: Int) {
    guard parallel else {
      output.line(prefix(point))
      output.flush()
      return
    }
    guard terminal else {
      output.line("\(prefix(point))  started: run \(runID)")
      output.flush()
      return
    }
    state.withLock { $0.live[point.index] = Live(label: prefix(point), runID: runID, started: clock.now()) }
    redraw(adding: [])
  }

  /// Says how the point ended.
  package func pointFinished(_ result: SweepPointResult) {
    var lines: [String]
    switch result.outcome {
    case .finished(let summary):
      // One at a time, the run's own (quiet) console wrote its closing line.
      lines =
        parallel
        ? [prefix(result.point) + "  " + RunSummaryTable.headline(summary, style: style)]
          + result.failedSteps.map { "  " + StepLine.text($0, style: style) } : []
    case .notStarted(let error):
      lines = [prefix(result.point), "  not started: " + SweepConsole.text(error)]
    }
    lines += result.notes.map { style.dim("  note: \($0)") }
    guard terminal else {
      output.lines(lines)
      output.flush()
      return
    }
    state.withLock { _ = $0.live.removeValue(forKey: result.point.index) }
    redraw(adding: lines)
  }

  /// Clears the live lines (the sweep ended).
  package func finish() {
    guard terminal else { return }
    stopTicking.signal()
    redraw(adding: [], ending: true)
  }

  /// A running point moved on to a step.
  fileprivate func point(_ index: Int, isAt step: String?) {
    state.withLock { $0.live[index]?.step = step }
    redraw(adding: [])
  }

  /// Writes `lines` above the live block and draws the block again, in one write.
  private func redraw(adding lines: [String], ending: Bool = false) {
    let width = max(20, columns() ?? 80)
    let now = clock.now()
    let text = state.withLock { s -> String? in
      guard !s.ended else { return nil }
      if ending { s.ended = true }
      var out = s.drawn > 0 ? "\u{1B}[\(s.drawn)F\u{1B}[J" : ""
      for line in lines { out += line + "\n" }
      let live = ending ? [] : s.live.keys.sorted().compactMap { s.live[$0] }
      for point in live {
        var line = "  " + point.label + style.dim("  run \(point.runID.map(String.init) ?? "-")")
        if let step = point.step { line += "  ▶ " + step }
        line += style.dim("  " + Seconds.text(now - point.started))
        out += TerminalText.truncated(TerminalText.stripped(line), to: width - 1) + "\n"
      }
      s.drawn = live.count
      return out
    }
    guard let text, !text.isEmpty else { return }
    output.write(text)
    output.flush()
  }

  /// Why a point did not start, in words.
  static func text(_ error: RunStartError) -> String {
    switch RunController.commandError(error, waited: false) {
    case .usage(let message, _), .failed(let message): return message
    case .invalid(let diagnostics): return diagnostics.map(\.message).joined(separator: "; ")
    case .quit: return "quit"
    }
  }

  /// Follows one running point's steps for its live line.
  private struct Progress: RunEventSubscriber {
    let console: SweepConsole
    let index: Int

    func handle(_ event: RunEvent) {
      switch event {
      case .stepStarted(let record, _): console.point(index, isAt: record.name)
      case .stepFinished, .stepReused, .stepSkipped: console.point(index, isAt: nil)
      default: break
      }
    }
  }
}
