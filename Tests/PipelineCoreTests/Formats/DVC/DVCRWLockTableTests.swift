import Testing

@testable import PipelineCore

/// DVC's stage lock table (`.dvc/tmp/rwlock`) read, edited and written by pipeshell: what DVC
/// writes reads back byte for byte, hostile text is a clear problem (never a crash), and the
/// rules of `dvc/rwlock.py` hold (see DVCLocksAgainstDVCTests for the same edits made by DVC).
@Suite struct DVCRWLockTableTests {
  static let me = DVCRWLockTable.Holder(pid: 100, cmd: "pipeshell -c run dvc.yaml")
  static let dvc = DVCRWLockTable.Holder(pid: 200, cmd: "/usr/bin/dvc repro")
  static let file = "/p/.dvc/tmp/rwlock"

  static func alive(_ pids: Int...) -> (Int) -> Bool { { pids.contains($0) } }

  @Test(arguments: [
    #"{}"#,
    #"{"read": {}}"#,
    #"{"write": {}}"#,
    #"{"write": {}, "read": {}}"#,
    #"{"read": {"/p/in.txt": [{"pid": 200, "cmd": "/usr/bin/dvc repro"}, {"pid": 3, "cmd": "dvc status"}]}, "write": {"/p/out.txt": {"pid": 200, "cmd": "/usr/bin/dvc repro"}}}"#,
    #"{"write": {"/p/\u00e9t\u00e9 \"x\"\\y": {"pid": 1, "cmd": "dvc\nrepro\t\ud83d\ude00"}}, "read": {}}"#,
  ])
  func whatDVCWritesReadsBackAsItWasWithBothSections(text: String) throws {
    let table = try DVCRWLockTable.parse(text, file: Self.file)
    let expected: String
    switch text {
    case "{}": expected = #"{"read": {}, "write": {}}"#
    case #"{"read": {}}"#: expected = #"{"read": {}, "write": {}}"#
    case #"{"write": {}}"#: expected = #"{"write": {}, "read": {}}"#
    default: expected = text
    }
    #expect(table.json == expected)
  }

  @Test func pathsAndCommandsKeepEveryCharacter() throws {
    let table = try DVCRWLockTable.parse(
      #"{"read": {}, "write": {"/p/\u00e9t\u00e9 \"x\"\\y": {"pid": 1, "cmd": "a\u007fb\ud83d\ude00"}}}"#,
      file: Self.file)
    #expect(table.write?.first?.path == "/p/été \"x\"\\y")
    #expect(table.write?.first?.holder.cmd == "a\u{7f}b😀")
  }

  enum Kind: String { case corrupted, format }

