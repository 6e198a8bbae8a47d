import Synchronization

/// The state of every job one executor follows, refreshed by one `squeue` call for all of them
/// (so `--jobs N` or a sweep of fifty jobs costs one query per poll, not fifty).
///
/// Nobody polls on a timer of its own: each follower asks for its job's sighting as often as it
/// likes, and whichever asks once a poll is due runs it (the others read the last one meanwhile).
/// A poll is due after `interval(age:)` of the youngest job: a short job is seen ending soon, a
/// long one costs at most one query a second.
final class SlurmJobBoard: Sendable {
  /// What the board knows of one job.
  enum Sighting: Sendable, Equatable {
    /// Not polled yet.
    case unknown
    case seen(SlurmJobReport)
    /// Missing from two polls in a row: the controller no longer lists it (purged after
    /// `MinJobAge`, or its state was lost).
    case vanished
  }

  private struct Watch {
    var since: Double
    var report: SlurmJobReport?
    var misses = 0
  }

  private struct State {
    var watches: [String: Watch] = [:]
    var polling = false
    var lastPoll = -Double.infinity
  }

  private let state = Mutex(State())
  private let tools: SlurmTools

  init(tools: SlurmTools) { self.tools = tools }

  /// Seconds between polls while the youngest job followed is `age` seconds old: 20 ms at
  /// first, a twentieth of its age later, at most a second.
  static func interval(age: Double) -> Double { min(1, max(0.02, age / 20)) }

  /// Starts following a job submitted at `now` (monotonic seconds).
  func watch(_ jobID: String, now: Double) {
    state.withLock { $0.watches[jobID] = Watch(since: now) }
  }

  /// Stops following a job.
  func forget(_ jobID: String) {
    _ = state.withLock { $0.watches.removeValue(forKey: jobID) }
  }

  /// The seconds until the next poll is due (for the caller's sleep).
  func nextPoll(now: Double) -> Double {
    state.withLock { state in
      guard let youngest = state.watches.values.map({ now - $0.since }).min() else { return 1 }
      return max(0, state.lastPoll + Self.interval(age: youngest) - now)
    }
  }

  /// The job's latest sighting, polling first when a poll is due and nobody else runs one.
  func sighting(of jobID: String, now: Double) -> Sighting {
    let due: [String]? = state.withLock { state in
      guard !state.polling, let youngest = state.watches.values.map({ now - $0.since }).min(),
        now - state.lastPoll >= Self.interval(age: youngest)
      else { return nil }
      state.polling = true
      return state.watches.keys.sorted()
    }
    if let due {
      let reports = poll(due)
      state.withLock { state in
        if let reports { apply(reports, polled: due, to: &state) }
        state.polling = false
        state.lastPoll = MonotonicClock.now()
      }
    }
    return state.withLock { state in
      guard let watch = state.watches[jobID] else { return .unknown }
      if watch.misses >= 2 { return .vanished }
      return watch.report.map { .seen($0) } ?? .unknown
    }
  }

  /// Reports for `ids`, or nil when squeue could not answer (the controller is down, say):
  /// then nothing is learned and the next poll tries again, which is all a follower could do.
  private func poll(_ ids: [String]) -> [String: SlurmJobReport]? {
    let answer: [SlurmJobReport]
    do { answer = try tools.reports(for: ids) } catch { return nil }
    var reports: [String: SlurmJobReport] = [:]
    for report in answer { reports[report.jobID] = report }
    return reports
  }

  private func apply(_ reports: [String: SlurmJobReport], polled: [String], to state: inout State) {
    for id in polled where state.watches[id] != nil {
      if let report = reports[id] {
        state.watches[id]?.report = report
        state.watches[id]?.misses = 0
      } else {
        state.watches[id]?.misses += 1
      }
    }
  }
}
