import CProcess
import Glibc

extension ChildSupervisor {
  /// Looks at the child's state without reaping it: a stopped child is ended (TERM and CONT to
  /// its group); an exited one starts the drain, and if we were stopping it the rest of its group
  /// is killed while the zombie still holds the group id.
  mutating func peek(now: Double) {
    let code = cproc_peek_child(child.pid)
    switch code {
    case -1 where errno == EINTR:
      nextPeek = now
    case 0 where pipes.isEmpty && exitFD >= 0:  // the exit wakes the poll; peek for stops
      nextPeek = now + Self.tick
    case 0 where pipes.isEmpty:
      nextPeek = now + peekBackoff
      peekBackoff = min(Self.tick, peekBackoff * 2)
    case 0:
      nextPeek = now + Self.tick
    case Int32(CPROC_CLD_STOPPED):
      var status: Int32 = 0
      _ = waitpid(child.pid, &status, WUNTRACED | WNOHANG)
      stopStoppedGroup()
      nextPeek = now
    default:
      exitedAt = now
      releaseWriteEnds()  // what is left in the pipes now ends in a hang-up
      if reason != nil { signalGroup(SIGKILL) }
    }
  }

  /// A stopped job is not resumed in the background: it is terminated, then KILLed after the grace.
  mutating func stopStoppedGroup() {
    signalGroup(SIGTERM)
    signalGroup(SIGCONT)
    if case .idle = escalation { escalation = .kill(at: MonotonicClock.now() + request.killGrace) }
  }

  /// Waits for the child's status (it has exited by now, or is about to), handing back the terminal.
  mutating func reap() -> Int32? {
    registry.unregister(child.pid)
    defer { if child.hasTerminal { _ = cproc_take_terminal_back() } }
    var status: Int32 = 0
    while true {
      let result = waitpid(child.pid, &status, WUNTRACED)
      if result == child.pid, cproc_wifstopped(status) != 0 {
        stopStoppedGroup()
        continue
      }
      if result == child.pid { return status }
      if errno != EINTR { return nil }
    }
  }

  /// Turns a wait status into an outcome; a timeout or interrupt wins over how the child died.
  func decode(_ status: Int32?) -> ProcessOutcome {
    if reason == .timedOut { return .timedOut }
    if reason == .interrupted || control.interruptRequested { return .interrupted }
    guard let status else { return .failedToStart("lost the status of process \(child.pid)") }
    if cproc_wifexited(status) != 0 { return .exited(cproc_wexitstatus(status)) }
    let signal = cproc_wtermsig(status)
    return signal == SIGINT ? .interrupted : .signaled(signal)
  }
}
