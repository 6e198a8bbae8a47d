import FoundationEssentials
import Glibc
import PipelineTestSupport
import Testing

@testable import PipelineCore

/// DVC's locks as pipeshell takes them, against DVC 3.67.1's own code run by its Python: the
/// lock files exclude `zc.lockfile` (and the other way round), edits of the stage lock table
/// leave the bytes DVC's `rwlock.py` leaves, DVC's messages are the same, and DVC sorts hostile
/// tables as pipeshell does.
@Suite(.enabled(if: DVCTool.isAvailable, Comment(rawValue: DVCTool.skipReason)))
struct DVCLocksAgainstDVCTests {
  static func python(_ script: String, _ arguments: [String], in folder: String) throws -> String {
    let path = folder + "/oracle.py"
    _ = FileManager.default.createFile(atPath: path, contents: Data(script.utf8))
    let words = arguments.map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
    let result = DVCTool.shell("'\(try #require(DVCTool.python))' '\(path)' \(words)", in: folder)
    try #require(result.status.succeeded, "\(result.stderr)")
    return result.stdout
  }

  static let classify = """
    import json, sys
    from voluptuous import Invalid
    from dvc.rwlock import SCHEMA
    for path in sys.argv[1:]:
        try:
            with open(path, encoding="utf-8") as f:
                SCHEMA(json.load(f))
            print("ok")
        except json.JSONDecodeError:
            print("corrupted")
        except Invalid:
            print("format")
    """

  @Test func dvcSortsHostileTablesAsPipeshellDoes() throws {
    let temporary = TemporaryFolder()
    let folder = temporary.path
    let cases = DVCRWLockTableTests.hostileAsDVC
    var paths: [String] = []
    for (index, item) in cases.enumerated() {
      let path = folder + "/case\(index).json"
      _ = FileManager.default.createFile(atPath: path, contents: Data(item.0.utf8))
      paths.append(path)
    }
    let theirs = try Self.python(Self.classify, paths, in: folder).split(separator: "\n").map(String.init)
    #expect(theirs == cases.map(\.1.rawValue))
  }

  /// One edit as `rwlock()` makes it on entry (then on exit), by DVC's own functions; prints the
  /// file after each, or DVC's error.
  static let edit = """
    import json, sys
    from dvc.fs import localfs
    from dvc.lock import LockError
    from dvc.rwlock import (_edit_rwlock, _check_blockers, _acquire_read, _acquire_write,
        _release_read, _release_write)
    tmp, request = sys.argv[1], json.loads(sys.argv[2])
    info = {"pid": request["pid"], "cmd": request["cmd"]}
    try:
        with _edit_rwlock(tmp, localfs, False) as lock:
            _check_blockers(tmp, lock, info, mode="write", waiters=request["read"] + request["write"])
            _check_blockers(tmp, lock, info, mode="read", waiters=request["write"])
            r = _acquire_read(lock, info, request["read"])
            w = _acquire_write(lock, info, request["write"])
    except LockError as exc:
        print(json.dumps({"error": str(exc)}))
        sys.exit(0)
    taken = open(tmp + "/rwlock").read()
    with _edit_rwlock(tmp, localfs, False) as lock:
        _release_write(lock, info, w)
        _release_read(lock, info, r)
    print(json.dumps({"taken": taken, "released": open(tmp + "/rwlock").read()}))
    """

  /// A pid no process has: a child's, once it ended.
  static func deadPid() -> Int {
    Int(DVCTool.shell("sh -c 'echo $$'").stdout.trimmingSpaces) ?? 999_999
  }

