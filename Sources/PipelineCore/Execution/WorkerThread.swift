import Glibc

/// Starts a detached thread for one blocking job (a running step). Steps block in `poll`
/// and `waitpid`, and Dispatch's global queue on Linux does not add threads for blocked
/// work, so `--jobs N` would run fewer than N steps at once on a small machine.
enum WorkerThread {
  private final class Job {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  static func start(_ body: @escaping @Sendable () -> Void) {
    let job = Unmanaged.passRetained(Job(body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
      &thread, nil,
      { raw in
        let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
        job.body()
        return nil
      }, job)
    if started == 0 {
      pthread_detach(thread)
    } else {
      Unmanaged<Job>.fromOpaque(job).takeRetainedValue().body()
    }
  }
}
