import FoundationEssentials
import Glibc
import PipelineCore
import PipelineTestSupport
import Testing

/// What the shell does when the world goes wrong around it: it is killed or told to stop in the
/// middle of a run, its store is deleted, read-only, full, empty or damaged. Nothing already
/// recorded is lost, no step is left running, and every failed write is said and fails the
/// command.
@Suite struct FaultTests {
  let shell = ProcessScript()

  static let slow = ShellProcessTests.slowPipeline

  /// Prints whether the step's shell still runs (a zombie, left for a slow init to reap, has
  /// stopped), in a script.
  static func report(_ label: String) -> String {
    #"state=$(cut -d' ' -f3 /proc/$(cat step.pid)/stat 2>/dev/null); if [ -n "$state" ] && [ "$state" != Z ]; then echo "step \#(label) running"; else echo "step stopped"; fi"#
  }

  /// Waits for the slow step to start, in a script.
  static let awaitStart = #"i=0; while [ ! -f started ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done"#

  @Test(arguments: [("TERM", 143), ("HUP", 129)])
  func termAndHangUpStopTheStepsAndRecordTheRun(signal: String, status: Int) throws {
    let script = """
      "$P" -c 'run --jobs 1' slow.yaml > out.txt 2>&1 &
      pid=$!
      \(Self.awaitStart)
      kill -\(signal) $pid; wait $pid; echo "shell status $?"
      sleep 0.3
      \(Self.report("still"))
      "$P" -c 'show run 1' slow.yaml 2>&1
      cat out.txt
      """
    let (output, _) = try shell.run(script, files: ["slow.yaml": Self.slow])
    #expect(output.contains("shell status \(status)"), "\(output)")
    #expect(output.contains("step stopped"), "\(output)")
    #expect(output.contains("run 1  interrupted"), "\(output)")
    #expect(output.contains("ended by signal"), "\(output)")
    #expect(!output.contains("marked interrupted"), "recorded by the shell itself: \(output)")
  }

  @Test func theNextStartStopsTheStepsAKilledShellLeftRunning() throws {
    let script = """
      "$P" -c 'run --jobs 1' slow.yaml > /dev/null 2>&1 &
      pid=$!
      \(Self.awaitStart)
      sleep 0.2  # the step's process id reaches the store within RunRecorder.commitDelay
      kill -KILL $pid; wait $pid 2>/dev/null
      \(Self.report("left"))
      "$P" -c 'runs' slow.yaml 2>&1
      \(Self.report("still"))
      """
    let (output, _) = try shell.run(script, files: ["slow.yaml": Self.slow])
    #expect(output.contains("step left running"), "\(output)")
    #expect(output.contains("run 1 ended without finishing; marked interrupted"), "\(output)")
    #expect(output.contains("step stopped"), "\(output)")
  }

  @Test func aDeletedStoreIsOpenedAnewAndLosesNothingAfter() throws {
    let pipeline = "name: d\nsteps:\n  s: echo hi\n"
    let (output, status) = try shell.run(
      #""$P" -c 'run; shell rm -rf .pipeshell; run; runs' p.yaml 2>&1; echo "status $?"; "$P" -c 'runs' p.yaml"#,
      files: ["p.yaml": pipeline])
    #expect(output.contains("note: the run store"), "\(output)")
    #expect(output.contains("was deleted or replaced; opening it anew"), "\(output)")
    #expect(output.contains("status 0"), "\(output)")
    #expect(status == 0)
    // The second run is in the store the next shell reads.
    #expect(output.split(separator: "\n").filter { $0.contains("  1  ") && $0.contains("ok") }.count == 2, "\(output)")
  }

