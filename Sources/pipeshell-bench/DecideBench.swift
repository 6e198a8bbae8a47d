import PipelineCore

/// `decide FILE NAME=VALUE`: the rerun decision. Records one real run of the pipeline first
/// (unless the store beside it already has a successful one), then times what a rerun with
/// `NAME=VALUE` spends before running anything: resolving, planning, reading the previous
/// run, and each step's fingerprint and cache lookup in order, results fed forward as the
/// engine would. Nothing is run or recorded while timing.
struct DecideBench {
  var file: String
  var override: (name: String, value: String)
  var repetitions: Int
  var environment: [String: String]

  func run() throws {
    let path = Files.absolute(file)
    let (pipeline, load) = try Measure.time { try loadPipeline(path) }
    let launcher = PosixProcessLauncher()
    let sources = LocalDynamicSources(launcher: launcher, environment: environment)
    let store = try RunStore(folder: RunStore.folder(besidePipeline: path))
    let service = RunService(
      store: store, executors: ["local": LocalStepExecutor(launcher: launcher)], sources: sources,
      environment: environment)
    let previousID = try FirstRun(pipeline: pipeline, service: service, environment: environment).ensure()
    let overrides = [
      Binding(
        name: override.name, raw: .text(override.value), layer: .run,
        source: .command("\(override.name)=\(override.value)", .commandLine))
    ]
    var series = DecideSeries()
    var counts = DecideCounts()
    for repetition in 0...repetitions {
      let input = ResolutionInput(pipeline: pipeline, environment: environment, runOverrides: overrides)
      let dynamic = DynamicValues(sources: sources, environment: environment, folder: pipeline.folder)
      let (snapshot, resolve) = Measure.time { Resolver(dynamic: dynamic).resolve(input) }
      if let problem = snapshot.problems.first { throw BenchFailure("does not resolve: \(problem)") }
      let (plan, planning) = Measure.time { Planner(dynamic: dynamic).plan(pipeline, snapshot: snapshot) }
      let (previous, reading) = try Measure.time { try store.run(id: previousID) }
      let cache = StoreStepCache(
        store: store, workspace: service.workspace, runID: previousID + 1, previous: previous)
      let (decided, deciding) = Measure.time { Self.decideAll(plan, cache: cache) }
      counts = decided
      if repetition == 0 { continue }  // warm-up
      series.append(resolve: resolve, plan: planning, previous: reading, steps: deciding)
    }
    Measure.report("decide.steps_in_pipeline", Double(pipeline.steps.count), "count")
    Measure.report("decide.parameters", Double(pipeline.parameters.count), "count")
    Measure.report("decide.reused", Double(counts.reused), "count")
    Measure.report("decide.rerun", Double(counts.rerun), "count")
    Measure.report("decide.skipped", Double(counts.skipped), "count")
    Measure.report("decide.load_once", load, "ms")
    series.report()
  }

  private func loadPipeline(_ path: String) throws -> Pipeline {
    let text = try Files.read(path)
    do { return try PipelineLoader().load(text: text, file: path, folder: Files.folder(of: path)).0 } catch {
      throw BenchFailure("\(path) does not load:\n\(error)")
    }
  }

  /// Decides every step in plan order, as the engine does before starting each one: a
  /// reused step passes its recorded result on, a step that would run passes on `ok` with
  /// its new fingerprint.
  static func decideAll(_ plan: Plan, cache: StoreStepCache) -> DecideCounts {
    var results: [String: StepRecord] = [:]
    var counts = DecideCounts()
    for planned in plan.steps {
      if !planned.runs {
        results[planned.name] = StepRecord(name: planned.name, state: .skipped)
        counts.skipped += 1
        continue
      }
      let decision = planned.step.cache ? cache.decide(planned, upstream: results) : CacheDecision(fingerprint: nil)
      var result = decision.reuse ?? StepRecord(name: planned.name, state: .ok)
      result.fingerprint = decision.fingerprint
      if decision.reuse == nil { counts.rerun += 1 } else { counts.reused += 1 }
      results[planned.name] = result
    }
    return counts
  }
}

/// How many steps a decision reused, would rerun, or skipped.
struct DecideCounts {
  var reused = 0
  var rerun = 0
  var skipped = 0
}

/// The timings of each repetition of a decision.
struct DecideSeries {
  var resolve: [Double] = []
  var plan: [Double] = []
  var previous: [Double] = []
  var steps: [Double] = []
  var total: [Double] = []

  mutating func append(resolve r: Double, plan p: Double, previous v: Double, steps s: Double) {
    resolve.append(r)
    plan.append(p)
    previous.append(v)
    steps.append(s)
    total.append(r + p + v + s)
  }

  func report() {
    Measure.reportMedians(
      "decide",
      ["resolve": resolve, "plan": plan, "previous_run": previous, "fingerprint_and_lookup": steps, "total": total])
  }
}
