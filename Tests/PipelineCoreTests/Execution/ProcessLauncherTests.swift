import Glibc
import Synchronization
import Testing

@testable import PipelineCore

private typealias F = LauncherFixtures

@Suite("ProcessLauncher")
struct ProcessLauncherTests {
  @Test(arguments: [0, 1, 3, 42, 255] as [Int32])
  func exitStatusIsReported(code: Int32) {
    #expect(F.run("exit \(code)").outcome == .exited(code))
  }

  @Test func stdoutAndStderrStaySeparate() {
    let (outcome, output) = F.run("echo out; echo err >&2; printf 'more'")
    #expect(outcome == .exited(0))
    #expect(output.text(.stdout) == "out\nmore")
    #expect(output.text(.stderr) == "err\n")
  }

  @Test func environmentIsExactlyTheOneGiven() {
    let (outcome, output) = F.run(
      #"printf '%s|%s|%s' "$GIVEN" "${HOME-absent}" "${USER-absent}""#,
      environment: ["GIVEN": "a b=c", "PATH": "/bin"])
    #expect(outcome == .exited(0))
    #expect(output.text(.stdout) == "a b=c|absent|absent")
  }

  @Test func runsInTheWorkingDirectory() {
    let folder = F.Folder()
    let (outcome, output) = F.run("pwd -P", in: folder.path)
    #expect(outcome == .exited(0))
    #expect(output.text(.stdout) == folder.resolvedPath + "\n")
  }

  @Test func missingWorkingDirectoryFailsToStart() {
    let (outcome, output) = F.run("echo ran", in: "/nonexistent/pipeshell-test")
    guard case .failedToStart(let reason) = outcome else {
      Issue.record("expected failedToStart, got \(outcome)")
      return
    }
    #expect(reason.contains("/nonexistent/pipeshell-test"))
    #expect(output.isEmpty)
  }

  @Test func startedIsCalledOnceTheProcessRunsAndNotWhenItCannotStart() {
    let request = { (folder: String) in
      ProcessRequest(command: "echo ran", environment: F.path, workingDirectory: folder, timeout: nil)
    }
    var calls: [String] = []
    let output = F.Collector()
    let outcome = PosixProcessLauncher().run(request("/"), started: { _ in calls.append("started") }) {
      output.append($0, $1)
    }
    #expect(outcome == .exited(0))
    #expect(calls == ["started"])
    #expect(output.text(.stdout) == "ran\n")

    calls = []
    let failed = PosixProcessLauncher().run(
      request("/nonexistent/pipeshell-test"), started: { _ in calls.append("started") }
    ) {
      _, _ in
    }
    #expect(failed != .exited(0))
    #expect(calls.isEmpty)
  }

  @Test func commandNotFoundIsAnOrdinaryExit() {
    #expect(F.run("no-such-command-pipeshell 2>/dev/null").outcome == .exited(127))
  }

  @Test func signalDeathIsReported() {
    #expect(F.run("kill -TERM $$").outcome == .signaled(SIGTERM))
    #expect(F.run("kill -INT $$").outcome == .interrupted)
  }

  @Test func stdinIsNullWithoutATerminal() {
    let (outcome, output) = F.run("cat; echo end")
    #expect(outcome == .exited(0))
    #expect(output.text(.stdout) == "end\n")
  }

  @Test func timeoutStopsTheWholeProcessGroup() throws {
    let folder = F.Folder()
    let start = MonotonicClock.now()
    let (outcome, _) = F.run("sleep 30 & echo $! > \(folder.path)/pid; wait", timeout: 0.5, killGrace: 1)
    #expect(outcome == .timedOut)
    #expect(MonotonicClock.now() - start < 20, "the sleep was not stopped")
    let sleeper = try #require(folder.firstLine("pid").flatMap { pid_t($0) })
    F.wait(upTo: 10) { F.isDead(sleeper) }
    #expect(F.isDead(sleeper), "the child's own child survived the timeout")
  }

  @Test func timeoutEscalatesToKillWhenTermIsIgnored() {
    let start = MonotonicClock.now()
    let (outcome, _) = F.run("trap '' TERM; sleep 30", timeout: 0.3, killGrace: 0.5)
    #expect(outcome == .timedOut)
    #expect(MonotonicClock.now() - start < 20)
  }

  @Test func twoConcurrentRunsBothWork() {
    let launcher = PosixProcessLauncher()
    let first = F.Background { F.run("sleep 0.3; echo first", launcher: launcher) }
    let second = F.Background { F.run("echo second >&2; sleep 0.3; exit 7", launcher: launcher) }
    let (one, two) = (first.join(), second.join())
    #expect(one.outcome == .exited(0))
    #expect(one.output.text(.stdout) == "first\n")
    #expect(two.outcome == .exited(7))
    #expect(two.output.text(.stderr) == "second\n")
  }

  @Test(arguments: ["echo ready; sleep 30; sleep 30", "trap '' INT; echo ready; sleep 30"])
  func interruptAllEndsRunsAsInterrupted(command: String) {
    let launcher = PosixProcessLauncher()
    let output = F.Collector()
    let request = ProcessRequest(command: command, environment: F.path, killGrace: 0.5)
    let run = F.Background { launcher.run(request) { output.append($0, $1) } }
    F.wait { !output.isEmpty }
    let start = MonotonicClock.now()
    launcher.interruptAll()
    #expect(run.join() == .interrupted)
    #expect(MonotonicClock.now() - start < 20)
  }

  /// Chunks never exceed the read size, and a pipe found full grows past its first 64 KiB (no
  /// read could return more than that from a pipe that had not grown).
  @Test func largeOutputStreamsInBoundedChunksThroughAGrownPipe() {
    let (outcome, output) = F.run("head -c 52428800 /dev/zero; echo done >&2")
    #expect(outcome == .exited(0))
    #expect(output.text(.stderr) == "done\n")
    #expect(output.text(.stdout).utf8.count == 52_428_800)
    #expect(output.largest <= ChildSupervisor.chunkSize)
    #expect(output.largest > ChildSupervisor.defaultPipeSize)
  }

  @Test func grandchildHoldingThePipeDoesNotHangTheRun() {
    let start = MonotonicClock.now()
    let (outcome, output) = F.run("echo before; sleep 8 & echo after")
    #expect(outcome == .exited(0))
    #expect(output.text(.stdout) == "before\nafter\n")
    #expect(MonotonicClock.now() - start < 7, "waited for the background sleep to close the pipe")
  }

  @Test func childClosingItsPipesIsStillWaitedFor() {
    #expect(F.run("exec >&- 2>&-; sleep 0.3; exit 4").outcome == .exited(4))
  }

  @Test func stoppedChildIsTerminated() {
    #expect(F.run("kill -STOP $$", killGrace: 1).outcome == .signaled(SIGTERM))
  }
}
