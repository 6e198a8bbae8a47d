import Testing

@testable import PipelineCore

/// The store-backed step cache keeps outputs and says when it could not.
@Suite struct StoreStepCacheTests {
  let folder = TemporaryFolder()

  private func plannedStep(_ yaml: String) throws -> PlannedStep {
    try #require(try CoreFixtures.planned(yaml, in: folder.path).plan.steps.first)
  }

  @Test func outputsThatCannotBeRecordedAreReportedNotDropped() throws {
    let step = try plannedStep(
      """
      steps:
        make: {run: "true", outputs: [out.txt]}
      """)
    try folder.write(Array("made\n".utf8), to: "out.txt")
    let store = try RunStore(folder: folder.file(".pipeshell"))
    let runID = try store.beginRun(sampleRun())
    let cache = StoreStepCache(
      store: store, workspace: LocalWorkspace(cache: store.outputCache), runID: runID, previous: nil)
    // The step has no row in the store (never recorded), so its outputs cannot refer to it.
    cache.keepOutputs(of: step, result: StepRecord(name: "make", state: .ok))
    #expect(cache.problems.count == 1)
    #expect(cache.problems.first?.hasPrefix("cannot record the outputs of make:") ?? false)

    try store.updateStep(runID: runID, StepRecord(name: "make", state: .ok))
    cache.keepOutputs(of: step, result: StepRecord(name: "make", state: .ok))
    #expect(cache.problems.count == 1)  // recorded this time
    #expect(try store.outputs(runID: runID, step: "make").keys.sorted() == ["out.txt"])
  }
}