  @Test func editsLeaveTheBytesDVCLeaves() throws {
    let temporary = TemporaryFolder()
    let folder = temporary.path
    let dead = Self.deadPid()
    let ghost = #"{"pid": \#(dead), "cmd": "dvc repro"}"#
    let live = #"{"pid": 1, "cmd": "/usr/bin/dvc repro"}"#
    let me = DVCRWLockTable.Holder(pid: Int(getpid()), cmd: "pipeshell -c 'run' dvc.yaml")
    let cases: [(start: String, read: [String], write: [String])] = [
      (#"{"read": {}, "write": {}}"#, ["/p/in", "/p/params.yaml"], ["/p/out"]),
      (#"{"write": {}, "read": {}}"#, ["/p/in"], []),
      (#"{"read": {}, "write": {}}"#, [], ["/p/out"]),
      (
        #"{"read": {"/p/out/x": [\#(ghost)], "/p/in": [\#(ghost), \#(live)]}, "write": {"/p/in": \#(ghost)}}"#,
        ["/p/in"], ["/p/out"]
      ),
      (#"{"read": {"/p/out": [\#(ghost)]}, "write": {"/p/z": \#(live)}}"#, ["/p/in"], ["/p/out"]),
      (#"{"write": {"/p/data": \#(live)}, "read": {}}"#, ["/p/data/x", "/p/b"], ["/p/m"]),
      (#"{"read": {"/p/out": [\#(live)]}, "write": {"/p/a": \#(live), "/p/zz": \#(live)}}"#, ["/p/a"], ["/p/out"]),
      (
        #"{"read": {"/p/in": [{"pid": \#(me.pid), "cmd": "pipeshell -c 'run' dvc.yaml"}]}, "write": {}}"#, ["/p/in"], []
      ),
    ]
    for (index, item) in cases.enumerated() {
      let tmp = folder + "/case\(index)"
      try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
      _ = FileManager.default.createFile(atPath: tmp + "/rwlock", contents: Data(item.start.utf8))
      let request = JSONWriter.text(
        .object([
          ("pid", .int(me.pid)), ("cmd", .string(me.cmd)), ("read", .array(item.read.map { .string($0) })),
          ("write", .array(item.write.map { .string($0) })),
        ]))
      let theirs = try #require(JSONValue.parse(try Self.python(Self.edit, [tmp, request], in: folder)))
      _ = FileManager.default.createFile(atPath: tmp + "/rwlock", contents: Data(item.start.utf8))
      let file = DVCRWLockFile(folder: tmp)
      let taken = file.edit { table -> Result<DVCRWLockTable.Acquired, DVCLockingProblem> in
        table.acquire(read: item.read, write: item.write, as: me, file: file.path, isAlive: DVCProcessLiveness.isAlive)
          .map { $0.acquired }.mapError { DVCLockingProblem.busy($0) }
      }
      switch taken {
      case .failure(let problem):
        #expect(theirs["error"]?.string == problem.description, "case \(index)")
        #expect(Self.text(tmp + "/rwlock") == item.start, "case \(index): a blocked edit writes nothing")
      case .success(let acquired):
        #expect(theirs["taken"]?.string == Self.text(tmp + "/rwlock"), "case \(index)")
        _ = file.edit { table -> Result<Void, DVCLockingProblem> in
          table.release(acquired, as: me)
          return .success(())
        }
        #expect(theirs["released"]?.string == Self.text(tmp + "/rwlock"), "case \(index)")
      }
    }
  }

  static func text(_ path: String) -> String {
    String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
  }

  @Test func aLockDVCHoldsIsNotTakenAndTheOtherWayRound() throws {
    let temporary = TemporaryFolder()
    let folder = temporary.path
    let path = folder + "/lock"
    let python = try #require(DVCTool.python)
    // zc.lockfile (DVC's) holds it: pipeshell gives up with DVC's message.
    let holder = DVCTool.shell(
      "'\(python)' -c 'import zc.lockfile, time; l = zc.lockfile.LockFile(\"\(path)\"); time.sleep(30)' "
        + ">/dev/null 2>&1 & echo $!", in: folder)
    let pid = try #require(Int32(holder.stdout.trimmingSpaces))
    defer { kill(pid, SIGKILL) }
    var waited = 0
    while Self.text(path) != " \(pid)\n", waited < 200 {
      usleep(50_000)
      waited += 1
    }
    #expect(throws: DVCFileLock.Problem.held(path: path)) {
      try DVCFileLock.acquire(path, retries: 1, delayMicroseconds: 10_000)
    }
    kill(pid, SIGKILL)
    // pipeshell holds it: zc.lockfile cannot take it, and the file names pipeshell's pid.
    let lock = try DVCFileLock.acquire(path, retries: 40, delayMicroseconds: 50_000)
    #expect(Self.text(path) == " \(getpid())\n")
    let tried = DVCTool.shell(
      "'\(python)' -c 'import zc.lockfile; zc.lockfile.LockFile(\"\(path)\")' 2>&1 | tail -1", in: folder)
    #expect(tried.stdout.contains("zc.lockfile.LockError: Couldn't lock"), "\(tried.stdout)")
    lock.release()
    let after = DVCTool.shell(
      "'\(python)' -c 'import zc.lockfile; zc.lockfile.LockFile(\"\(path)\"); print(\"taken\")'", in: folder)
    #expect(after.stdout.trimmingSpaces == "taken")
  }

  @Test func theMessageOfALockKeptIsDVCs() throws {
    let python = try #require(DVCTool.python)
    let theirs = DVCTool.shell("'\(python)' -c 'from dvc.lock import FAILED_TO_LOCK_MESSAGE as m; print(m)'")
    // DVC colours the link only on a terminal.
    let plain = theirs.stdout.trimmingSpaces.replacing(/\x1b\[[0-9;]*m/, with: "")
    #expect(plain == DVCFileLock.failedMessage)
  }
}
