import Testing

@testable import PipelineCore

#if canImport(Glibc)
  import Glibc
#endif

/// Two shells on one store, and runs whose shell died.
@Suite struct RunStoreSharingTests {
  @Test func twoStoresOnOneFolderWriteAlternately() throws {
    let folder = TemporaryFolder()
    let first = try RunStore(folder: folder.path)
    let second = try RunStore(folder: folder.path)
    let a = try first.beginRun(sampleRun(command: "run"))
    let b = try second.beginRun(sampleRun(command: "rerun", parent: a))
    try first.updateStep(runID: b, StepRecord(name: "prepare", state: .ok))
    try second.updateStep(runID: a, StepRecord(name: "prepare", state: .failed, exitCode: 2))
    try second.finishRun(runID: a, status: .failed, finishedAt: 5)
    try first.finishRun(runID: b, status: .ok, finishedAt: 6)
    for store in [first, second] {
      let runs = try store.recentRuns(limit: 10)
      #expect(runs.map(\.id) == [b, a])
      #expect(runs.map(\.status) == [.ok, .failed])
      #expect(runs[1].steps.first?.exitCode == 2)
    }
  }

  @Test func twoStoresWritingAtOnceLoseNothing() async throws {
    let folder = TemporaryFolder()
    let stores = [try RunStore(folder: folder.path), try RunStore(folder: folder.path)]
    try await withThrowingTaskGroup(of: Void.self) { group in
      for store in stores {
        group.addTask {
          for index in 0..<25 {
            let id = try store.beginRun(sampleRun(command: "run \(index)"))
            try store.updateStep(
              runID: id, StepRecord(name: "train", state: .ok, metrics: ["i": Double(index)]))
            try store.finishRun(runID: id, status: .ok, finishedAt: Double(index))
          }
        }
      }
      try await group.waitForAll()
    }
    let runs = try stores[0].recentRuns(limit: 100)
    #expect(runs.count == 50)
    #expect(runs.allSatisfy { $0.status == .ok && $0.steps.count == 1 })
    #expect(folder.allFiles(in: folder.file("locks")).isEmpty)
  }

  @Test func aRunWhoseStoreWentAwayIsMarkedInterrupted() throws {
    let folder = TemporaryFolder()
    let observer = try RunStore(folder: folder.path)
    var owner: RunStore? = try RunStore(folder: folder.path)
    let id = try owner!.beginRun(sampleRun())
    try owner!.updateStep(
      runID: id,
      StepRecord(name: "prepare", state: .ok, startedAt: 1_700_000_001, finishedAt: 1_700_000_003))
    try owner!.updateStep(
      runID: id, StepRecord(name: "train", state: .running, startedAt: 1_700_000_004))
    #expect(try observer.markAbandonedRunsInterrupted() == [])
    #expect(try owner!.markAbandonedRunsInterrupted() == [])
    owner = nil
    // Another test forking a child at this moment (a pseudo-terminal's `forkpty`) holds the lock
    // file's description until the child's `exec` closes it: the lock may be freed a little later.
    var marked = try observer.markAbandonedRunsInterrupted()
    for _ in 0..<50 where marked.isEmpty {
      usleep(20_000)
      marked = try observer.markAbandonedRunsInterrupted()
    }
    #expect(marked == [id])
    #expect(try observer.markAbandonedRunsInterrupted() == [])
    let run = try #require(try observer.run(id: id))
    #expect(run.status == .interrupted)
    #expect(run.finishedAt == 1_700_000_004)
    #expect(run.steps.map(\.state) == [.ok, .interrupted])
    #expect(folder.allFiles(in: folder.file("locks")).isEmpty)
  }

  @Test(.enabled(if: PosixFiles.exists("/usr/bin/flock")))
  func aRunIsAliveWhileAnotherProcessHoldsItsLockAndInterruptedOnceKilled() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    let lockPath = store.lockPath(named: "other-shell")
    let child = try spawn([
      "/bin/sh", "-c", "exec 9>\"$0\"; /usr/bin/flock -x 9; exec sleep 60", lockPath,
    ])
    var reaped = false
    func killChild() {
      guard !reaped else { return }  // never signal a pid that may have been reused
      kill(child, SIGKILL)
      var status: Int32 = 0
      waitpid(child, &status, 0)
      reaped = true
    }
    defer { killChild() }
    try waitUntilHeld(lockPath)
    let id = try store.database.transaction { (connection) throws(SQLiteError) in
      try RunStore.insertRun(
        sampleRun(), ownerPID: child, ownerLock: "other-shell", into: connection)
    }
    #expect(try store.markAbandonedRunsInterrupted() == [])
    killChild()
    #expect(try store.markAbandonedRunsInterrupted() == [id])
    #expect(!PosixFiles.exists(lockPath))
  }

  @Test func aFreeLockFileMeansTheRunIsAbandonedEvenIfItsPidIsReused() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    try folder.write([], to: "locks/stale.lock")
    let id = try store.database.transaction { (connection) throws(SQLiteError) in
      try RunStore.insertRun(sampleRun(), ownerPID: getppid(), ownerLock: "stale", into: connection)
    }
    #expect(try store.markAbandonedRunsInterrupted() == [id])
  }

  @Test func withoutALockFileThePidDecides() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    let dead = try deadProcessID()
    let ids = try store.database.transaction { (connection) throws(SQLiteError) -> [Int] in
      [
        try RunStore.insertRun(sampleRun(), ownerPID: dead, ownerLock: nil, into: connection),
        try RunStore.insertRun(
          sampleRun(), ownerPID: getpid(), ownerLock: "gone", into: connection),
        try RunStore.insertRun(sampleRun(), ownerPID: getppid(), ownerLock: nil, into: connection),
      ]
    }
    #expect(try store.markAbandonedRunsInterrupted() == [ids[0], ids[1]])
    #expect(try store.run(id: ids[2])?.status == .running)
  }

  @Test func finishingAsInterruptedStopsRunningSteps() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    let id = try store.beginRun(sampleRun())
    try store.updateStep(runID: id, StepRecord(name: "train", state: .running))
    try store.updateStep(runID: id, StepRecord(name: "evaluate", state: .pending))
    try store.finishRun(runID: id, status: .interrupted, finishedAt: 3)
    #expect(try store.run(id: id)?.steps.map(\.state) == [.interrupted, .pending])
  }

  /// Returns the pid of a child that has exited and been reaped.
  private func deadProcessID() throws -> Int32 {
    let pid = try spawn(["/bin/true"])
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return pid
  }

  private func spawn(_ arguments: [String]) throws -> pid_t {
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    try #require(posix_spawn(&pid, arguments[0], nil, nil, argv, environ) == 0)
    return pid
  }

  /// Waits (up to 10 s) until some process holds the lock at `path`.
  private func waitUntilHeld(_ path: String) throws {
    for _ in 0..<1000 {
      switch RunLock.probe(path) {
      case .held: return
      case .free(let fd): close(fd)
      case .missing: break
      }
      usleep(10_000)
    }
    Issue.record("nobody took the lock at \(path)")
  }
}
