import PipelineCore

/// The table of steps shown when a run ends, and the closing line.
package enum RunSummaryTable {
  package static func lines(_ results: [StepRecord], style: Style) -> [String] {
    guard !results.isEmpty else { return [] }
    var table = TextTable(columns: [
      .init("STEP"), .init("STATE"), .init("TIME", alignment: .right), .init("DETAIL"),
    ])
    table.indent = "  "
    table.headerStyle = { style.dim($0) }
    for r in results {
      var detail = r.reason ?? ""
      if let code = r.exitCode, code != 0, !detail.contains("exit status") { detail = "exit status \(code) " + detail }
      if !r.metrics.isEmpty { detail += (detail.isEmpty ? "" : "  ") + MetricText.text(r.metrics) }
      table.append([r.name, StepLine.state(r.state, style: style), r.duration.map(Seconds.text) ?? "", detail])
    }
    return table.render()
  }

  /// `run 7 ok in 3.7 s (3 ran, 0 reused)`.
  package static func headline(_ s: RunSummary, style: Style) -> String {
    let status: String =
      switch s.status {
      case .ok: style.green("ok")
      case .failed: style.red("failed")
      case .interrupted: style.red("interrupted")
      case .aborted: style.yellow("aborted")
      }
    var counts = "\(s.ran) ran, \(s.reused) reused"
    if s.skipped > 0 { counts += ", \(s.skipped) skipped" }
    if s.failed > 0 { counts += ", \(s.failed) failed" }
    return "run \(s.runID) \(status) in \(Seconds.text(s.duration)) (\(counts))"
  }
}
