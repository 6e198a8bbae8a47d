import PipelineCore

/// `store-query DIR`: what `runs 20` and `diff A B` ask of the store in DIR. `runs` reads
/// the newest 21 runs (one more, for the first row's changes) and works out each row's
/// changed parameters and metrics; `diff` reads two runs by id and compares them. The text
/// table itself is the shell's and is measured end to end by the scripts.
struct StoreQuery {
  var folder: String
  var repetitions: Int

  func run() throws {
    let (store, open) = try Measure.time { try RunStore(folder: folder) }
    guard let last = try store.lastRunID() else { throw BenchFailure("the store in \(folder) is empty") }
    let older = max(1, last / 2)
    var runsTimes: [Double] = [], diffTimes: [Double] = []
    var rows = 0, changes = 0
    for repetition in 0...repetitions {
      let (listed, runsTime) = try Measure.time { try Self.runsTable(store, limit: 20) }
      let (compared, diffTime) = try Measure.time { try Self.diff(store, older, last) }
      rows = listed
      changes = compared
      if repetition == 0 { continue }  // warm-up
      runsTimes.append(runsTime)
      diffTimes.append(diffTime)
    }
    Measure.report("store.query.runs_in_store", Double(last), "count")
    Measure.report("store.query.runs_rows", Double(rows), "count")
    Measure.report("store.query.diff_changes", Double(changes), "count")
    Measure.report("store.query.open", open, "ms")
    Measure.reportMedians("store.query", ["runs": runsTimes, "diff": diffTimes])
  }

  /// The work of `runs 20` below its table; returns the number of rows.
  static func runsTable(_ store: RunStore, limit: Int) throws -> Int {
    let runs = try store.recentRuns(limit: limit + 1)
    var cells = 0
    for (index, run) in runs.prefix(limit).enumerated() {
      let earlier = index + 1 < runs.count ? runs[index + 1] : nil
      let changed =
        earlier.map { RunComparison.summary(RunComparison.parameterChanges(from: $0, to: run)) } ?? "(first)"
      cells += changed.count + RunComparison.metrics(of: run).count
    }
    precondition(cells > 0)
    return min(limit, runs.count)
  }

  /// The work of `diff A B` below its tables; returns the number of differences.
  static func diff(_ store: RunStore, _ a: Int, _ b: Int) throws -> Int {
    guard let old = try store.run(id: a), let new = try store.run(id: b) else {
      throw BenchFailure("runs \(a) and \(b) are not both in the store")
    }
    return RunComparison.parameterChanges(from: old, to: new).count
      + RunComparison.metricChanges(from: old, to: new).count
  }
}
