import Glibc
import Synchronization

@testable import PipelineCore

/// Helpers for the process launcher tests: output collection, threads, temp folders.
enum LauncherFixtures {
  static let path = ["PATH": "/usr/bin:/bin"]

  /// Collects a child's output per stream, from whatever thread the launcher calls on.
  final class Collector: Sendable {
    private let chunks = Mutex<[OutputStream: [UInt8]]>([:])
    private let largestChunk = Mutex(0)

    func append(_ stream: OutputStream, _ bytes: [UInt8]) {
      chunks.withLock { $0[stream, default: []].append(contentsOf: bytes) }
      largestChunk.withLock { $0 = max($0, bytes.count) }
    }

    func text(_ stream: OutputStream) -> String {
      String(decoding: chunks.withLock { $0[stream] ?? [] }, as: UTF8.self)
    }

    var isEmpty: Bool { chunks.withLock { $0.isEmpty } }
    var largest: Int { largestChunk.withLock { $0 } }
  }

  /// Runs one command to completion with a fresh collector.
  static func run(
    _ command: String, environment: [String: String] = path, in folder: String = "/",
    timeout: Double? = nil, killGrace: Double = 2, launcher: PosixProcessLauncher = PosixProcessLauncher()
  ) -> (outcome: ProcessOutcome, output: Collector) {
    let collector = Collector()
    let request = ProcessRequest(
      command: command, environment: environment, workingDirectory: folder, timeout: timeout,
      killGrace: killGrace)
    let outcome = launcher.run(request) { collector.append($0, $1) }
    return (outcome, collector)
  }

  /// A value computed on its own POSIX thread, so blocking work never starves the test pool.
  final class Background<Value: Sendable>: Sendable {
    private final class Box: Sendable { let value = Mutex<Value?>(nil) }
    private let thread: pthread_t
    private let box = Box()

    init(_ body: @escaping @Sendable () -> Value) {
      let box = self.box
      thread = startThread { box.value.withLock { $0 = body() } }
    }

    /// Waits for the thread and returns its value.
    func join() -> Value {
      pthread_join(thread, nil)
      return box.value.withLock { $0! }
    }
  }

  /// Sleeps the calling thread until `condition` holds or `limit` seconds pass.
  static func wait(upTo limit: Double = 30, until condition: () -> Bool) {
    let end = MonotonicClock.now() + limit
    while !condition(), MonotonicClock.now() < end { usleep(10_000) }
  }

  /// True when `pid` is gone or a zombie.
  static func isDead(_ pid: pid_t) -> Bool {
    guard let file = fopen("/proc/\(pid)/stat", "r") else { return true }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 512)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return true }
    let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let close = line.lastIndex(of: ")") else { return true }
    return line[line.index(after: close)...].trimmingPrefix(" ").first == "Z"
  }

  /// A fresh folder under /tmp, removed with its contents on deinit.
  final class Folder {
    let path: String

    init() {
      var template = Array("/tmp/pipeshell-exec-XXXXXX".utf8CString)
      precondition(mkdtemp(&template) != nil, "mkdtemp failed")
      path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The path with symbolic links resolved, as `pwd -P` prints it.
    var resolvedPath: String {
      guard let resolved = realpath(path, nil) else { return path }
      defer { free(resolved) }
      return String(cString: resolved)
    }

    /// The first line of a file in the folder, or nil.
    func firstLine(_ name: String) -> String? {
      guard let file = fopen(path + "/" + name, "r") else { return nil }
      defer { fclose(file) }
      var buffer = [CChar](repeating: 0, count: 256)
      guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
      return String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { _ = LauncherFixtures.run("rm -rf '\(path)'") }
  }
}

/// The closure a test thread runs, passed through pthread_create's context pointer.
private final class ThreadBody: Sendable {
  let run: @Sendable () -> Void
  init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// Starts a POSIX thread running `body`.
private func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t {
  var thread = pthread_t()
  let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
  let created = pthread_create(&thread, nil, threadEntry, context)
  precondition(created == 0, "pthread_create failed")
  return thread
}

private func threadEntry(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
  Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue().run()
  return nil
}
