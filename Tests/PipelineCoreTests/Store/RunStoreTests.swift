import Testing

@testable import PipelineCore

#if canImport(Glibc)
  import Glibc
#endif

/// A run as the engine would begin it, with one parameter of each provenance.
func sampleRun(command: String = "run", parent: Int? = nil, lr: String = "0.01") -> NewRun {
  NewRun(
    startedAt: 1_700_000_000, pipelineName: "train-eval",
    pipelineHash: ContentHasher.hash("pipeline"),
    profile: "prod", command: command, parentRunID: parent,
    parameters: [
      ParameterRecord(
        name: "epochs", value: "20", layer: "session", source: "set epochs 20",
        fingerprintValue: "20"),
      ParameterRecord(
        name: "lr", value: lr, layer: "run", source: "run lr=\(lr)", fingerprintValue: lr),
      ParameterRecord(
        name: "model", value: "\"mlp\"", layer: "default", source: "pipeline.yaml:5:3",
        fingerprintValue: "mlp"),
    ])
}

@Suite struct RunStoreTests {
  @Test func migratesAnEmptyStoreAndReopensIt() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.file(".pipeshell"))
    let version = try store.database.query("PRAGMA user_version")[0].int(at: 0)
    #expect(version == RunStore.migrations.count)
    let tables = try store.database.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    #expect(
      try tables.map { try $0.text(at: 0) }.filter { !$0.hasPrefix("sqlite_") } == [
        "metrics", "parameter_changes", "parameters", "run_dynamic_values", "run_epochs", "runs", "step_outputs",
        "steps",
      ])
    _ = try RunStore(folder: folder.file(".pipeshell"))
    #expect(PosixFiles.isFolder(folder.file(".pipeshell/logs")))
  }

  @Test func refusesAStoreFromANewerSchema() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    try store.database.execute("PRAGMA user_version = 99")
    #expect(throws: StoreError.schemaTooNew(found: 99, supported: RunStore.migrations.count)) {
      try RunStore(folder: folder.path)
    }
  }

  @Test func aRunIsReadBackWithParametersStepsAndMetrics() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    let id = try store.beginRun(sampleRun(command: "rerun lr=0.02", parent: nil))
    try store.updateStep(
      runID: id, StepRecord(name: "prepare", state: .running, startedAt: 10, attempts: 1))
    try store.updateStep(runID: id, StepRecord(name: "train", state: .pending))
    try store.updateStep(
      runID: id,
      StepRecord(
        name: "prepare", state: .ok, reason: "inputs changed", exitCode: 0, startedAt: 10,
        finishedAt: 11.5,
        fingerprint: "fp-prepare", metrics: ["rows": 1000], attempts: 1))
    try store.addMetric(runID: id, step: "prepare", name: "seconds", value: 1.5)
    try store.addMetric(runID: id, step: "prepare", name: "rows", value: 1200)
    try store.finishRun(runID: id, status: .failed, finishedAt: 12)

    let run = try #require(try store.run(id: id))
    #expect(run.id == id)
    #expect(run.status == .failed)
    #expect(run.startedAt == 1_700_000_000)
    #expect(run.finishedAt == 12)
    #expect(run.command == "rerun lr=0.02")
    #expect(run.profile == "prod")
    #expect(run.parentRunID == nil)
    #expect(run.ownerPID == getpid())
    #expect(
      run.parameters
        == sampleRun().parameters.map {
          var p = $0
          if p.name == "lr" { p.value = "0.01" }
          return p
        })
    #expect(run.steps.map(\.name) == ["prepare", "train"])
    #expect(
      run.steps[0]
        == StepRecord(
          name: "prepare", state: .ok, reason: "inputs changed", exitCode: 0, startedAt: 10,
          finishedAt: 11.5,
          fingerprint: "fp-prepare", metrics: ["rows": 1200, "seconds": 1.5], attempts: 1))
    #expect(run.steps[1] == StepRecord(name: "train", state: .pending))
    #expect(try store.run(id: id + 1) == nil)
  }

  @Test func recentRunsAreNewestFirstAndLinkedToTheirParent() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    #expect(try store.lastRunID() == nil)
    #expect(try store.recentRuns(limit: 5).isEmpty)
    let first = try store.beginRun(sampleRun())
    let second = try store.beginRun(sampleRun(command: "rerun", parent: first, lr: "0.02"))
    let third = try store.beginRun(sampleRun(command: "rerun", parent: second, lr: "0.03"))
    #expect(try store.lastRunID() == third)
    let recent = try store.recentRuns(limit: 2)
    #expect(recent.map(\.id) == [third, second])
    #expect(recent.map(\.parentRunID) == [second, first])
    #expect(recent.map { $0.parameters[1].value } == ["0.03", "0.02"])
    #expect(recent.allSatisfy { $0.status == .running && $0.finishedAt == nil })
  }

  @Test func writingToAMissingRunOrStepIsAnError() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    #expect(throws: StoreError.unknownRun(7)) {
      try store.updateStep(runID: 7, StepRecord(name: "train", state: .running))
    }
    #expect(throws: StoreError.unknownRun(7)) {
      try store.finishRun(runID: 7, status: .ok, finishedAt: 1)
    }
    let id = try store.beginRun(sampleRun())
    #expect(throws: StoreError.unknownStep(runID: id, step: "train")) {
      try store.addMetric(runID: id, step: "train", name: "loss", value: 0.1)
    }
  }

  @Test func aNaNMetricSurvivesTheRoundTrip() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    let id = try store.beginRun(sampleRun())
    try store.updateStep(
      runID: id, StepRecord(name: "train", state: .ok, metrics: ["loss": .nan, "acc": .infinity]))
    let metrics = try #require(try store.run(id: id)?.steps.first?.metrics)
    #expect(metrics["loss"]?.isNaN == true)
    #expect(metrics["acc"] == .infinity)
  }

  @Test func secretsAreNeverStoredInClear() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    let secret = Secret("hunter2-very-secret-token")
    let fingerprint = try store.secretFingerprint(of: secret)
    #expect(fingerprint != ContentHasher.hash(secret.revealed()))
    var run = sampleRun()
    run.parameters.append(
      ParameterRecord(
        name: "api_key", value: secret.revealed(), layer: "session", source: "secret api_key",
        isSecret: true, fingerprintValue: fingerprint))
    let id = try store.beginRun(run)
    try store.finishRun(runID: id, status: .ok, finishedAt: 2)

    let stored = try #require(try store.run(id: id)?.parameters.last)
    #expect(stored.value == "****")
    #expect(stored.isSecret)
    #expect(stored.fingerprintValue == fingerprint)
    let clear = Array(secret.revealed().utf8)
    let files = folder.allFiles()
    #expect(files.contains { $0.hasSuffix("runs.db") })
    for file in files {
      #expect(folder.read(file)?.containsSequence(clear) == false, "secret found in \(file)")
    }
  }

  @Test func aSecretWhoseFingerprintIsNotAKeyedHashIsRefused() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    var run = sampleRun()
    run.parameters.append(
      ParameterRecord(
        name: "api_key", value: "****", layer: "env", source: "PIPESHELL_API_KEY", isSecret: true,
        fingerprintValue: "hunter2-very-secret-token"))
    #expect(throws: StoreError.secretNotHashed(parameter: "api_key")) { try store.beginRun(run) }
    #expect(try store.lastRunID() == nil)
    #expect(folder.allFiles(in: folder.file("locks")).isEmpty)
  }

  @Test func successfulStepFindsTheNewestStepThatRanWithTheFingerprint() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    #expect(try store.successfulStep(fingerprint: "fp") == nil)
    let states: [StepState] = [.ok, .ok, .failed, .reused, .running]
    var ids: [Int] = []
    for (offset, state) in states.enumerated() {
      let id = try store.beginRun(sampleRun())
      ids.append(id)
      try store.updateStep(
        runID: id,
        StepRecord(
          name: "train", state: state, fingerprint: "fp", metrics: ["loss": Double(offset)]))
    }
    let found = try #require(try store.successfulStep(fingerprint: "fp"))
    #expect(found.runID == ids[1])
    #expect(found.step.state == .ok)
    #expect(found.step.metrics == ["loss": 1])
    #expect(try store.successfulStep(fingerprint: "other") == nil)
  }

  @Test func logPathsStayInsideTheRunsLogFolder() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    let id = try store.beginRun(sampleRun())
    #expect(store.logPath(runID: id, step: "train") == "\(folder.path)/logs/\(id)/train.log")
    #expect(PosixFiles.isFolder("\(folder.path)/logs/\(id)"))
    #expect(RunStore.fileName(for: "train.v2") == "train.v2")
    #expect(RunStore.fileName(for: "a/b") == "a%2Fb")
    #expect(RunStore.fileName(for: "..") == "%2E.")
    #expect(RunStore.fileName(for: "50%") == "50%25")
    #expect(RunStore.folder(besidePipeline: "/p/pipeline.yaml") == "/p/.pipeshell")
    #expect(RunStore.folder(besidePipeline: "pipeline.yaml") == "./.pipeshell")
  }

  @Test func tenThousandRunsInOneTransactionThenARecentPage() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    let template = sampleRun()
    try store.database.transaction { (connection) throws(SQLiteError) in
      for index in 1...10_000 {
        let id = try RunStore.insertRun(template, ownerPID: 1, ownerLock: nil, into: connection)
        try RunStore.upsertStep(
          StepRecord(name: "prepare", state: .ok, fingerprint: "p\(index)"), runID: id,
          into: connection)
        try RunStore.upsertStep(
          StepRecord(name: "train", state: .ok, metrics: ["loss": Double(index)]), runID: id,
          into: connection)
        _ = try RunStore.finish(runID: id, status: .ok, finishedAt: Double(index), in: connection)
      }
    }
    let page = try store.recentRuns(limit: 20)
    #expect(page.map(\.id) == Array((9_981...10_000).reversed()))
    #expect(page.allSatisfy { $0.parameters == template.parameters && $0.steps.count == 2 })
    #expect(page.first?.steps[1].metrics == ["loss": 10_000])
    #expect(page.last?.steps[0].fingerprint == "p9981")
    #expect(try store.successfulStep(fingerprint: "p5000")?.runID == 5_000)
  }
  @Test func importedRunsReadBackFinishedAndHoldNoLock() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    let first = try store.beginRun(sampleRun())
    try store.finishRun(runID: first, status: .ok, finishedAt: 1_700_000_001)
    let imported = (0..<3).map { index in
      RunRecord(
        id: 0, startedAt: 1_700_000_100 + Double(index), finishedAt: 1_700_000_200, status: .ok,
        pipelineName: "train-eval", pipelineHash: "h", command: "run lr=\(index)",
        parameters: sampleRun(lr: String(index)).parameters,
        steps: [StepRecord(name: "train", state: .ok, fingerprint: "f\(index)", metrics: ["loss": Double(index)])],
        ownerPID: 1)
    }
    #expect(try store.importRuns(imported) == [first + 1, first + 2, first + 3])
    let back = try #require(try store.run(id: first + 3))
    #expect(back.status == .ok && back.finishedAt == 1_700_000_200 && back.command == "run lr=2")
    #expect(back.parameters == imported[2].parameters)
    #expect(back.steps == imported[2].steps)
    #expect(try store.markAbandonedRunsInterrupted().isEmpty)
    #expect(try store.successfulStep(fingerprint: "f1")?.runID == first + 2)
  }

  @Test func importingASecretInClearIsRefusedAndImportsNothing() throws {
    let folder = TemporaryFolder()
    let store = try RunStore(folder: folder.path)
    var run = RunRecord(id: 0, startedAt: 1, status: .ok, pipelineName: "p", pipelineHash: "h", command: "run", ownerPID: 1)
    run.parameters = [
      ParameterRecord(name: "api_key", value: "****", layer: "env", source: "E", isSecret: true, fingerprintValue: "clear-text")
    ]
    #expect(throws: StoreError.secretNotHashed(parameter: "api_key")) { try store.importRuns([run]) }
    #expect(try store.lastRunID() == nil)
  }
}
