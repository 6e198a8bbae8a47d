import CProcess
import Glibc

/// Watches one spawned child: streams its pipes, enforces the timeout, escalates an interrupt
/// (INT, then TERM, then KILL to the group), and reaps it.
struct ChildSupervisor {
  /// Why we started stopping the child; decides the outcome whatever status it dies with.
  enum StopReason { case timedOut, interrupted }

  /// The next signal the escalation sends to the group, and when.
  enum Escalation {
    case idle
    case terminate(at: Double)
    case kill(at: Double)
    case done
  }

  static let chunkSize = 128 * 1024
  /// A pipe starts at 64 KiB; one that a read finds full (the step prints faster than it is
  /// read) grows to this, so the child blocks and wakes us a sixteenth as often. Growing only
  /// then keeps the syscall off the many steps that print little.
  static let defaultPipeSize = 64 * 1024
  static let grownPipeSize: Int32 = 1 << 20
  /// How often the child's state is peeked at while its pipes stay open (stops, lost EOF).
  static let tick = 0.1
  /// How long to keep reading after the child has exited while a grandchild holds a pipe.
  static let drainTime = 0.25

  let child: SpawnedChild
  let request: ProcessRequest
  let control: RunningChild
  let registry: ChildRegistry
  var pipes: [(fd: Int32, stream: OutputStream)]
  /// The pipes grown to `grownPipeSize` (or that failed to grow: tried once).
  var grownPipes: Set<Int32> = []
  /// A pidfd that polls readable once the child has exited (-1 where the kernel has none), so
  /// the exit wakes the poll: peeking on a timer after the pipes closed slept ~0.2 ms for
  /// one step in ten of a chain of `true`.
  let exitFD: Int32
  /// Our copies of the pipes' write ends, held open until the child has exited when there is a
  /// pidfd: otherwise its pipes hang up while it exits and wake us for nothing just before its
  /// exit does (two context switches of the six a short step costs). Without a pidfd the hang-up
  /// is how an exit is noticed soon, so they are closed at once.
  var heldWriteEnds: [Int32]
  var reason: StopReason?
  var escalation = Escalation.idle
  var exitedAt: Double?
  var nextPeek = 0.0
  /// The wait between peeks once the pipes have closed: the child is usually a few
  /// microseconds from exiting then (its pipes close just before it becomes a zombie), so it
  /// starts small and doubles up to `tick`.
  var peekBackoff = 0.000_05

  init(child: SpawnedChild, request: ProcessRequest, registry: ChildRegistry) {
    self.child = child
    self.request = request
    self.registry = registry
    self.control = registry.register(child.pid)
    self.pipes = [(child.stdoutFD, .stdout), (child.stderrFD, .stderr)]
    self.exitFD = cproc_pidfd_open(child.pid)
    self.heldWriteEnds = child.writeEnds
    if exitFD < 0 { releaseWriteEnds() }
    // With a pidfd the exit wakes the poll: the first peek (for a stopped child) can wait a tick.
    if exitFD >= 0 { nextPeek = MonotonicClock.now() + Self.tick }
  }

  /// Runs until the child has exited and its pipes are drained; returns the decoded outcome.
  mutating func supervise(output: @Sendable (OutputStream, [UInt8]) -> Void) -> ProcessOutcome {
    let deadline = request.timeout.map { MonotonicClock.now() + max(0, $0) }
    while true {
      let now = MonotonicClock.now()
      if exitedAt == nil, now >= nextPeek { peek(now: now) }
      if let exitedAt, pipes.isEmpty || now >= exitedAt + Self.drainTime { break }
      escalate(now: now, deadline: deadline)
      waitForOutput(timeout: pollTimeout(now: now, deadline: deadline), output: output)
    }
    releaseWriteEnds()
    for pipe in pipes { close(pipe.fd) }
    pipes = []
    if exitFD >= 0 { close(exitFD) }
    return decode(reap())
  }