  @Test func anEmptyOrDamagedDatabaseIsSaidInWords() throws {
    let pipeline = "name: d\nsteps:\n  s: echo hi\n"
    let script = #"""
      mkdir .pipeshell && : > .pipeshell/runs.db
      "$P" -c 'runs' p.yaml 2>&1; echo "empty status $?"
      printf 'this is not a database, not at all, not even a little bit.......................' > .pipeshell/runs.db
      rm -f .pipeshell/runs.db-wal .pipeshell/runs.db-shm
      "$P" -c 'runs' p.yaml 2>&1; echo "damaged status $?"
      """#
    let (output, _) = try shell.run(script, files: ["p.yaml": pipeline])
    #expect(output.contains("was an empty file; starting a new store in it"), "\(output)")
    #expect(output.contains("empty status 0"), "\(output)")
    #expect(output.contains("damaged or not a database; move it aside"), "\(output)")
    #expect(!output.contains("SELECT") && !output.contains("PRAGMA"), "no SQL in errors: \(output)")
    #expect(output.contains("damaged status 1"), "\(output)")
  }

  @Test func theStoreIsOwnerOnlyAndTemporaryFilesOfKilledShellsAreRemoved() throws {
    let pipeline = "name: d\nsteps:\n  s: {run: echo hi | tee out.txt, outputs: [out.txt]}\n"
    let script = #"""
      "$P" -c 'run' p.yaml > /dev/null 2>&1
      stat -c '%a %n' .pipeshell .pipeshell/runs.db .pipeshell/logs .pipeshell/cache .pipeshell/logs/1/s.log
      touch .pipeshell/cache/.tmp-999999-abcdef .pipeshell/cache/.tmp-1-keepme
      "$P" -c 'runs' p.yaml 2>&1
      ls -a .pipeshell/cache
      """#
    let (output, _) = try shell.run(script, files: ["p.yaml": pipeline])
    for line in [
      "700 .pipeshell\n", "600 .pipeshell/runs.db\n", "700 .pipeshell/logs\n", "700 .pipeshell/cache\n",
      "600 .pipeshell/logs/1/s.log\n",
    ] {
      #expect(output.contains(line), "\(line): \(output)")
    }
    #expect(output.contains("removed 1 temporary file that killed shells left in the cache"), "\(output)")
    #expect(!output.contains(".tmp-999999-abcdef"), "\(output)")
    #expect(output.contains(".tmp-1-keepme"), "a live process's file stays: \(output)")
  }

  /// Root is needed to mount a small or read-only file system.
  static var canMount: Bool { getuid() == 0 && FileManager.default.fileExists(atPath: "/bin/mount") }

  @Test(.enabled(if: canMount, "needs root to mount a tmpfs"))
  func aFullDiskFailsTheRunAndSaysSo() throws {
    let pipeline = """
      name: full
      steps:
        fill: head -c 12000000 /dev/zero | tr '\\\\0' a
        after: {needs: [fill], run: echo after}
      """
    let script = #"""
      mkdir disk && mount -t tmpfs -o size=8m tmpfs disk || { echo "cannot mount"; exit 0; }
      cp p.yaml disk/
      cd disk && "$P" -c 'run --jobs 1' p.yaml > ../out.txt 2>&1; echo "status $?"
      "$P" -c 'show run 1' p.yaml 2>&1 | head -20
      cd .. && umount disk
      grep -av '^a' out.txt | head -20
      """#
    let (output, _) = try shell.run(script, files: ["p.yaml": pipeline])
    if output.contains("cannot mount") { return }
    #expect(output.contains("status 1"), "\(output)")
    #expect(output.contains("warning: the run store could not record everything"), "\(output)")
  }

  @Test(.enabled(if: canMount, "needs root to mount a read-only file system"))
  func aReadOnlyStoreCanBeReadAndRefusesRunsInWords() throws {
    let pipeline = "name: ro\nsteps:\n  s: echo hi\n"
    let script = #"""
      "$P" -c 'run' p.yaml > /dev/null 2>&1
      mount --bind .pipeshell .pipeshell && mount -o remount,bind,ro .pipeshell || { echo "cannot mount"; exit 0; }
      "$P" -c 'runs; show run 1; diff 1 1' p.yaml 2>&1; echo "read status $?"
      "$P" -c 'run' p.yaml 2>&1; echo "run status $?"
      umount .pipeshell
      """#
    let (output, _) = try shell.run(script, files: ["p.yaml": pipeline])
    if output.contains("cannot mount") { return }
    #expect(output.contains("read status 0"), "\(output)")
    #expect(output.contains("it is read-only here"), "\(output)")
    #expect(output.contains("run status 1"), "\(output)")
    #expect(!output.contains("INSERT") && !output.contains("SELECT"), "\(output)")
  }

  @Test func aHugeFileIsRefusedBeforeItIsRead() throws {
    let pipeline = "name: h\nparams:\n  a: 1\nsteps:\n  s: echo hi\n"
    let (output, status) = try shell.run(
      #"truncate -s 100M big.yaml; "$P" -c 'load --params big.yaml' p.yaml 2>&1"#, files: ["p.yaml": pipeline])
    #expect(output.contains("big.yaml' is larger than 64 MiB"), "\(output)")
    #expect(status == 2, "invalid input: \(output)")
  }
}