  /// Hostile texts and what is wrong with each. DVC (`json.load`, then its schema) sorts them
  /// the same way (checked in DVCLocksAgainstDVCTests), but for `true` as a pid (Python takes a
  /// bool for an int), a pid beyond 64 bits (DVC reads it, then fails with an `OverflowError`)
  /// and nesting deeper than Python's recursion limit, which pipeshell refuses plainly.
  static let hostile: [(String, Kind, String)] = [
    ("", Kind.corrupted, "line 1, column 1"),
    ("{", .corrupted, "line 1"),
    (#"{"read": {}} x"#, .corrupted, "Extra data"),
    ("{\"read\": {\"/p\u{0}\": []}}", .corrupted, ""),
    (#"{"read": {"/p": [{"pid": 99999999999999999999999, "cmd": "x"}]}}"#, .format, "99999999999999999999999, beyond"),
    (String(repeating: "[", count: 5000), .corrupted, ""),
    ("[]", .format, "it does not hold a JSON object"),
    ("null", .format, "it does not hold a JSON object"),
    ("0", .format, "it does not hold a JSON object"),
    (#""{}""#, .format, "it does not hold a JSON object"),
    (#"{"read": {}, "owner": 1}"#, .format, "'owner' is not a key of the file"),
    (#"{"read": []}"#, .format, "'read' is a list, not an object"),
    (#"{"write": []}"#, .format, "'write' is a list, not an object"),
    (#"{"read": {"/p": {"pid": 1, "cmd": "x"}}}"#, .format, "'read' of '/p' is a dict, not a list of holders"),
    (#"{"write": {"/p": [{"pid": 1, "cmd": "x"}]}}"#, .format, "'write' of '/p' is a list"),
    (#"{"write": {"/p": {"pid": "1", "cmd": "x"}}}"#, .format, "the pid in 'write' of '/p' is a str, not an integer"),
    (#"{"write": {"/p": {"pid": 1.0, "cmd": "x"}}}"#, .format, "the pid in 'write' of '/p' is a float"),
    (#"{"write": {"/p": {"pid": true, "cmd": "x"}}}"#, .format, "is a bool, not an integer"),
    (#"{"write": {"/p": {"pid": 1, "cmd": null}}}"#, .format, "the cmd in 'write' of '/p' is a NoneType, not a string"),
    (#"{"write": {"/p": {"pid": 1}}}"#, .format, "'write' of '/p' has no 'cmd'"),
    (#"{"read": {"/p": [{"cmd": "x"}]}}"#, .format, "'read' of '/p' has no 'pid'"),
    (#"{"read": {"/p": [{"pid": 1, "cmd": "x", "host": "h"}]}}"#, .format, "'host' in 'read' of '/p' is not a key"),
    (#"{"read": {"/p": [7]}}"#, .format, "'read' of '/p' is a int, not {\"pid\": ..., \"cmd\": ...}"),
  ]

  /// The hostile texts DVC sorts as pipeshell does.
  static var hostileAsDVC: [(String, Kind, String)] {
    hostile.filter { !$0.0.contains("true") && !$0.0.contains("9999999999") && !$0.0.hasPrefix("[[[") }
  }

  @Test(arguments: hostile)
  func hostileTextIsAClearProblem(text: String, kind: Kind, detail: String) {
    do {
      let table = try DVCRWLockTable.parse(text, file: Self.file)
      Issue.record("read \(table) from \(text.prefix(80))")
    } catch {
      switch (kind, error) {
      case (.corrupted, .corrupted(let file, let found)), (.format, .format(let file, let found)):
        #expect(file == Self.file)
        #expect(found.contains(detail), "\(found)")
      default:
        Issue.record("\(text.prefix(80)): \(error)")
      }
      let start =
        kind == .corrupted
        ? "Unable to read RWLock-file '\(Self.file)'. JSON structure is corrupted"
        : "RWLock-file '\(Self.file)' format error"
      #expect(error.description.hasPrefix(start), "\(error)")
    }
  }

  @Test func aTextBeyondTheBoundIsRefusedUnread() {
    let text = #"{"read": {}, "write": {"# + String(repeating: " ", count: DVCRWLockTable.maximumBytes) + "}}"
    #expect(throws: DVCRWLockTableProblem.corrupted(file: Self.file, detail: "it is larger than 16 MiB")) {
      try DVCRWLockTable.parse(text, file: Self.file)
    }
  }

  @Test func aStageTakesItsDependenciesToReadAndItsOutputsToWrite() throws {
    var table = DVCRWLockTable()
    let taken = try table.acquire(
      read: ["/p/in.txt", "/p/params.yaml"], write: ["/p/out.txt"], as: Self.me, file: Self.file,
      isAlive: Self.alive()
    ).get()
    #expect(taken.stale.isEmpty)
    #expect(
      table.json
        == #"{"read": {"/p/in.txt": [{"pid": 100, "cmd": "pipeshell -c run dvc.yaml"}], "/p/params.yaml": [{"pid": 100, "cmd": "pipeshell -c run dvc.yaml"}]}, "write": {"/p/out.txt": {"pid": 100, "cmd": "pipeshell -c run dvc.yaml"}}}"#
    )
    table.release(taken.acquired, as: Self.me)
    #expect(table.json == "{}")
  }

  /// What DVC leaves after a stage: a section the release did not empty stays, empty.
  @Test func releasingLeavesTheSectionsDVCLeaves() throws {
    for (read, write, left) in [
      (["/p/in"], [String](), #"{"write": {}}"#), ([], ["/p/out"], #"{"read": {}}"#),
      ([], [], #"{"read": {}, "write": {}}"#),
    ] {
      var table = try DVCRWLockTable.parse("{}", file: Self.file)
      let taken = try table.acquire(read: read, write: write, as: Self.me, file: Self.file, isAlive: Self.alive()).get()
      var reread = try DVCRWLockTable.parse(table.json, file: Self.file)
      reread.release(taken.acquired, as: Self.me)
      #expect(reread.json == left)
    }
  }

  @Test func aLiveWriterOfAnOverlappingPathBlocksWithDVCsMessage() throws {
    let text = #"{"read": {}, "write": {"/p/data": {"pid": 200, "cmd": "/usr/bin/dvc repro"}}}"#
    var table = try DVCRWLockTable.parse(text, file: Self.file)
    let result = table.acquire(
      read: ["/p/data/train.csv"], write: ["/p/model.pkl"], as: Self.me, file: Self.file, isAlive: Self.alive(200))
    guard case .failure(let busy) = result else {
      Issue.record("not blocked: \(table.json)")
      return
    }
    #expect(
      busy.description == """
        '/p/data/train.csv' is busy, it is being blocked by:
          (PID 200): /usr/bin/dvc repro

        If there are no processes with such PIDs, you can manually remove '/p/.dvc/tmp/rwlock' and try again.
        """)
    // Nothing to write back: the table is left as it was read.
    #expect(table.json == text)
  }

  @Test func readersShareAPathButKeepWritersOut() throws {
    var table = DVCRWLockTable(read: [.init(path: "/p/in", holders: [Self.dvc])])
    #expect(throws: Never.self) {
      try table.acquire(read: ["/p/in"], write: [], as: Self.me, file: Self.file, isAlive: Self.alive(200)).get()
    }
    var writer = DVCRWLockTable(read: [.init(path: "/p/in", holders: [Self.dvc])])
    let result = writer.acquire(read: [], write: ["/p"], as: Self.me, file: Self.file, isAlive: Self.alive(200))
    guard case .failure(let busy) = result else {
      Issue.record("a reader did not keep a writer out")
      return
    }
    #expect(busy.blockers == [Self.dvc] && busy.path == "/p")
  }

  @Test func aProcessIsNeverBlockedByItself() throws {
    var table = DVCRWLockTable(write: [.init(path: "/p/out", holder: Self.me)])
    let taken = try table.acquire(
      read: ["/p/out"], write: ["/p/out"], as: Self.me, file: Self.file, isAlive: Self.alive(100)
    ).get()
    #expect(taken.acquired.write.isEmpty && taken.acquired.read == ["/p/out"])
  }

  @Test func holdersOfDeadProcessesInTheWayAreDroppedWithDVCsWarning() throws {
    let ghost = DVCRWLockTable.Holder(pid: 300, cmd: "dvc repro")
    var table = DVCRWLockTable(
      read: [.init(path: "/p/out", holders: [ghost]), .init(path: "/p/elsewhere", holders: [ghost])],
      write: [.init(path: "/p/in", holder: ghost)])
    let taken = try table.acquire(
      read: ["/p/in"], write: ["/p/out"], as: Self.me, file: Self.file, isAlive: Self.alive()
    ).get()
    #expect(taken.stale.map(\.path) == ["/p/in", "/p/out"])
    #expect(
      taken.stale.first?.warning(workingFolder: "/p")
        == "Process 'dvc repro' with (Pid 300), in RWLock-file 'in' had been killed. Auto removed it from the lock file."
    )
    // A dead reader of a path nobody asked to write stays, as in DVC.
    #expect(table.holders(of: "/p/elsewhere", in: .read) == [ghost])
    #expect(table.holders(of: "/p/in", in: .write).isEmpty)
  }

  /// DVC names the waiter it looked at last: the last path of the table decides.
  @Test func theBusyPathIsTheOneDVCNames() throws {
    var table = DVCRWLockTable(
      write: [.init(path: "/p/a", holder: Self.dvc), .init(path: "/p/z", holder: Self.dvc)])
    let result = table.acquire(
      read: ["/p/a", "/p/b"], write: [], as: Self.me, file: Self.file, isAlive: Self.alive(200))
    guard case .failure(let busy) = result else {
      Issue.record("not blocked")
      return
    }
    #expect(busy.path == "/p/b")
  }

  @Test(arguments: [
    ("/p/a", "/p/a", true), ("/p/a", "/p/a/b", true), ("/p/a/b", "/p/a", true), ("/p/a", "/p/ab", false),
    ("/p/a/", "/p/a", true), ("/p/./a", "/p/a/x", true), ("p/a", "/p/a", false), ("/", "/p", true),
  ])
  func pathsOverlapByWholeParts(a: String, b: String, overlap: Bool) {
    #expect(DVCRWLockTable.overlaps(a, b) == overlap)
  }
}
