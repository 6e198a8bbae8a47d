import PipelineCore

/// `resolve FILE`: loads the pipeline file (YAML to model, with validation) and resolves
/// every parameter, timing the two apart. Fails if the snapshot has problems, so an error
/// path is never what gets timed.
struct ResolveBench {
  var file: String
  var repetitions: Int
  var environment: [String: String]

  func run() throws {
    let text = try Files.read(file)
    let folder = Files.folder(of: file)
    let sources = LocalDynamicSources(launcher: PosixProcessLauncher(), environment: environment)
    var loads: [Double] = [], resolves: [Double] = [], totals: [Double] = []
    var parameterCount = 0
    for repetition in 0...repetitions {
      let (pipeline, load) = try Measure.time { () throws -> Pipeline in
        do { return try PipelineLoader().load(text: text, file: file, folder: folder).0 } catch {
          throw BenchFailure("\(file) does not load:\n\(error)")
        }
      }
      let input = ResolutionInput(pipeline: pipeline, environment: environment)
      let (snapshot, resolve) = Measure.time { Resolver(sources: sources, input: input).resolve(input) }
      if let problem = snapshot.problems.first { throw BenchFailure("\(file) does not resolve: \(problem)") }
      parameterCount = snapshot.parameters.count
      if repetition == 0 { continue }  // warm-up
      loads.append(load)
      resolves.append(resolve)
      totals.append(load + resolve)
    }
    Measure.report("resolve.parameters", Double(parameterCount), "count")
    Measure.report("resolve.repetitions", Double(repetitions), "count")
    Measure.reportMedians("resolve", ["load": loads, "resolve": resolves, "total": totals])
  }
}