  /// Polls the open pipes and the pidfd until the child has exited (or just sleeps when
  /// neither is left) and forwards what was read; `timeout` is in seconds.
  private mutating func waitForOutput(timeout: Double, output: @Sendable (OutputStream, [UInt8]) -> Void) {
    let watchesExit = exitFD >= 0 && exitedAt == nil
    if pipes.isEmpty, !watchesExit {  // waiting for the exit only: sleep, to the microsecond
      usleep(UInt32(timeout * 1_000_000))
      return
    }
    var fds = pipes.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
    if watchesExit { fds.append(pollfd(fd: exitFD, events: Int16(POLLIN), revents: 0)) }
    let ready = poll(&fds, nfds_t(fds.count), Int32((timeout * 1000).rounded(.up)))
    guard ready > 0 else { return }
    if watchesExit, fds.removeLast().revents != 0 { nextPeek = 0 }  // exited: peek now
    var closed: [Int32] = []
    for (index, entry) in fds.enumerated() where entry.revents != 0 {
      let (chunk, count, error) = Self.readChunk(entry.fd)
      if count > 0 {
        if count >= Self.defaultPipeSize, grownPipes.insert(entry.fd).inserted {
          _ = cproc_set_pipe_size(entry.fd, Self.grownPipeSize)  // the pipe-max-size limit may refuse: fine
        }
        output(pipes[index].stream, chunk)
      } else if count == 0 || error != EINTR {
        closed.append(entry.fd)
      }
    }
    for fd in closed { close(fd) }
    pipes.removeAll { closed.contains($0.fd) }
    if pipes.isEmpty, !closed.isEmpty { nextPeek = 0 }
  }

  /// Reads up to `chunkSize` bytes straight into a new array, which then travels through
  /// masking to the terminal and the log without being copied; a small read is moved to an
  /// array of its own size so a queued line does not hold 128 KiB. Returns read's result and
  /// errno too.
  private static func readChunk(_ fd: Int32) -> (chunk: [UInt8], count: Int, error: Int32) {
    var count = 0
    var error: Int32 = 0
    let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
      count = read(fd, buffer.baseAddress, buffer.count)
      error = count < 0 ? errno : 0
      initialized = max(0, count)
    }
    return (chunk.count < chunkSize / 8 ? Array(chunk[...]) : chunk, count, error)
  }

  /// Seconds until something needs attention: a peek, a deadline, the end of draining.
  private func pollTimeout(now: Double, deadline: Double?) -> Double {
    var wake = exitedAt.map { $0 + Self.drainTime } ?? nextPeek
    if let deadline, reason == nil { wake = min(wake, deadline) }
    switch escalation {
    case .terminate(let at), .kill(let at): wake = min(wake, at)
    case .idle, .done: break
    }
    return max(0, min(60, wake - now))
  }

  /// Starts or advances stopping the group when the timeout passed or an interrupt came.
  private mutating func escalate(now: Double, deadline: Double?) {
    if reason == nil, control.interruptRequested {
      reason = .interrupted
      escalation = .terminate(at: now + request.killGrace)
    } else if reason == nil, let deadline, now >= deadline {
      reason = .timedOut
      signalGroup(SIGTERM)
      escalation = .kill(at: now + request.killGrace)
    }
    switch escalation {
    case .terminate(let at) where now >= at:
      signalGroup(SIGTERM)
      escalation = .kill(at: now + request.killGrace)
    case .kill(let at) where now >= at:
      signalGroup(SIGKILL)
      escalation = .done
    default: break
    }
  }

  func signalGroup(_ signal: Int32) { _ = kill(-child.processGroup, signal) }

  /// Closes our write ends, so the pipes hang up once no process holds them.
  mutating func releaseWriteEnds() {
    for fd in heldWriteEnds { close(fd) }
    heldWriteEnds = []
  }
}
