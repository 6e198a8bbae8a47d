import FoundationEssentials
import Glibc
import Testing

@testable import PipelineCore

/// The cache keeps one copy of equal content, so each output's permission bits are kept with
/// its record: a reused step's outputs and a checked-out run's come back each with its own mode
/// (an executable and a plain file with the same bytes, in a folder or not). Stores made before
/// modes were kept still open, and their outputs come back with the cached copy's bit.
@Suite struct OutputModeTests {
  static let pipeline = """
    name: p
    params:
      n: {type: int, default: 1}
    steps:
      make:
        run: "echo ${n} > plain.txt; echo ${n} > tool.sh; chmod 751 tool.sh; rm -rf out; mkdir out; echo ${n} > out/a.sh; chmod +x out/a.sh; echo ${n} > out/b.txt; chmod 600 out/b.txt"
        outputs: [plain.txt, tool.sh, out]
    """

  static let files = ["plain.txt", "tool.sh", "out/a.sh", "out/b.txt"]

  static func modes(_ project: ProjectFixture) -> [String: Int] {
    Dictionary(uniqueKeysWithValues: files.map { ($0, project.folder.mode(project.folder.file($0))) })
  }

  @Test func aReusedStepsOutputsComeBackEachWithItsOwnMode() throws {
    let project = try ProjectFixture(Self.pipeline)
    try project.run(["n": "1"])
    let made = Self.modes(project)
    #expect(made["tool.sh"] == 0o751 && made["out/b.txt"] == 0o600, "\(made)")
    try project.run(["n": "2"])
    let (back, _) = try project.run(["n": "1"])
    #expect(back.steps[0].state == .reused)
    #expect(back.steps[0].reason?.contains("restored plain.txt, tool.sh, out from the cache") == true)
    #expect(Self.modes(project) == made)
  }

  @Test func aCheckedOutRunsOutputsComeBackEachWithItsOwnMode() throws {
    let project = try ProjectFixture(Self.pipeline)
    let (first, _) = try project.run(["n": "1"])
    let made = Self.modes(project)
    try project.run(["n": "2"])
    let checkout = try Checkout(run: first, into: project.pipeline.folder, store: project.store)
    #expect(Set(try checkout.apply(force: false).map(\.path)) == ["plain.txt", "tool.sh", "out"])
    #expect(Self.modes(project) == made)
  }

  /// A store at the schema before modes were kept: it opens (and is brought up to date), its
  /// outputs are read as before, with no mode, and are restored with the cached copy's bit.
  @Test func aStoreFromBeforeModesWereKeptOpensAndRestoresItsOutputs() throws {
    let folder = TemporaryFolder()
    let storeFolder = folder.file(".pipeshell")
    try PosixFiles.makeFolders(storeFolder, mode: 0o700)
    let hash = try OutputCache(folder: storeFolder + "/cache").store(try folder.write(Array("x".utf8), to: "made"))
    do {
      let old = try SQLiteDatabase(path: storeFolder + "/runs.db")
      let before = RunStore.migrations.count - 1
      for migration in RunStore.migrations.prefix(before) { try old.execute(migration) }
      try old.execute("PRAGMA user_version = \(before)")
      try old.execute(
        """
        INSERT INTO runs (id, started_at, status, pipeline_name, pipeline_hash, command, owner_pid)
          VALUES (1, 0, 'ok', 'p', 'h', 'run', 1);
        INSERT INTO steps (run_id, name, position, state) VALUES (1, 'make', 0, 'ok');
        INSERT INTO step_outputs (run_id, step, path, hash) VALUES (1, 'make', 'made', '\(hash)');
        """)
    }
    let store = try RunStore(folder: storeFolder)
    #expect(try store.database.query("PRAGMA user_version")[0].int(at: 0) == RunStore.migrations.count)
    #expect(try store.outputs(runID: 1, step: "make") == ["made": hash])
    #expect(try store.outputModes(runID: 1, step: "make").isEmpty)
    try store.recordOutputs(runID: 1, step: "make", outputs: ["other": hash], modes: ["other": 0o700])
    #expect(try store.outputModes(runID: 1, step: "make") == ["other": 0o700])
    #expect(try store.outputCache.restore(hash, to: folder.file("again"), mode: nil))
    #expect(folder.mode(folder.file("again")) == 0o644)
  }
}
