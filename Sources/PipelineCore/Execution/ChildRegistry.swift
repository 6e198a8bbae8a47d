import Glibc
import Synchronization

/// The children one launcher is running, so `interruptAll()` can reach them from any thread.
final class ChildRegistry: Sendable {
  private let children = Mutex<[pid_t: RunningChild]>([:])

  /// Records a just-spawned child; it stays listed until just before it is reaped, so its
  /// process group id cannot have been reused when `interruptAll` signals it.
  func register(_ pid: pid_t) -> RunningChild {
    let child = RunningChild()
    children.withLock { $0[pid] = child }
    return child
  }

  func unregister(_ pid: pid_t) {
    _ = children.withLock { $0.removeValue(forKey: pid) }
  }

  /// Marks every listed child interrupted and sends SIGINT to its process group.
  func interruptAll() {
    children.withLock { children in
      for (pid, child) in children {
        child.requestInterrupt()
        _ = kill(-pid, SIGINT)
      }
    }
  }
}

/// The part of a running child that other threads may touch: whether it was interrupted.
final class RunningChild: Sendable {
  private let interrupted = Atomic<Bool>(false)

  var interruptRequested: Bool { interrupted.load(ordering: .acquiring) }

  func requestInterrupt() { interrupted.store(true, ordering: .releasing) }
}
