import Testing

@testable import PipelineCore

/// An output a step writes a secret into is never copied into the cache (the run store holds no
/// secret): the step is reused while the file is unchanged, runs again otherwise, and `checkout`
/// says why it cannot bring the file back.
@Suite struct SecretOutputTests {
  static let pipeline = """
    name: p
    params:
      key: {type: secret}
      n: {type: int, default: 1}
    steps:
      write:
        env: {KEY: "${key}"}
        outputs: [config.txt, out]
        run: "echo \\"key=$KEY\\" > config.txt; mkdir -p out; echo \\"$KEY\\" | base64 > out/k.b64; echo ${n} > out/n.txt"
    """

  static func run(_ project: ProjectFixture, n: String = "1") throws -> (RunRecord, ActiveRun) {
    let request = RunRequest(
      input: ResolutionInput(
        pipeline: project.pipeline, environment: ProjectFixture.environment,
        sessionBindings: [CoreFixtures.secret("key", "hunter2-secret-value")],
        runOverrides: [ProjectFixture.binding("n", n)]),
      command: "test", jobs: 1)
    let active = try project.service.start(request, subscribers: [])
    _ = active.proceed(ignoringFirstStop: false) { _ in false }
    return (try #require(try project.store.run(id: active.runID)), active)
  }

  @Test func anOutputHoldingASecretIsRecordedButNeverCached() throws {
    let project = try ProjectFixture(Self.pipeline)
    let (first, active) = try Self.run(project)
    #expect(first.steps.map(\.state) == [.ok])
    #expect(active.notes.contains { $0.hasPrefix("config.txt of write holds a secret") })
    #expect(active.notes.contains { $0.hasPrefix("out/k.b64 of write holds a secret") })
    let rows = try project.store.outputs(runID: 1, step: "write")
    #expect(rows["config.txt"]?.hasPrefix("secret:") == true)
    #expect(rows.keys.sorted() == ["config.txt", "out"], "no file of the folder is kept")
    let cached = project.folder.allFiles(in: project.folder.file(".pipeshell/cache"))
    #expect(cached.isEmpty, "\(cached)")

    let (again, _) = try Self.run(project)
    #expect(again.steps.map(\.state) == [.reused], "unchanged on disk: reused")
    try project.folder.write(Array("edited".utf8), to: "config.txt")
    let (third, _) = try Self.run(project)
    #expect(third.steps.map(\.state) == [.ok], "changed and not cached: it runs again")

    try project.folder.write(Array("edited".utf8), to: "config.txt")
    let checkout = try Checkout(run: first, into: project.pipeline.folder, store: project.store)
    let entry = try #require(checkout.entries.first { $0.path == "config.txt" })
    #expect(entry.action == .unavailable("it holds a secret, which is never kept in the cache"))
  }
}
