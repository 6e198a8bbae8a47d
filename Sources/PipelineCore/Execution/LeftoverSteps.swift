import Glibc

/// Stops the step processes a killed shell left running. A local step leads a session and a
/// process group of its own, so its group is stopped whole; a process id may have been reused
/// since, so a process is stopped only when it still leads its own session and did not start
/// before the recorded step did (read from `/proc/PID/stat`; a retry starts later than its step).
package enum LeftoverSteps {
  /// Stops each recorded step process still running; returns how many were stopped.
  @discardableResult
  package static func stop(_ steps: [(processID: Int32, startedAt: Double)], grace: Double = 1) -> Int {
    let alive = steps.filter { isTheStep($0.processID, startedAt: $0.startedAt) }
    for step in alive { kill(-step.processID, SIGTERM) }
    let deadline = MonotonicClock.now() + grace
    while MonotonicClock.now() < deadline, alive.contains(where: { isRunning($0.processID) }) { usleep(20_000) }
    for step in alive where isRunning(step.processID) { kill(-step.processID, SIGKILL) }
    return alive.count
  }

  /// True while the process exists and is not a zombie (a zombie whose parent died may wait
  /// for a slow init to reap it, and still answers `kill(pid, 0)`).
  static func isRunning(_ pid: Int32) -> Bool {
    guard let stat = ProcessStat.read(pid) else { return false }
    return stat.state != "Z"
  }

  /// True when `pid` is a live session leader that started after `startedAt` (2 s of slack).
  static func isTheStep(_ pid: Int32, startedAt: Double) -> Bool {
    guard pid > 1, let stat = ProcessStat.read(pid), stat.state != "Z", stat.session == pid, stat.group == pid,
      let started = stat.startedAt
    else { return false }
    return started > startedAt - 2
  }
}

/// The fields of `/proc/PID/stat` that identify a process.
struct ProcessStat {
  var state: Character
  var group: Int32
  var session: Int32
  /// When the process started, in seconds since 1970.
  var startedAt: Double?

  static func read(_ pid: Int32) -> ProcessStat? {
    guard let text = procText("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else {
      return nil
    }
    // After the command name (which may hold spaces and parentheses) come: state ppid pgrp
    // session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
    // priority nice num_threads itrealvalue starttime ...
    let fields = text[text.index(after: close)...].split(separator: " ")
    guard fields.count > 19, let state = fields[0].first, let group = Int32(fields[2]), let session = Int32(fields[3])
    else { return nil }
    let ticks = Double(fields[19]).map { $0 / Double(sysconf(Int32(_SC_CLK_TCK))) }
    return ProcessStat(
      state: state, group: group, session: session, startedAt: ticks.flatMap { t in bootTime.map { $0 + t } })
  }

  /// When the machine booted, in seconds since 1970 (`btime` in `/proc/stat`).
  static let bootTime: Double? = {
    guard let text = procText("/proc/stat") else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
      return Double(line.dropFirst(6).trimmingSpacesSubstring)
    }
    return nil
  }()
}

/// A `/proc` file's text: read until the end (such files say their size is 0).
func procText(_ path: String) -> String? {
  try? TextFile.read(path, upTo: 1 << 20)
}
